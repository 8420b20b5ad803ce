/**
 * One person's record as a FHIR R4 Bundle of type `collection`: every resource with its fullUrl,
 * references resolved within the Bundle. Pure: the server loader (src/lib/server/fhir-export.ts)
 * gathers the rows; the tests validate the result against the R4 definitions.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { toActionTasks, toEncounters, toFlags, toServiceRequests } from './activity';
import { toCarePlans, toCareTeam, toGoals, toReviewTask } from './careplan';
import { derivedId, fullUrl, instant } from './ids';
import { toObservations } from './observations';
import { teamMembers, toPatient, toPractice, toPractitioner, toRelatedPerson } from './people';
import type { FhirRecordInput } from './record';

export type { FhirRecordInput, TeamMember } from './record';

/** The media type of the export (FHIR R4 JSON). */
export const FHIR_JSON = 'application/fhir+json';

/**
 * The Bundle: Patient and their practice, the team members it names, the people important to them,
 * the care plan with its contingency plan, goals and care team, tasks (actions and the review),
 * flags, referrals, outcome measures and encounters. `concernFlagged` is the record's "open
 * safeguarding concern" mark, so that it is exported even when no concern row is held.
 */
export function patientBundle(
	input: FhirRecordInput,
	options: { concernFlagged?: boolean } = {}
): Bundle {
	const resources: Resource[] = [
		toPatient(input),
		toPractice(input),
		...teamMembers(input).map(toPractitioner),
		...input.personalContacts.map((c) => toRelatedPerson(input, c)),
		...toCarePlans(input),
		...toGoals(input),
		...toCareTeam(input),
		...toReviewTask(input),
		...toActionTasks(input),
		...toFlags(input, { concernFlagged: options.concernFlagged ?? false }),
		...toServiceRequests(input),
		...toObservations(input),
		...toEncounters(input)
	];
	const entry: BundleEntry[] = resources.map((resource) => ({
		fullUrl: fullUrl(resource.id!),
		resource
	}));
	return {
		resourceType: 'Bundle',
		id: derivedId('export', input.patient.id, instant(input.exportedAt)),
		type: 'collection',
		timestamp: instant(input.exportedAt),
		entry
	};
}

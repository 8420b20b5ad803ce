/**
 * What was done for the person, as FHIR R4: follow-up actions → Task, referrals to the care
 * coordination service and to community services (social prescribing) → ServiceRequest, contacts
 * and MDT discussions → Encounter, and open safeguarding concerns and frailty → Flag. Codes only
 * from the one SNOMED CT table; what has no verified code is written in words.
 */
import type { Encounter, Flag, ServiceRequest, Task } from '@medplum/fhirtypes';
import type { ActionPriority, ActionStatus } from '../actions';
import type { ServiceReferralStatus } from '../community-services';
import { CONTACT_KIND_LABELS, type ContactKind } from '../contact-log';
import { FRAILTY_LABELS, frailtyCategory } from '../frailty';
import {
	REFERRAL_SOURCE_LABELS,
	REFERRED_ON_TO_LABELS,
	TRIAGE_OUTCOME_LABELS,
	type TriageOutcome
} from '../referrals';
import { SAFEGUARDING_CATEGORY_LABELS } from '../safeguarding';
import { SNOMED } from '../snomed';
import { concept, derivedId, instant, resourceId } from './ids';
import { patientRef, practitionerRef } from './people';
import type { FhirRecordInput } from './record';

const TASK_STATUS: Record<ActionStatus, Task['status']> = {
	open: 'ready',
	in_progress: 'in-progress',
	done: 'completed',
	cancelled: 'cancelled'
};

/** Only the words both vocabularies share; "soon" has no FHIR equivalent and is noted instead. */
const PRIORITY: Record<ActionPriority, Task['priority'] | null> = {
	routine: 'routine',
	soon: null,
	urgent: 'urgent'
};

/** Follow-up actions: owner, due date (restriction.period.end) and status. */
export function toActionTasks(input: FhirRecordInput): Task[] {
	return input.actions.map((action) => {
		const priority = PRIORITY[action.priority];
		return {
			resourceType: 'Task',
			id: resourceId(action.id),
			status: TASK_STATUS[action.status],
			intent: 'plan',
			...(priority ? { priority } : { note: [{ text: 'Priority: soon' }] }),
			description: action.description,
			for: patientRef(input),
			authoredOn: instant(action.createdAt),
			owner: practitionerRef(action.assignee),
			...(action.dueDate ? { restriction: { period: { end: action.dueDate } } } : {})
		};
	});
}

const REFERRAL_STATUS: Record<TriageOutcome, ServiceRequest['status']> = {
	accepted: 'completed',
	signposted: 'completed',
	referred_on: 'completed',
	declined: 'revoked'
};

const SERVICE_REFERRAL_STATUS: Record<ServiceReferralStatus, ServiceRequest['status']> = {
	sent: 'active',
	accepted: 'active',
	attended: 'completed',
	closed: 'completed',
	did_not_attend: 'revoked',
	declined: 'revoked'
};

/**
 * Referrals to the care coordination service ("referral to care coordinator": no verified code)
 * and referrals to community services, coded "Referral to social prescribing service".
 */
export function toServiceRequests(input: FhirRecordInput): ServiceRequest[] {
	const subject = patientRef(input);
	const toService = input.referrals.map((r): ServiceRequest => ({
		resourceType: 'ServiceRequest',
		id: resourceId(r.id),
		status: r.outcome ? REFERRAL_STATUS[r.outcome] : 'active',
		intent: 'order',
		...(r.urgency === 'soon' ? {} : { priority: r.urgency }),
		code: concept('Referral to care coordinator'),
		subject,
		authoredOn: r.receivedOn,
		requester: { display: `${r.referrer} (${REFERRAL_SOURCE_LABELS[r.source]})` },
		reasonCode: [{ text: r.reason }],
		...(r.outcome
			? {
					note: [
						{
							text: `Triage outcome: ${TRIAGE_OUTCOME_LABELS[r.outcome]}${r.referredOnTo ? ` (${REFERRED_ON_TO_LABELS[r.referredOnTo]})` : ''}${r.urgency === 'soon' ? '. Urgency: soon' : ''}`
						}
					]
				}
			: r.urgency === 'soon'
				? { note: [{ text: 'Urgency: soon' }] }
				: {})
	}));
	const socialPrescribing = input.serviceReferrals.map((r): ServiceRequest => ({
		resourceType: 'ServiceRequest',
		id: resourceId(r.id),
		status: SERVICE_REFERRAL_STATUS[r.status],
		intent: 'order',
		code: concept('Referral to social prescribing service', SNOMED.socialPrescribingReferral),
		subject,
		authoredOn: r.sentOn,
		requester: practitionerRef(r.by),
		performer: [{ display: r.service }],
		reasonCode: [{ text: r.reason }]
	}));
	return [...toService, ...socialPrescribing];
}

/** HL7 v3 ActCode classes: a visit is home health; calls, messages and letters are virtual. */
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const CONTACT_CLASS: Record<ContactKind, { code: string; display: string }> = {
	call: { code: 'VR', display: 'virtual' },
	visit: { code: 'HH', display: 'home health' },
	message: { code: 'VR', display: 'virtual' },
	letter: { code: 'VR', display: 'virtual' }
};

/** Contacts from the contact log, and MDT discussions coded "Multidisciplinary care conference". */
export function toEncounters(input: FhirRecordInput): Encounter[] {
	const subject = patientRef(input);
	const contacts = input.contacts.map((c): Encounter => ({
		resourceType: 'Encounter',
		id: resourceId(c.id),
		status: 'finished',
		class: { system: ACT_CODE, ...CONTACT_CLASS[c.kind] },
		type: [{ text: `${CONTACT_KIND_LABELS[c.kind]} with ${c.withWhom}` }],
		subject,
		participant: [{ individual: practitionerRef(c.by) }],
		period: {
			start: instant(c.occurredAt),
			...(c.durationMinutes
				? { end: instant(new Date(c.occurredAt.getTime() + c.durationMinutes * 60_000)) }
				: {})
		},
		...(c.durationMinutes ? { length: minutes(c.durationMinutes) } : {})
	}));
	const discussions = input.discussions.map((d): Encounter => ({
		resourceType: 'Encounter',
		id: derivedId('mdt-discussion', d.meetingId, d.itemId),
		status: 'finished',
		class: { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
		type: [concept(`Multidisciplinary care conference: ${d.title}`, SNOMED.mdtConference)],
		subject,
		...(d.members.length
			? { participant: d.members.map((m) => ({ individual: practitionerRef(m) })) }
			: {}),
		period: {
			start: instant(d.startedAt),
			...(d.endedAt ? { end: instant(d.endedAt) } : {})
		}
	}));
	return [...contacts, ...discussions];
}

function minutes(value: number) {
	return { value, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' };
}

/**
 * Flags: each open safeguarding concern by its category only — never its description, which only
 * clinical roles may read (hazard: safeguarding details disclosed) — and the frailty category of
 * the eFI, coded, when the person is frail. A person marked as having an open concern with no
 * concern recorded gets one Flag without a category.
 */
export function toFlags(input: FhirRecordInput, options: { concernFlagged: boolean }): Flag[] {
	const subject = patientRef(input);
	const concerns = input.openConcerns.map((c): Flag => ({
		resourceType: 'Flag',
		id: resourceId(c.id),
		status: 'active',
		category: [{ text: 'Safeguarding' }],
		code: {
			text: `Open safeguarding concern: ${SAFEGUARDING_CATEGORY_LABELS[c.category]}`
		},
		subject,
		period: { start: instant(c.raisedAt) }
	}));
	if (concerns.length === 0 && options.concernFlagged) {
		concerns.push({
			resourceType: 'Flag',
			id: derivedId('safeguarding-flag', input.patient.id),
			status: 'active',
			category: [{ text: 'Safeguarding' }],
			code: { text: 'Open safeguarding concern' },
			subject
		});
	}
	const deficits = input.patient.efiDeficits;
	const category = deficits === null ? 'fit' : frailtyCategory(deficits);
	const frailty: Flag[] =
		category === 'fit'
			? []
			: [
					{
						resourceType: 'Flag',
						id: derivedId('frailty-flag', input.patient.id),
						status: 'active',
						category: [{ text: 'Clinical' }],
						code: concept(
							`${FRAILTY_LABELS[category]} (eFI ${deficits}/36 deficits)`,
							{
								mild: SNOMED.mildFrailty,
								moderate: SNOMED.moderateFrailty,
								severe: SNOMED.severeFrailty
							}[category]
						),
						subject
					}
				];
	return [...concerns, ...frailty];
}

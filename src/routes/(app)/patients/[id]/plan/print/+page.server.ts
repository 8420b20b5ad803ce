import { error } from '@sveltejs/kit';
import { changedSinceAgreed } from '$lib/domain/collab/careplan/agreement';
import { carePlanSections } from '$lib/domain/collab/careplan/sections';
import { londonToday } from '$lib/domain/london-time';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { requireLive } from '$lib/server/documents-api';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { currentPlan, lastAgreement, openPlanVersion } from '$lib/server/plan-versions';
import type { PageServerLoad } from './$types';

/**
 * The plan to print for the person and their carer: the current plan, or ?version=<id>. Whether
 * it was agreed comes from the version last agreed with the person (at or before the one printed),
 * and says so when the plan printed differs from it.
 */
export const load: PageServerLoad = async ({ params, parent, url }) => {
	const user = authorise('patient:read');
	await parent();
	const versionId = url.searchParams.get('version');
	try {
		const printed = versionId
			? await openPlanVersion(db(), user, params.id, versionId)
			: {
					version: null,
					sections: carePlanSections(await currentPlan(db(), requireLive(), user, params.id))
				};
		if (!printed) error(404, 'Version not found');
		const agreed = await lastAgreement(db(), user, params.id, printed.version?.createdAt);
		return {
			sections: printed.sections,
			agreement: agreed && {
				agreedOn: agreed.agreedOn,
				agreedHow: agreed.agreedHow,
				changed: changedSinceAgreed(agreed.sections, printed.sections)
			},
			version: printed.version && {
				label: printed.version.label,
				createdAt: printed.version.createdAt
			},
			printedOn: londonToday()
		};
	} catch (e) {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	}
};

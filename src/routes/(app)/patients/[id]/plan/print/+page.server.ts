import { error } from '@sveltejs/kit';
import { carePlanSections } from '$lib/domain/collab/careplan/sections';
import { londonToday } from '$lib/domain/london-time';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { requireLive } from '$lib/server/documents-api';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { currentPlan, openPlanVersion } from '$lib/server/plan-versions';
import type { PageServerLoad } from './$types';

/** The plan to print for the person and their carer: the current plan, or ?version=<id>. */
export const load: PageServerLoad = async ({ params, parent, url }) => {
	const user = authorise('patient:read');
	await parent();
	const versionId = url.searchParams.get('version');
	try {
		if (versionId) {
			const opened = await openPlanVersion(db(), user, params.id, versionId);
			if (!opened) error(404, 'Version not found');
			return {
				sections: opened.sections,
				review: opened.plan.carePlan.review,
				version: { label: opened.version.label, createdAt: opened.version.createdAt },
				printedOn: londonToday()
			};
		}
		const plan = await currentPlan(db(), requireLive(), user, params.id);
		return {
			sections: carePlanSections(plan),
			review: plan.carePlan.review,
			version: null,
			printedOn: londonToday()
		};
	} catch (e) {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	}
};

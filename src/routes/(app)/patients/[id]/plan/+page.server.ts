import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { lastAgreement } from '$lib/server/plan-versions';
import type { PageServerLoad } from './$types';

/**
 * The patient's care and support plan, co-edited live: the layout has read the patient (another
 * PCN's patient is a 404) and the plan's review date. Clinical roles edit; everyone else who may
 * read patients watches (the /collab server enforces the same rule on the socket). The version
 * last agreed with the person comes too, so the tab says whether the plan has changed since.
 */
export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	await parent();
	const agreed = await lastAgreement(db(), user, params.id).catch((e: unknown) => {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	});
	return {
		mayEditPlan: can(user.role, 'careplan:edit'),
		mayAgreePlan: can(user.role, 'careplan:agree'),
		agreed
	};
};

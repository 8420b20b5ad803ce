import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { listPlanVersions } from '$lib/server/plan-versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent, url }) => {
	const user = authorise('patient:read');
	await parent();
	const versions = await listPlanVersions(db(), user, params.id).catch((e: unknown) => {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	});
	return {
		versions,
		/** The version Mark as agreed has just saved, to confirm it. */
		agreed: versions.find((v) => v.id === url.searchParams.get('agreed')) ?? null,
		mayAgree: can(user.role, 'careplan:agree')
	};
};

import { error } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { requireLive } from '$lib/server/documents-api';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { comparePlanVersions } from '$lib/server/plan-versions';
import type { PageServerLoad } from './$types';

/** ?from=<version id>&to=<version id or "current">: the earlier and the later. */
export const load: PageServerLoad = async ({ params, parent, url }) => {
	const user = authorise('patient:read');
	await parent();
	const from = url.searchParams.get('from') ?? '';
	const to = url.searchParams.get('to') ?? '';
	const compared = await comparePlanVersions(db(), requireLive(), user, params.id, {
		from,
		to
	}).catch((e: unknown) => {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	});
	if (!compared) error(404, 'Version not found');
	return compared;
};

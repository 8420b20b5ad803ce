import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { listReferrals } from '$lib/server/referrals';
import type { PageServerLoad } from './$types';

/** The person's referrals to care coordination, newest first, with each triage outcome. */
export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	await parent();
	const page = await listReferrals(
		db(),
		user,
		{ status: 'all', patientId: params.id, limit: 500 },
		{ ip: clientIp() }
	);
	return { referrals: page.referrals, targetDays: page.targetDays };
};

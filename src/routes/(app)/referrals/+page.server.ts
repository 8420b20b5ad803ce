import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { referralFilters } from '$lib/server/referral-filters';
import { decodeReferralCursor, listReferrals } from '$lib/server/referrals';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const parsed = referralFilters(url.searchParams);
	if (!parsed.ok) error(400, parsed.message);
	const after = url.searchParams.get('after') ?? undefined;
	if (after !== undefined && !decodeReferralCursor(after))
		error(400, 'This page link is not valid');
	const page = await listReferrals(
		db(),
		user,
		{ ...parsed.filters, cursor: after, limit: 50 },
		{ ip: clientIp() }
	);
	return {
		...page,
		filters: parsed.filters,
		may: { receive: can(user.role, 'referral:triage'), setTarget: can(user.role, 'pcn:settings') }
	};
};

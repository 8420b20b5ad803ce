import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { decodeReferralCursor, listReferrals, type ReferralPage } from '$lib/server/referrals';
import { referralFilters } from '$lib/server/referral-filters';
import { PAGE_LIMIT_MESSAGE, pageLimit } from '$lib/server/validation';
import type { RequestHandler } from './$types';

export type ReferralsResponse = ReferralPage;

/**
 * GET /api/referrals?status=open|triaged|all&source=&urgency=&overdue=true&outcome=&limit=&cursor=
 * — the referrals of the caller's PCN, newest received first, a page at a time. Audited as a view.
 */
export const GET: RequestHandler = async ({ url }) => {
	const user = authorise('patient:read');
	const parsed = referralFilters(url.searchParams);
	if (parsed.problem) error(400, parsed.problem);
	const limit = pageLimit(url.searchParams, 100);
	if (limit === null) error(400, PAGE_LIMIT_MESSAGE);
	const cursor = url.searchParams.get('cursor') ?? undefined;
	if (cursor !== undefined && !decodeReferralCursor(cursor)) error(400, 'cursor is not valid');
	const page: ReferralsResponse = await listReferrals(
		db(),
		user,
		{ ...parsed.filters, limit, cursor },
		{ ip: clientIp() }
	);
	return json(page);
};

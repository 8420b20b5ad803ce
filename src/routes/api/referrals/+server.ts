import { error, json } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { decodeReferralCursor, listReferrals, type ReferralPage } from '$lib/server/referrals';
import { referralFilters } from '$lib/server/referral-filters';
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
	const rawLimit = url.searchParams.get('limit');
	const limit = rawLimit === null ? 100 : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
		error(400, 'limit must be a whole number from 1 to 500');
	}
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

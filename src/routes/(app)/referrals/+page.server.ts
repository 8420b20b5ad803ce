import { can } from '$lib/domain/roles';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { referralFilters } from '$lib/server/referral-filters';
import { countReferralOutcomes, decodeReferralCursor, listReferrals } from '$lib/server/referrals';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	// A value the inbox does not know (an old or mistyped link) is left out, not refused: the
	// filters without it, and the first page for a page link that is not one.
	const parsed = referralFilters(url.searchParams);
	const raw = url.searchParams.get('after');
	const after = raw && decodeReferralCursor(raw) ? raw : undefined;
	const [page, outcomes] = await Promise.all([
		listReferrals(db(), user, { ...parsed.filters, cursor: after, limit: 50 }, { ip: clientIp() }),
		countReferralOutcomes(db(), user, parsed.filters)
	]);
	return {
		...page,
		outcomes,
		filters: parsed.filters,
		may: { receive: can(user.role, 'referral:triage'), setTarget: can(user.role, 'pcn:settings') }
	};
};

/**
 * The referrals inbox's filters as they travel in a URL (the page's GET form and the JSON API):
 * `status` (open, triaged, all; default open), `source`, `urgency`, `overdue=true`. Anything
 * else in those parameters is refused with a message rather than ignored.
 */
import { REFERRAL_SOURCES, REFERRAL_URGENCIES } from '../domain/referrals';
import { REFERRAL_STATUSES, type ReferralFilters } from './referrals';

export function referralFilters(
	params: URLSearchParams
): { ok: true; filters: ReferralFilters } | { ok: false; message: string } {
	const status = params.get('status') || 'open';
	const source = params.get('source') || undefined;
	const urgency = params.get('urgency') || undefined;
	const overdue = params.get('overdue') || undefined;
	if (!(REFERRAL_STATUSES as readonly string[]).includes(status)) {
		return { ok: false, message: `status must be one of ${REFERRAL_STATUSES.join(', ')}` };
	}
	if (source !== undefined && !(REFERRAL_SOURCES as readonly string[]).includes(source)) {
		return { ok: false, message: `source must be one of ${REFERRAL_SOURCES.join(', ')}` };
	}
	if (urgency !== undefined && !(REFERRAL_URGENCIES as readonly string[]).includes(urgency)) {
		return { ok: false, message: `urgency must be one of ${REFERRAL_URGENCIES.join(', ')}` };
	}
	if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') {
		return { ok: false, message: 'overdue must be true or false' };
	}
	return {
		ok: true,
		filters: {
			status: status as ReferralFilters['status'],
			source: source as ReferralFilters['source'],
			urgency: urgency as ReferralFilters['urgency'],
			overdue: overdue === 'true'
		}
	};
}

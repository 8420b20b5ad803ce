/**
 * The referrals inbox's filters as they travel in a URL (the page's GET form and the JSON API):
 * `status` (open, triaged, all; default open; with an outcome always all, since only triaged
 * referrals have one), `source`, `urgency`,
 * `overdue=true`, `outcome` (what triage decided). A value not
 * among those is dropped from the filters and named in `problem`: the page shows the choice
 * without it (an old or mistyped link still opens, as the caseload's does), the API answers 400.
 */
import { REFERRAL_SOURCES, REFERRAL_URGENCIES, TRIAGE_OUTCOMES } from '../domain/referrals';
import { REFERRAL_STATUSES, type ReferralFilters } from './referrals';

export type ParsedReferralFilters = { filters: ReferralFilters; problem: string | null };

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[]) =>
	value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export function referralFilters(params: URLSearchParams): ParsedReferralFilters {
	const raw = {
		status: params.get('status') || undefined,
		source: params.get('source') || undefined,
		urgency: params.get('urgency') || undefined,
		overdue: params.get('overdue') || undefined,
		outcome: params.get('outcome') || undefined
	};
	const outcome = oneOf(raw.outcome, TRIAGE_OUTCOMES);
	const filters: ReferralFilters = {
		// Asked for an outcome, the inbox shows those triaged with it: open ones have none, so
		// "open" (the form's first choice, sent with every outcome chosen there) reads as all.
		status: outcome ? 'all' : (oneOf(raw.status, REFERRAL_STATUSES) ?? 'open'),
		source: oneOf(raw.source, REFERRAL_SOURCES),
		urgency: oneOf(raw.urgency, REFERRAL_URGENCIES),
		overdue: raw.overdue === 'true',
		outcome
	};
	const problems = [
		raw.status !== undefined && !oneOf(raw.status, REFERRAL_STATUSES)
			? `status must be one of ${REFERRAL_STATUSES.join(', ')}`
			: null,
		raw.source !== undefined && !filters.source
			? `source must be one of ${REFERRAL_SOURCES.join(', ')}`
			: null,
		raw.urgency !== undefined && !filters.urgency
			? `urgency must be one of ${REFERRAL_URGENCIES.join(', ')}`
			: null,
		raw.overdue !== undefined && raw.overdue !== 'true' && raw.overdue !== 'false'
			? 'overdue must be true or false'
			: null,
		raw.outcome !== undefined && !outcome
			? `outcome must be one of ${TRIAGE_OUTCOMES.join(', ')}`
			: null
	];
	return { filters, problem: problems.find((p) => p !== null) ?? null };
}

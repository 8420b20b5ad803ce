/**
 * How a referral to a community service (social prescribing) moves on, as a real one does: the
 * service accepts or declines it (or a drop-in group simply sees the person, or not), the person
 * attends or does not, and it is closed when it has run its course. Pure: the service, the pages
 * and the tests read these rules.
 */
import { SERVICE_REFERRAL_STATUS_LABELS, type ServiceReferralStatus } from './community-services';

/** From each status, the statuses it may move to. Closed is final: nothing more is recorded. */
export const NEXT_SERVICE_REFERRAL_STATUSES: Record<
	ServiceReferralStatus,
	readonly ServiceReferralStatus[]
> = {
	sent: ['accepted', 'attended', 'did_not_attend', 'declined', 'closed'],
	accepted: ['attended', 'did_not_attend', 'declined', 'closed'],
	// Did not attend, then offered another date: accepted again, or seen after all.
	did_not_attend: ['accepted', 'attended', 'declined', 'closed'],
	attended: ['closed'],
	declined: ['closed'],
	closed: []
};

/** Still waiting on the service or the person: sent, or accepted and not yet seen. */
export const OPEN_SERVICE_REFERRAL_STATUSES: readonly ServiceReferralStatus[] = [
	'sent',
	'accepted'
];

/**
 * Statuses that need their outcome in words: why it was declined, how it ended. Without them the
 * record says that something stopped but not why, and the team cannot follow it up.
 */
export const OUTCOME_REQUIRED: readonly ServiceReferralStatus[] = ['declined', 'closed'];

/**
 * The statuses a referral at `current` may be given now: its own (to add or correct the outcome)
 * and those it may move to. None once closed.
 */
export function statusChoices(current: ServiceReferralStatus): ServiceReferralStatus[] {
	if (current === 'closed') return [];
	return [current, ...NEXT_SERVICE_REFERRAL_STATUSES[current]];
}

/**
 * What is wrong with moving a referral from `current` to `next` with this outcome, by field
 * (`status`, `outcome`); empty when it may be recorded.
 */
export function statusChangeProblems(
	current: ServiceReferralStatus,
	next: ServiceReferralStatus,
	outcome: string | null
): Record<string, string> {
	const problems: Record<string, string> = {};
	if (current === 'closed') {
		problems.status = 'This referral is closed: nothing more can be recorded on it';
	} else if (!statusChoices(current).includes(next)) {
		problems.status = `A referral marked “${SERVICE_REFERRAL_STATUS_LABELS[current]}” cannot be marked “${SERVICE_REFERRAL_STATUS_LABELS[next]}”`;
	}
	if (!problems.status && OUTCOME_REQUIRED.includes(next) && !outcome) {
		problems.outcome =
			next === 'declined' ? 'Enter why it was declined' : 'Enter the outcome before closing it';
	}
	return problems;
}

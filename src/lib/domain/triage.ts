/**
 * The rules of a referral's triage, pure so that the service and its tests read one answer.
 * Source: issue 10, item 3 and "Bad input and safety": the first contact (date, method, who) is
 * not before the referral nor in the future; signposting records to what (otherwise invisible);
 * referring on records to whom; declining records why; three failed attempts at a first contact
 * ask for a decision, which may then be made without one.
 */
import {
	FAILED_ATTEMPTS_BEFORE_DECISION,
	type ContactMode,
	type ReferredOnTo,
	type TriageOutcome
} from './referrals';

export type TriageDecision = {
	/** `YYYY-MM-DD`, or null when no first contact was made. */
	firstContactOn: string | null;
	firstContactMode: ContactMode | null;
	outcome: TriageOutcome;
	/** Signposted to what, referred on to whom, why declined, or a note on acceptance. */
	outcomeDetail: string | null;
	referredOnTo: ReferredOnTo | null;
};

/**
 * The form field that holds the outcome's detail: each outcome reveals its own question, so each
 * has its own field (and its own error).
 */
export const OUTCOME_DETAIL_FIELD: Record<TriageOutcome, string> = {
	accepted: 'acceptedNote',
	signposted: 'signpostedTo',
	referred_on: 'referredOnDetail',
	declined: 'declineReason'
};

/**
 * What is wrong with a triage decision, by form field (empty when nothing).
 * @param referral its received day (`YYYY-MM-DD`) and its failed attempts so far
 * @param today `YYYY-MM-DD` in England
 */
export function triageProblems(
	decision: TriageDecision,
	referral: { receivedOn: string; failedAttempts: number },
	today: string
): Record<string, string> {
	const problems: Record<string, string> = {};
	const { firstContactOn, outcome } = decision;
	if (firstContactOn === null) {
		if (referral.failedAttempts < FAILED_ATTEMPTS_BEFORE_DECISION) {
			problems.firstContactOn = 'Enter the date of the first contact';
		}
	} else if (firstContactOn < referral.receivedOn) {
		problems.firstContactOn = 'The first contact cannot be before the referral was received';
	} else if (firstContactOn > today) {
		problems.firstContactOn = 'The first contact cannot be in the future';
	}
	if (firstContactOn !== null && decision.firstContactMode === null) {
		problems.firstContactMode = 'Choose how the first contact was made';
	}
	const detail = OUTCOME_DETAIL_FIELD[outcome];
	if (outcome === 'signposted' && !decision.outcomeDetail) {
		problems[detail] = 'Enter what they were signposted to';
	}
	if (outcome === 'referred_on') {
		if (!decision.referredOnTo) problems.referredOnTo = 'Choose whom they were referred on to';
		if (decision.referredOnTo === 'other_professional' && !decision.outcomeDetail) {
			problems[detail] = 'Enter which professional they were referred on to';
		}
	}
	if (outcome === 'declined' && !decision.outcomeDetail) {
		problems[detail] = 'Enter why the referral was declined';
	}
	return problems;
}

/**
 * Vocabulary of the care coordinator's caseload: why a person's caseload episode opened and
 * why it closed (the database enums, the forms and the pages read these).
 */

/** How a person came onto the caseload. */
export const EPISODE_OPEN_REASONS = ['accepted_from_referral', 'proactively_identified'] as const;
export type EpisodeOpenReason = (typeof EPISODE_OPEN_REASONS)[number];

export const EPISODE_OPEN_REASON_LABELS: Record<EpisodeOpenReason, string> = {
	accepted_from_referral: 'Accepted from a referral',
	proactively_identified: 'Proactively identified'
};

/** Why a person was discharged from the caseload. */
export const EPISODE_CLOSE_REASONS = ['goals_met', 'moved_away', 'declined', 'died'] as const;
export type EpisodeCloseReason = (typeof EPISODE_CLOSE_REASONS)[number];

export const EPISODE_CLOSE_REASON_LABELS: Record<EpisodeCloseReason, string> = {
	goals_met: 'Goals met',
	moved_away: 'Moved away',
	declined: 'Declined further support',
	died: 'Died'
};

/**
 * Why someone may need the coordinator now: the proactive identification criteria of the
 * care coordinator role (../shared/domain: frailty, recent discharge, low activation) and the
 * record's own flags. eFI moderate or severe is 9 deficits or more (frailty.ts); a discharge
 * counts for 14 days; PAM level 1 is the latest PAM's level (measures.ts).
 */
export const RISK_REASONS = [
	'frailty',
	'recent_discharge',
	'pam_level_1',
	'review_overdue',
	'safeguarding',
	'many_appointments'
] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

export const RISK_REASON_LABELS: Record<RiskReason, string> = {
	frailty: 'Moderate or severe frailty',
	recent_discharge: 'Discharged in the last 14 days',
	pam_level_1: 'PAM level 1',
	review_overdue: 'Plan review overdue',
	safeguarding: 'Open safeguarding concern',
	many_appointments: 'Many appointments (4 or more in 90 days)'
};

/** Days after a hospital discharge during which it counts as recent. */
export const RECENT_DISCHARGE_DAYS = 14;
/** Appointments (not cancelled) within MANY_APPOINTMENTS_DAYS that make "many appointments". */
export const MANY_APPOINTMENTS = 4;
export const MANY_APPOINTMENTS_DAYS = 90;
/** A plan review is "due" from this many days before its date. */
export const REVIEW_DUE_WITHIN_DAYS = 14;

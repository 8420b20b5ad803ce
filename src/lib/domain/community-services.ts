/**
 * Vocabulary of community services (VCSE and statutory) and social prescribing referrals to
 * them (the database enums, the forms, the pages and the API read these). Categories follow
 * the care coordinator and social prescribing link worker roles (../shared/seeds).
 */

export const SERVICE_CATEGORIES = [
	'benefits_money',
	'employment',
	'training',
	'housing',
	'peer_support',
	'self_management',
	'befriending',
	'physical_activity',
	'carers_support',
	'mental_wellbeing'
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const SERVICE_CATEGORY_LABELS: Record<ServiceCategory, string> = {
	benefits_money: 'Benefits and money advice',
	employment: 'Employment',
	training: 'Training and education',
	housing: 'Housing',
	peer_support: 'Peer support',
	self_management: 'Self-management courses',
	befriending: 'Befriending',
	physical_activity: 'Physical activity',
	carers_support: 'Carers’ support',
	mental_wellbeing: 'Mental wellbeing'
};

/** Where a referral to a service has got to. */
export const SERVICE_REFERRAL_STATUSES = [
	'sent',
	'accepted',
	'attended',
	'did_not_attend',
	'declined',
	'closed'
] as const;
export type ServiceReferralStatus = (typeof SERVICE_REFERRAL_STATUSES)[number];

export const SERVICE_REFERRAL_STATUS_LABELS: Record<ServiceReferralStatus, string> = {
	sent: 'Sent',
	accepted: 'Accepted',
	attended: 'Attended',
	did_not_attend: 'Did not attend',
	declined: 'Declined',
	closed: 'Closed'
};

/** What a service told the team, kept for service development. */
export const SERVICE_FEEDBACK_KINDS = ['capacity', 'gap', 'quality'] as const;
export type ServiceFeedbackKind = (typeof SERVICE_FEEDBACK_KINDS)[number];

export const SERVICE_FEEDBACK_KIND_LABELS: Record<ServiceFeedbackKind, string> = {
	capacity: 'Capacity or waiting time',
	gap: 'A gap in what is available',
	quality: 'How the service is working'
};

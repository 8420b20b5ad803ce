/**
 * Vocabulary of referrals to the care coordination service and their telephone triage (the
 * database enums, the forms, the pages and the API read these).
 */

export const REFERRAL_SOURCES = [
	'gp_practice',
	'hospital_discharge',
	'community_services',
	'vcse',
	'self',
	'family_carer'
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
	gp_practice: 'GP or practice team',
	hospital_discharge: 'Hospital discharge',
	community_services: 'Community services',
	vcse: 'Voluntary or community organisation (VCSE)',
	self: 'Self-referral',
	family_carer: 'Family or carer'
};

/**
 * The main need a referral presents, chosen from a short list so that referral patterns can be
 * counted (the reason itself stays free text). Drawn from the care coordinator and social
 * prescribing link worker job descriptions (../shared/seeds): the needs they are referred for.
 */
export const PRESENTING_NEEDS = [
	'falls_frailty',
	'long_term_conditions',
	'after_hospital',
	'loneliness',
	'carer_strain',
	'money_housing',
	'mental_wellbeing',
	'memory',
	'medicines',
	'other'
] as const;
export type PresentingNeed = (typeof PRESENTING_NEEDS)[number];

export const PRESENTING_NEED_LABELS: Record<PresentingNeed, string> = {
	falls_frailty: 'Falls or frailty',
	long_term_conditions: 'Managing several long-term conditions',
	after_hospital: 'Support after a hospital stay',
	loneliness: 'Loneliness or isolation',
	carer_strain: 'Carer strain',
	money_housing: 'Money, benefits or housing',
	mental_wellbeing: 'Low mood or mental wellbeing',
	memory: 'Memory or confusion',
	medicines: 'Medicines',
	other: 'Something else'
};

export const REFERRAL_URGENCIES = ['routine', 'soon', 'urgent'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const REFERRAL_URGENCY_LABELS: Record<ReferralUrgency, string> = {
	routine: 'Routine',
	soon: 'Soon',
	urgent: 'Urgent'
};

/** How a first contact (or an attempt at one) was made. */
export const CONTACT_MODES = [
	'telephone',
	'face_to_face',
	'home_visit',
	'video',
	'letter'
] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

export const CONTACT_MODE_LABELS: Record<ContactMode, string> = {
	telephone: 'Telephone',
	face_to_face: 'Face to face',
	home_visit: 'Home visit',
	video: 'Video call',
	letter: 'Letter'
};

/** What triage decided. */
export const TRIAGE_OUTCOMES = ['accepted', 'signposted', 'referred_on', 'declined'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const TRIAGE_OUTCOME_LABELS: Record<TriageOutcome, string> = {
	accepted: 'Accepted to the caseload',
	signposted: 'Signposted',
	referred_on: 'Referred on',
	declined: 'Declined'
};

/** Whom a referral is passed on to when triage refers it on. */
export const REFERRED_ON_TO = [
	'social_prescribing_link_worker',
	'health_wellbeing_coach',
	'other_professional'
] as const;
export type ReferredOnTo = (typeof REFERRED_ON_TO)[number];

export const REFERRED_ON_TO_LABELS: Record<ReferredOnTo, string> = {
	social_prescribing_link_worker: 'Social prescribing link worker',
	health_wellbeing_coach: 'Health and wellbeing coach',
	other_professional: 'Another professional'
};

/** Failed attempts at a first contact after which the coordinator is asked to decide. */
export const FAILED_ATTEMPTS_BEFORE_DECISION = 3;

/** The PCN's default target for a first contact, in working days after the referral arrives. */
export const DEFAULT_FIRST_CONTACT_TARGET_DAYS = 5;

/**
 * The words of the synthetic service history (history.ts): why people are referred and by whom,
 * where they are signposted, what the coordinator's contacts and the MDT's actions say, and a
 * directory of community services. Fictional; nothing here names a real person.
 */
import type { ServiceCategory } from '../../domain/community-services';
import type { PresentingNeed, ReferralSource } from '../../domain/referrals';

/** Why people are referred, by source, each with the main need it would be recorded as. */
export const HISTORY_REASONS: Record<
	ReferralSource,
	readonly (readonly [string, PresentingNeed])[]
> = {
	gp_practice: [
		[
			'Frequent attender; lives alone and struggling to manage several long-term conditions',
			'long_term_conditions'
		],
		['Recent falls and low mood; would benefit from coordinated support', 'falls_frailty'],
		['Missed several appointments; confused about medicines', 'medicines'],
		['Carer strain reported at review; needs a plan for both of them', 'carer_strain'],
		['Moderate frailty on eFI; asks for a care and support plan', 'falls_frailty'],
		['Poorly controlled diabetes and money worries', 'money_housing']
	],
	hospital_discharge: [
		['Discharged after a fall; needs follow-up at home and a check on equipment', 'after_hospital'],
		['Discharged after pneumonia; lives alone, no package of care', 'after_hospital'],
		[
			'Third admission this year with heart failure; coordination of community follow-up',
			'long_term_conditions'
		],
		['Discharged after a COPD exacerbation; inhaler technique and rescue pack', 'after_hospital']
	],
	community_services: [
		['District nurses concerned about self-neglect and isolation', 'loneliness'],
		['Community matron asks for help with benefits and housing', 'money_housing'],
		['Physiotherapy discharge: would benefit from staying active locally', 'falls_frailty'],
		['Memory service: newly diagnosed dementia, family need support', 'memory']
	],
	vcse: [
		['Food bank volunteers concerned about money worries and health', 'money_housing'],
		['Befriending service notes worsening memory and missed meals', 'memory'],
		['Housing association reports damp and a tenant struggling to cope', 'money_housing']
	],
	self: [
		['Asks for help to cope with several health problems and loneliness', 'loneliness'],
		['Wants support to get out more after bereavement', 'mental_wellbeing'],
		['Asks for help with forms for Attendance Allowance', 'money_housing']
	],
	family_carer: [
		['Daughter worried mum is not coping at home since dad died', 'mental_wellbeing'],
		['Husband caring alone, exhausted; asks for support for them both', 'carer_strain'],
		['Son lives away and worries about his father’s falls', 'falls_frailty']
	]
};

export const HISTORY_REFERRERS: Record<ReferralSource, readonly string[]> = {
	gp_practice: ['GP', 'Practice nurse', 'Practice pharmacist', 'Reception team lead'],
	hospital_discharge: ['Discharge team, General Hospital', 'Frailty unit, General Hospital'],
	community_services: ['District nursing team', 'Community matron', 'Community physiotherapy'],
	vcse: ['Food bank', 'Age UK', 'Housing association tenancy officer'],
	self: ['Self-referral by telephone', 'Self-referral online'],
	family_carer: ['Daughter, by telephone', 'Son, by email', 'Husband, by telephone']
};

export const HISTORY_SIGNPOSTED_TO = [
	'Citizens Advice',
	'Age UK befriending',
	'Walking for Health group',
	'Carers’ centre',
	'NHS Talking Therapies (self-referral)',
	'Men’s Shed',
	'Pension Credit helpline',
	'Local library digital help sessions',
	'Falls prevention exercise class'
];

export const HISTORY_OTHER_PROFESSIONALS = [
	'Community matron',
	'Falls prevention team',
	'Memory assessment service',
	'Adult social care'
];

export const HISTORY_DECLINE_REASONS = [
	'Already well supported by the community matron; no care coordination need',
	'The person declined: happy with their current support',
	'Moved out of the PCN’s area'
];

/** A referral whose three attempts at a first contact all failed (the service's rule). */
export const NO_REPLY = 'No reply after three attempts; letter sent and the GP informed';

export const HISTORY_ATTEMPT_NOTES = [
	'No answer',
	'No answer; voicemail left',
	'Line busy',
	'Wrong number on record'
];

export const HISTORY_CONTACTS: readonly { withWhom: string; summary: string }[] = [
	{ withWhom: 'the patient', summary: 'Checked in; agreed next steps and who will ring whom' },
	{ withWhom: 'daughter', summary: 'Talked through the medicines routine; delivery arranged' },
	{ withWhom: 'the patient', summary: 'Reviewed what matters to them and the plan together' },
	{ withWhom: 'the patient', summary: 'Reminder of the appointment and the transport time' },
	{ withWhom: 'the patient', summary: 'Wrote with the plan in large print, as asked' },
	{ withWhom: 'district nurse', summary: 'Shared concerns about pressure areas; visit booked' },
	{ withWhom: 'son', summary: 'Carer feeling the strain; offered a carer’s assessment' },
	{ withWhom: 'the patient and carer', summary: 'Joint visit with the link worker' },
	{ withWhom: 'social worker', summary: 'Agreed a review of the package of care' },
	{ withWhom: 'the patient', summary: 'Followed up the benefits check; forms sent off' }
];

export const HISTORY_APPOINTMENTS: readonly { withWhom: string; location: string }[] = [
	{ withWhom: 'Falls clinic', location: 'Community Hospital' },
	{ withWhom: 'GP', location: 'The practice' },
	{ withWhom: 'Memory assessment service', location: 'Community Hospital, outpatients' },
	{ withWhom: 'Heart failure nurse', location: 'The practice' },
	{ withWhom: 'Practice pharmacist (medicines review)', location: 'By telephone' }
];

export const HISTORY_AGENDA_REASONS = [
	'Severe frailty; care plan review due',
	'Recently discharged from hospital',
	'Two falls this month',
	'Carer strain reported by family',
	'Low activation (PAM level 1)',
	'Medication review and falls plan',
	'Housing problems affecting health',
	'Worsening memory; lives alone'
];

export const HISTORY_AGENDA_OUTCOMES = [
	'Refer to falls clinic; OT home assessment',
	'Carer assessment; refer to carers’ centre',
	'Structured medication review by the pharmacist',
	'Benefits check and housing referral',
	'Continue current plan; review in three months',
	'Start anticipatory care planning conversation'
];

export const HISTORY_ACTIONS = [
	'Refer to the falls clinic',
	'Arrange a carer’s assessment with the local authority',
	'Book a structured medication review',
	'Refer to Citizens Advice for a benefits check',
	'Ask the district nurses to visit',
	'Update the care and support plan with the person',
	'Request an occupational therapy home assessment',
	'Send the plan to the out-of-hours service'
];

/** The directory used when a PCN has no services of its own yet: two per category. */
export const HISTORY_SERVICES: readonly {
	name: string;
	category: ServiceCategory;
	reasons: readonly string[];
}[] = [
	{ name: 'Citizens Advice', category: 'benefits_money', reasons: ['Needs a benefits check'] },
	{ name: 'Money Matters advice line', category: 'benefits_money', reasons: ['Debt worries'] },
	{ name: 'Jobcentre Plus work coach', category: 'employment', reasons: ['Wants to work again'] },
	{ name: 'Working Well programme', category: 'employment', reasons: ['Back to work support'] },
	{ name: 'Adult learning service', category: 'training', reasons: ['Wants to learn skills'] },
	{
		name: 'Library digital help sessions',
		category: 'training',
		reasons: ['Help with the NHS App']
	},
	{ name: 'Council housing options team', category: 'housing', reasons: ['Damp, unsafe home'] },
	{ name: 'Home Improvement Agency', category: 'housing', reasons: ['Cannot manage the stairs'] },
	{ name: 'Diabetes peer support group', category: 'peer_support', reasons: ['Wants to share'] },
	{ name: 'Breathe Easy group', category: 'peer_support', reasons: ['Living with COPD'] },
	{ name: 'Self-management course', category: 'self_management', reasons: ['Several conditions'] },
	{ name: 'Pain management course', category: 'self_management', reasons: ['Long-term pain'] },
	{ name: 'Age UK befriending', category: 'befriending', reasons: ['Lives alone, lonely'] },
	{ name: 'Telephone friends', category: 'befriending', reasons: ['Housebound, isolated'] },
	{ name: 'Walking for Health', category: 'physical_activity', reasons: ['Wants to get fitter'] },
	{ name: 'Strength and balance class', category: 'physical_activity', reasons: ['Falls risk'] },
	{ name: 'Carers’ centre', category: 'carers_support', reasons: ['Carer strain'] },
	{ name: 'Carers’ respite service', category: 'carers_support', reasons: ['Carer needs a break'] },
	{ name: 'NHS Talking Therapies', category: 'mental_wellbeing', reasons: ['Low mood, anxiety'] },
	{ name: 'Men’s Shed', category: 'mental_wellbeing', reasons: ['Low in mood since retiring'] }
];

export const HISTORY_SERVICE_OUTCOMES = {
	attended: 'Attended; the person found it useful',
	closed: 'Completed the programme; closed by the service',
	did_not_attend: 'Did not attend; the service wrote to offer another date',
	declined: 'The service could not take the referral (full or not eligible)'
} as const;

/**
 * Safeguarding concerns about adults, raised to a named clinical contact who acknowledges each
 * with an outcome. Pure: shared by the database schema, the forms and the UI.
 */

/**
 * The ten types of abuse and neglect of the Care and Support Statutory Guidance (Care Act 2014,
 * section 14.17), in its order. "Other" is for what does not fit, described in the concern.
 */
export const SAFEGUARDING_CATEGORIES = [
	'physical',
	'domestic',
	'sexual',
	'psychological',
	'financial',
	'modern_slavery',
	'discriminatory',
	'organisational',
	'neglect',
	'self_neglect',
	'other'
] as const;
export type SafeguardingCategory = (typeof SAFEGUARDING_CATEGORIES)[number];

export const SAFEGUARDING_CATEGORY_LABELS: Record<SafeguardingCategory, string> = {
	physical: 'Physical abuse',
	domestic: 'Domestic abuse',
	sexual: 'Sexual abuse',
	psychological: 'Psychological or emotional abuse',
	financial: 'Financial or material abuse',
	modern_slavery: 'Modern slavery',
	discriminatory: 'Discriminatory abuse',
	organisational: 'Organisational or institutional abuse',
	neglect: 'Neglect and acts of omission',
	self_neglect: 'Self-neglect',
	other: 'Other'
};

/** Whether the person agreed to the concern being shared (Making Safeguarding Personal). */
export const SHARING_CONSENTS = ['yes', 'no', 'not_asked'] as const;
export type SharingConsent = (typeof SHARING_CONSENTS)[number];

export const SHARING_CONSENT_LABELS: Record<SharingConsent, string> = {
	yes: 'Yes, the person consents to sharing',
	no: 'No, the person does not consent',
	not_asked: 'Not asked (for example, it was not safe or they lack capacity to decide)'
};

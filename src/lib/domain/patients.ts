/** Vocabulary of the patient record: the database enums, the form schema and the pages read these. */

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const SEX_LABELS: Record<Sex, string> = {
	female: 'Female',
	male: 'Male',
	other: 'Other',
	unknown: 'Not known'
};

export const CONTACT_METHODS = ['phone', 'email', 'letter', 'text'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** In the order the patient form offers them, most used first. */
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
	phone: 'Phone',
	text: 'Text message',
	email: 'Email',
	letter: 'Letter'
};

/**
 * Information and communication support a person needs, as the NHS Accessible Information
 * Standard (DCB1605, NHS England) asks services to record, flag and meet.
 */
export const ACCESSIBLE_FORMATS = [
	'large_print',
	'easy_read',
	'braille',
	'audio',
	'bsl_interpreter',
	'deafblind_interpreter',
	'hearing_loop',
	'written_contact_only'
] as const;
export type AccessibleFormat = (typeof ACCESSIBLE_FORMATS)[number];

export const ACCESSIBLE_FORMAT_LABELS: Record<AccessibleFormat, string> = {
	large_print: 'Large print',
	easy_read: 'Easy read',
	braille: 'Braille',
	audio: 'Audio recording',
	bsl_interpreter: 'British Sign Language interpreter',
	deafblind_interpreter: 'Deafblind interpreter',
	hearing_loop: 'Hearing loop',
	written_contact_only: 'Contact in writing only (no phone calls)'
};

/** The record's fields in words, for its history (the timeline) and the audit trail. */
export const RECORD_FIELD_LABELS = {
	nhsNumber: 'NHS number',
	givenName: 'Given name',
	familyName: 'Family name',
	dateOfBirth: 'Date of birth',
	sex: 'Sex',
	practiceId: 'Practice',
	postcode: 'Postcode',
	ethnicity: 'Ethnicity',
	imdDecile: 'IMD decile',
	efiDeficits: 'eFI deficits',
	longTermConditions: 'Long-term conditions',
	preferredContact: 'Preferred contact',
	phone: 'Phone',
	email: 'Email',
	contactPreferences: 'Contact preferences',
	interpreterLanguage: 'Interpreter',
	accessibleFormats: 'Accessible formats',
	communicationNotes: 'Communication needs',
	assignedCoordinatorId: 'Assigned care coordinator',
	hasUnpaidCarer: 'Has an unpaid carer',
	isUnpaidCarer: 'Is an unpaid carer'
} as const;

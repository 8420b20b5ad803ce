/**
 * The one curated table of SNOMED CT concepts the workspace may write into a record: every code
 * here is listed in shared/domain/README.md ("SNOMED CT codes verified in public sources") with
 * the source it was found in. Nothing else is coded. An invented or guessed code in a clinical
 * record is a patient-safety hazard (wrong clinical coding): what has no verified code is written
 * in words and labelled uncoded (UNCODED_ACTIVITIES) until it is verified in the UK SNOMED CT
 * browser and added here.
 */

export interface SnomedConcept {
	/** The SNOMED CT identifier, digits only (its last digit is a Verhoeff check digit). */
	sctid: string;
	/** The term as written in the record (the source's label, semantic tag where it gave one). */
	term: string;
	/** Where the code was found (shared/domain/README.md). */
	source: string;
}

const FRAILTY_LISTS = 'several public frailty code lists';
const ABOUT_ME = 'PRSB About Me standard v2.01 (shared/domain/prsb-about-me.tree.txt)';

/** Every verified concept, by the name the code uses for it. */
export const SNOMED = {
	socialPrescribingReferral: {
		sctid: '871731000000106',
		term: 'Referral to social prescribing service',
		source: 'Ardens IIF guidance; social prescribing supplier docs; public code lists'
	},
	socialPrescribingDeclined: {
		sctid: '871711000000103',
		term: 'Social prescribing declined',
		source: 'social prescribing supplier docs (one source)'
	},
	carePlanReview: {
		sctid: '425268008',
		term: 'Review of care plan',
		source: 'PRSB PCSP standard; HL7 CarePlan examples'
	},
	pamLevel: {
		sctid: '962851000000103',
		term: 'Patient Activation Measure level',
		source: 'NHS data pipeline test data; UK Renal Data Collection extract'
	},
	pamScore: {
		sctid: '925431000000109',
		term: 'PAM-13 score',
		source: 'UK Renal Data Collection extract (label unverified)'
	},
	mildFrailty: { sctid: '925791000000100', term: 'Mild frailty', source: FRAILTY_LISTS },
	moderateFrailty: { sctid: '925831000000107', term: 'Moderate frailty', source: FRAILTY_LISTS },
	severeFrailty: { sctid: '925861000000102', term: 'Severe frailty', source: FRAILTY_LISTS },
	careCoordinator: {
		sctid: '768820003',
		term: 'Care coordinator (occupation)',
		source: 'HL7 implementation guides'
	},
	mdtConference: {
		sctid: '384682003',
		term: 'Multidisciplinary care conference (procedure)',
		source: 'one public concept mapping'
	},
	mdtConferenceReport: {
		sctid: '444804000',
		term: 'Multidisciplinary care conference report (record artifact)',
		source: 'two FHIR document-type mappings'
	},
	advanceStatement: {
		sctid: '816281000000101',
		term: 'Has advance statement (Mental Capacity Act 2005)',
		source: 'PRSB PCSP standard'
	},
	aboutMeWhatMatters: {
		sctid: '1515861000000103',
		term: 'What is most important to me',
		source: ABOUT_ME
	},
	aboutMePeople: {
		sctid: '1515871000000105',
		term: 'People who are important to me',
		source: ABOUT_ME
	},
	aboutMeCommunication: {
		sctid: '1515881000000107',
		term: 'How I communicate and how to communicate with me',
		source: ABOUT_ME
	},
	aboutMeWellness: { sctid: '1515891000000109', term: 'My wellness', source: ABOUT_ME },
	aboutMePleaseDo: {
		sctid: '1515901000000105',
		term: "Please do and please don't",
		source: ABOUT_ME
	},
	aboutMeSupport: {
		sctid: '1515911000000107',
		term: 'How and when to support me',
		source: ABOUT_ME
	},
	aboutMeAlsoWorthKnowing: {
		sctid: '1515921000000101',
		term: 'Also worth knowing about me',
		source: ABOUT_ME
	}
} as const satisfies Record<string, SnomedConcept>;

export type SnomedName = keyof typeof SNOMED;

/**
 * Activities searched for and not found with an ID (shared/domain/README.md): they stay in words,
 * labelled uncoded, until verified.
 */
export const UNCODED_ACTIVITIES = [
	'Referral to care coordinator',
	'Seen by care coordinator',
	'Personalised care and support plan agreed',
	'Review of personalised care and support plan',
	'Personalised care and support plan declined',
	'Referral to community MDT',
	'MDT meeting with patient',
	'MDT meeting without patient',
	'Referred for health coaching',
	'Social prescribing offered'
] as const;

/** How a record says that an activity has no verified code. */
export const UNCODED_LABEL = '(no verified SNOMED CT code)';

/** Every kind of activity record that the workspace can copy into the clinical record. */
export const ACTIVITY_KINDS = [
	'referral',
	'triage',
	'contact',
	'plan_agreed',
	'plan_review',
	'pam',
	'ons4',
	'safeguarding_concern',
	'social_prescribing_referral',
	'mdt_discussion'
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * The concept that codes each kind of activity, or null where none is verified: a referral to the
 * care coordination service, its triage, a contact ("seen by care coordinator"), a plan agreed,
 * ONS4 answers and a safeguarding concern have no verified code. A plan review takes the general
 * "Review of care plan" (a PCSP-specific review code is not verified). A PAM is coded by its score;
 * its level carries a second code (SNOMED.pamLevel). A triage that refers a person on to a social
 * prescribing link worker is itself a referral to social prescribing (activity-record.ts).
 */
export const ACTIVITY_CODES: Record<ActivityKind, SnomedConcept | null> = {
	referral: null,
	triage: null,
	contact: null,
	plan_agreed: null,
	plan_review: SNOMED.carePlanReview,
	pam: SNOMED.pamScore,
	ons4: null,
	safeguarding_concern: null,
	social_prescribing_referral: SNOMED.socialPrescribingReferral,
	mdt_discussion: SNOMED.mdtConference
};

/** Every concept of the table, in its order. */
export function snomedConcepts(): SnomedConcept[] {
	return Object.values(SNOMED);
}

/** The concept with this SCTID, if the table holds it. */
export function snomedConcept(sctid: string): SnomedConcept | null {
	return snomedConcepts().find((c) => c.sctid === sctid) ?? null;
}

/** A concept as one line of record text: "Term [SNOMED CT 123]". */
export function codedTerm(concept: SnomedConcept): string {
	return `${concept.term} [SNOMED CT ${concept.sctid}]`;
}

// Verhoeff's dihedral group D5: multiplication, position permutation and inverse tables.
const D = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
	[1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
	[2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
	[3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
	[4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
	[5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
	[6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
	[7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
	[8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
	[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
];
const P = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
	[1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
	[5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
	[8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
	[9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
	[4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
	[2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
	[7, 0, 4, 6, 9, 1, 3, 2, 5, 8]
];

/**
 * Whether `sctid` is shaped as a SNOMED CT identifier: 6 to 18 digits, no leading zero, whose last
 * digit is its Verhoeff check digit (SNOMED CT Technical Implementation Guide, "Check-digit").
 */
export function isValidSctid(sctid: string): boolean {
	if (!/^[1-9]\d{5,17}$/.test(sctid)) return false;
	let c = 0;
	const digits = [...sctid].reverse().map(Number);
	digits.forEach((digit, i) => {
		c = D[c][P[i % 8][digit]];
	});
	return c === 0;
}

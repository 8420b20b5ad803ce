/**
 * "Copy to clinical record" for every kind of activity the team records, not only MDT minutes: the
 * plain text a coordinator pastes into EMIS Web or SystmOne, so that work is written once and
 * re-keyed never. One function per activity kind (the MDT discussion's is clinicalRecordText in
 * clinical-record.ts, re-exported here).
 *
 * Every text opens with what happened and when, coded with the concept of the one SNOMED CT table
 * (snomed.ts) where one is verified and labelled "(no verified SNOMED CT code)" where none is: an
 * invented code in a clinical record is a patient-safety hazard (wrong clinical coding). Then the
 * patient (name and spaced NHS number, against the hazard "wrong patient"), what was recorded, and
 * who recorded it. Typed text goes through line-text.ts (no control characters; names on their
 * line; notes indented under their heading), as in the minutes.
 */
import { formatDate } from './age';
import { SERVICE_REFERRAL_STATUS_LABELS, type ServiceReferralStatus } from './community-services';
import { CONTACT_KIND_LABELS, type ContactKind } from './contact-log';
import { multiLine, singleLine } from './line-text';
import { formatLondonDateTime } from './london-time';
import {
	isOns4Answers,
	ONS4_LABELS,
	ONS4_QUESTIONS,
	ons4Band,
	PAM_LEVEL_DESCRIPTIONS,
	pamLevel,
	type Ons4Answers
} from './measures';
import { formatNhsNumber } from './nhs-number';
import {
	CONTACT_MODE_LABELS,
	REFERRAL_SOURCE_LABELS,
	REFERRAL_URGENCY_LABELS,
	REFERRED_ON_TO_LABELS,
	TRIAGE_OUTCOME_LABELS,
	type ContactMode,
	type ReferralSource,
	type ReferralUrgency,
	type ReferredOnTo,
	type TriageOutcome
} from './referrals';
import {
	SAFEGUARDING_CATEGORY_LABELS,
	SHARING_CONSENT_LABELS,
	type SafeguardingCategory,
	type SharingConsent
} from './safeguarding';
import { ACTIVITY_CODES, codedTerm, SNOMED, UNCODED_LABEL, type SnomedConcept } from './snomed';

export { clinicalRecordText as mdtDiscussionRecordText } from './clinical-record';

/** The person the activity is about, as the patient banner shows them. */
export type RecordPatient = { name: string; nhsNumber: string };

/** "Term [SNOMED CT id]" for a coded concept, else the words and the uncoded label. */
export function activityHeading(words: string, concept: SnomedConcept | null): string {
	return concept ? codedTerm(concept) : `${words} ${UNCODED_LABEL}`;
}

function opening(words: string, concept: SnomedConcept | null, when: string): string {
	return `${activityHeading(words, concept)} — ${when}`;
}

function patientLine(patient: RecordPatient): string {
	return `Patient: ${singleLine(patient.name)}, NHS number ${formatNhsNumber(patient.nhsNumber)}`;
}

/** A heading with typed text: on its line when it is one line, indented beneath when several. */
function block(heading: string, text: string | null | undefined): string[] {
	const lines = multiLine(text ?? '')
		.trim()
		.split('\n')
		.map((line) => line.trim());
	if (!lines.some(Boolean)) return [`${heading}: not recorded`];
	if (lines.length === 1) return [`${heading}: ${lines[0]}`];
	return [`${heading}:`, ...lines.map((line) => (line ? `  ${line}` : ''))];
}

function byLine(by: string | null | undefined): string {
	return `Recorded by: ${by ? singleLine(by) : 'not recorded'}`;
}

function day(date: string | null | undefined): string {
	return date ? formatDate(date) : 'date not recorded';
}

/** Referring a person on is itself coded where verified: to a link worker, social prescribing. */
const REFERRED_ON_CODES: Record<ReferredOnTo, SnomedConcept | null> = {
	social_prescribing_link_worker: SNOMED.socialPrescribingReferral,
	health_wellbeing_coach: null,
	other_professional: null
};

/** A referral to the care coordination service (uncoded: "referral to care coordinator"). */
export function referralRecordText(input: {
	patient: RecordPatient;
	receivedOn: string;
	source: ReferralSource;
	referrer: string;
	urgency: ReferralUrgency;
	reason: string;
	recordedBy?: string | null;
}): string {
	return [
		opening('Referral to care coordinator', ACTIVITY_CODES.referral, day(input.receivedOn)),
		patientLine(input.patient),
		`Referred by: ${singleLine(input.referrer)} (${REFERRAL_SOURCE_LABELS[input.source]})`,
		`Urgency: ${REFERRAL_URGENCY_LABELS[input.urgency]}`,
		...block('Reason for referral', input.reason),
		byLine(input.recordedBy)
	].join('\n');
}

/**
 * A referral's triage: its first contact and outcome. Uncoded, except that referring the person on
 * to a social prescribing link worker is a referral to social prescribing (SNOMED CT
 * 871731000000106), added as a coded line of its own.
 */
export function triageRecordText(input: {
	patient: RecordPatient;
	receivedOn: string;
	firstContactOn: string | null;
	firstContactMode: ContactMode | null;
	outcome: TriageOutcome;
	outcomeDetail: string | null;
	referredOnTo: ReferredOnTo | null;
	triagedOn: string;
	triagedBy: string | null;
}): string {
	const onward =
		input.outcome === 'referred_on' && input.referredOnTo
			? [`Referred on to: ${REFERRED_ON_TO_LABELS[input.referredOnTo]}`]
			: [];
	const onwardCode =
		input.outcome === 'referred_on' && input.referredOnTo
			? REFERRED_ON_CODES[input.referredOnTo]
			: null;
	const socialPrescribing = onwardCode ? [codedTerm(onwardCode)] : [];
	return [
		opening('Triage of referral to care coordinator', ACTIVITY_CODES.triage, day(input.triagedOn)),
		patientLine(input.patient),
		`Referral received: ${day(input.receivedOn)}`,
		input.firstContactOn
			? `First contact: ${day(input.firstContactOn)}${input.firstContactMode ? `, ${CONTACT_MODE_LABELS[input.firstContactMode].toLowerCase()}` : ''}`
			: 'First contact: not made',
		`Outcome: ${TRIAGE_OUTCOME_LABELS[input.outcome]}`,
		...onward,
		...socialPrescribing,
		...(input.outcomeDetail ? block('Detail', input.outcomeDetail) : []),
		`Triaged by: ${input.triagedBy ? singleLine(input.triagedBy) : 'not recorded'}`
	].join('\n');
}

/** One entry of the contact log (uncoded: "seen by care coordinator" has no verified code). */
export function contactRecordText(input: {
	patient: RecordPatient;
	occurredAt: Date;
	kind: ContactKind;
	withWhom: string;
	summary: string;
	durationMinutes: number | null;
	by: string | null;
}): string {
	return [
		opening(
			`Care coordination contact: ${CONTACT_KIND_LABELS[input.kind].toLowerCase()}`,
			ACTIVITY_CODES.contact,
			formatLondonDateTime(input.occurredAt)
		),
		patientLine(input.patient),
		`With: ${singleLine(input.withWhom)}`,
		...(input.durationMinutes !== null ? [`Duration: ${input.durationMinutes} minutes`] : []),
		...block('Summary', input.summary),
		byLine(input.by)
	].join('\n');
}

/** A referral to a community service (social prescribing): SNOMED CT 871731000000106. */
export function socialPrescribingReferralRecordText(input: {
	patient: RecordPatient;
	sentOn: string;
	service: string;
	reason: string;
	status: ServiceReferralStatus;
	outcome: string | null;
	by: string | null;
}): string {
	return [
		opening(
			'Referral to social prescribing service',
			ACTIVITY_CODES.social_prescribing_referral,
			day(input.sentOn)
		),
		patientLine(input.patient),
		`Service: ${singleLine(input.service)}`,
		...block('Reason', input.reason),
		`Status: ${SERVICE_REFERRAL_STATUS_LABELS[input.status]}`,
		...(input.outcome ? block('Outcome', input.outcome) : []),
		`Referred by: ${input.by ? singleLine(input.by) : 'not recorded'}`
	].join('\n');
}

/** A personalised care and support plan agreed with the person (uncoded). */
export function planAgreedRecordText(input: {
	patient: RecordPatient;
	agreedOn: string;
	/** How it was agreed (in person, by phone, with their carer…), as recorded. */
	how: string | null;
	agreedBy: string | null;
	reviewDate?: string | null;
}): string {
	return [
		opening(
			'Personalised care and support plan agreed',
			ACTIVITY_CODES.plan_agreed,
			day(input.agreedOn)
		),
		patientLine(input.patient),
		...block('How it was agreed', input.how),
		...(input.reviewDate ? [`Next review: ${day(input.reviewDate)}`] : []),
		byLine(input.agreedBy)
	].join('\n');
}

/** A review of the care plan: SNOMED CT 425268008 "Review of care plan". */
export function planReviewRecordText(input: {
	patient: RecordPatient;
	reviewedOn: string;
	reviewedBy: string | null;
	notes?: string | null;
	nextReviewDate?: string | null;
}): string {
	return [
		opening('Review of care plan', ACTIVITY_CODES.plan_review, day(input.reviewedOn)),
		patientLine(input.patient),
		...(input.notes ? block('Notes', input.notes) : []),
		...(input.nextReviewDate ? [`Next review: ${day(input.nextReviewDate)}`] : []),
		byLine(input.reviewedBy)
	].join('\n');
}

/**
 * A Patient Activation Measure as produced by the licensed tool: the score (SNOMED CT
 * 925431000000109) and its level (962851000000103). The level is derived from the score
 * (measures.ts, PMC5665291) when not given.
 * @throws RangeError for a score outside 0–100
 */
export function pamRecordText(input: {
	patient: RecordPatient;
	recordedOn: string;
	score: number;
	level?: number | null;
	by: string | null;
}): string {
	const level = (input.level ?? pamLevel(input.score)) as keyof typeof PAM_LEVEL_DESCRIPTIONS;
	return [
		opening('Patient Activation Measure', ACTIVITY_CODES.pam, day(input.recordedOn)),
		patientLine(input.patient),
		`${codedTerm(SNOMED.pamScore)}: ${input.score}`,
		`${codedTerm(SNOMED.pamLevel)}: ${level} (${PAM_LEVEL_DESCRIPTIONS[level] ?? 'unknown level'})`,
		byLine(input.by)
	].join('\n');
}

/** ONS4 personal wellbeing: the four answers, each banded on its own, never summed (uncoded). */
export function ons4RecordText(input: {
	patient: RecordPatient;
	recordedOn: string;
	answers: Ons4Answers;
	by: string | null;
}): string {
	return [
		opening('ONS4 personal wellbeing', ACTIVITY_CODES.ons4, day(input.recordedOn)),
		patientLine(input.patient),
		...ONS4_QUESTIONS.map(
			(q) =>
				`  - ${ONS4_LABELS[q].question} ${input.answers[q]} out of 10 (${ons4Band(q, input.answers[q])})`
		),
		byLine(input.by)
	].join('\n');
}

/**
 * A safeguarding concern raised to a named clinical contact (uncoded). The description is
 * written only when given: callers pass it only to people allowed to read concerns' details.
 */
export function safeguardingConcernRecordText(input: {
	patient: RecordPatient;
	raisedOn: string;
	category: SafeguardingCategory;
	namedContact: string;
	consentToShare: SharingConsent;
	immediateRisk: boolean;
	raisedBy: string | null;
	description?: string | null;
	outcome?: string | null;
}): string {
	return [
		opening(
			'Safeguarding concern raised',
			ACTIVITY_CODES.safeguarding_concern,
			day(input.raisedOn)
		),
		patientLine(input.patient),
		`Category: ${SAFEGUARDING_CATEGORY_LABELS[input.category]}`,
		`Immediate risk: ${input.immediateRisk ? 'yes' : 'no'}`,
		`Consent to share: ${SHARING_CONSENT_LABELS[input.consentToShare]}`,
		`Raised to: ${singleLine(input.namedContact)}`,
		...(input.description ? block('Concern', input.description) : []),
		...(input.outcome ? block('Outcome', input.outcome) : []),
		`Raised by: ${input.raisedBy ? singleLine(input.raisedBy) : 'not recorded'}`
	].join('\n');
}

/** An activity as a list of events carries it (the patient timeline), to build its text on demand. */
export type ActivityRecord =
	| { kind: 'pam'; recordedOn: string; score: number; level: number | null; by: string | null }
	| { kind: 'ons4'; recordedOn: string; answers: Ons4Answers; by: string | null }
	| {
			kind: 'referral';
			receivedOn: string;
			source: ReferralSource;
			referrer: string;
			urgency: ReferralUrgency;
			reason: string;
	  }
	| {
			kind: 'social_prescribing_referral';
			sentOn: string;
			service: string;
			reason: string;
			status: ServiceReferralStatus;
			outcome: string | null;
			by: string | null;
	  };

/** A stored outcome measure as an activity: a PAM with its score, or four valid ONS4 answers. */
export function measureActivity(row: {
	at: string;
	kind: 'pam' | 'ons4';
	pamScore: number | null;
	pamLevel: number | null;
	ons4: unknown;
	by: string | null;
}): ActivityRecord | null {
	if (row.kind === 'pam' && row.pamScore !== null) {
		return {
			kind: 'pam',
			recordedOn: row.at,
			score: row.pamScore,
			level: row.pamLevel,
			by: row.by
		};
	}
	if (row.kind === 'ons4' && isOns4Answers(row.ons4)) {
		return { kind: 'ons4', recordedOn: row.at, answers: row.ons4, by: row.by };
	}
	return null;
}

/** The clinical record text of `record`, by its kind. */
export function activityRecordText(patient: RecordPatient, record: ActivityRecord): string {
	switch (record.kind) {
		case 'pam':
			return pamRecordText({ patient, ...record });
		case 'ons4':
			return ons4RecordText({ patient, ...record });
		case 'referral':
			return referralRecordText({ patient, ...record });
		case 'social_prescribing_referral':
			return socialPrescribingReferralRecordText({ patient, ...record });
	}
}

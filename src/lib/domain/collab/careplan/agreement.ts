/**
 * Agreeing a plan with the person: how it was agreed, the version labels the app gives plans it
 * saves, the rule a plan must meet before it is agreed, and whether it has changed since.
 */
import { sectionsDiffer } from './compare';
import type { CarePlanJson } from './schema';
import { REVIEW_SECTION, type PlanSectionText } from './sections';

/** How the plan was agreed with the person or their legitimate representative (PRSB PCSP v2). */
export const AGREED_HOW = [
	{ value: 'face_to_face', label: 'Face to face' },
	{ value: 'telephone', label: 'By telephone' },
	{ value: 'video', label: 'By video' },
	{ value: 'representative', label: 'With their representative' },
	{ value: 'other', label: 'Other' }
] as const;

export type AgreedHow = (typeof AGREED_HOW)[number]['value'];

export const AGREED_HOW_VALUES = AGREED_HOW.map((o) => o.value) as [AgreedHow, ...AgreedHow[]];

/** The label of every version saved by Mark as agreed. */
export const AGREED_LABEL = 'Agreed with the person';

/** The labels of the versions a meeting saves of each agenda patient's plan. */
export const meetingVersionLabel = (moment: 'before' | 'after', meetingTitle: string) =>
	`${moment === 'before' ? 'Before' : 'After'} ${meetingTitle}`.slice(0, 200);

/**
 * How it was agreed as stored and shown: "By telephone", "With their representative: Ann (daughter)",
 * "Other: by letter". `details` is added when given (it is required for "Other" by the form).
 */
export function agreedHowText(how: AgreedHow, details: string | null): string {
	const label = AGREED_HOW.find((o) => o.value === how)?.label ?? 'Other';
	return details ? `${label}: ${details}` : label;
}

export const NO_TRIGGER_FACTORS =
	'The contingency plan has no trigger factors. Every agreed plan must say which signs show that things are getting worse (the PRSB care and support plan standard requires them), so add them to the contingency plan before marking the plan as agreed.';

/**
 * Why the plan cannot be agreed as it stands, or null when it can. PRSB PCSP v2 makes "Trigger
 * factors" mandatory (1..*), so every agreed plan has them, even one whose contingency plan says
 * nothing else (hazard: a plan agreed without saying when to act on it).
 */
export function agreementProblem(plan: CarePlanJson): string | null {
	return plan.contingencyPlan.triggerFactors.trim() === '' ? NO_TRIGGER_FACTORS : null;
}

/** Why a version may not be saved under AGREED_LABEL other than by Mark as agreed. */
export const AGREED_LABEL_KEPT = `“${AGREED_LABEL}” is kept for plans marked as agreed with the person: use Mark as agreed, or give this version another label`;

/**
 * Whether `label` reads as AGREED_LABEL, ignoring case and spacing: only Mark as agreed may save
 * a version under that name (hazard: a version named as agreed that nobody agreed).
 */
export function isAgreedLabel(label: string): boolean {
	return label.trim().replace(/\s+/g, ' ').toLowerCase() === AGREED_LABEL.toLowerCase();
}

/** The version of a plan last agreed with the person: when and how, and what the plan said. */
export interface AgreedVersion {
	versionId: string;
	/** The day it was agreed, YYYY-MM-DD. */
	agreedOn: string;
	/** How it was agreed as stored (agreedHowText). */
	agreedHow: string | null;
	sections: PlanSectionText[];
}

/**
 * Whether the plan says anything different from the version last agreed, section by section
 * (as comparePlanSections would mark them). The review and agreement section is left out: Mark as agreed writes it
 * itself, and moving the review date does not change what was agreed.
 */
export function changedSinceAgreed(
	agreed: readonly PlanSectionText[],
	current: readonly PlanSectionText[]
): boolean {
	const planOnly = (sections: readonly PlanSectionText[]) =>
		sections.filter((s) => s.section !== REVIEW_SECTION);
	return sectionsDiffer(planOnly(agreed), planOnly(current));
}

/**
 * How it was agreed, for the person's own printed plan: the app's words in the first person and
 * lower case ("with my representative: Ann (daughter)", "by telephone"), what was typed as typed,
 * "Other" left out ("by letter"). Text the app did not write is returned as it is.
 */
export function agreedHowForPerson(agreedHow: string): string {
	const option = AGREED_HOW.find(
		(o) => agreedHow === o.label || agreedHow.startsWith(`${o.label}: `)
	);
	if (!option) return agreedHow;
	const details = agreedHow.slice(option.label.length + 2);
	if (option.value === 'other') return details || 'other';
	const words =
		option.value === 'representative' ? 'with my representative' : option.label.toLowerCase();
	return details ? `${words}: ${details}` : words;
}

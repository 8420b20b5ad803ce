/**
 * Agreeing a plan with the person: how it was agreed, the version labels the app gives plans it
 * saves, and the rule a plan must meet before it is agreed.
 */
import type { CarePlanJson } from './schema';

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
	'The contingency plan has no trigger factors. Add the signs that things are getting worse before marking the plan as agreed.';

/**
 * Why the plan cannot be agreed as it stands, or null when it can. A contingency plan with any
 * content must say what triggers it: PRSB PCSP v2 makes "Trigger factors" mandatory (1..*) in
 * every contingency plan (hazard: a plan that says what to do but not when to do it). A plan
 * with no contingency content at all may be agreed.
 */
export function agreementProblem(plan: CarePlanJson): string | null {
	const { triggerFactors, ...rest } = plan.contingencyPlan as Record<string, unknown>;
	return Object.values(rest).some(filled) && !filled(triggerFactors) ? NO_TRIGGER_FACTORS : null;
}

/** Whether a part of the plan says anything: text, a ticked box, a list or record with content. */
function filled(value: unknown): boolean {
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.some(filled);
	if (value && typeof value === 'object') return Object.values(value).some(filled);
	return value === true;
}

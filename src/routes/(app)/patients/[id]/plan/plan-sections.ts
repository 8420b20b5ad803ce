import {
	CAREPLAN_FRAGMENTS,
	type CarePlanFragmentName,
	type CarePlanSection
} from '$lib/domain/collab/careplan';

/** The Plan tab's sections in PRSB PCSP v2 order, for its contents list. */
export const PLAN_SECTIONS = [
	{ id: 'plan-about-me', heading: 'About me' },
	{ id: 'plan-personal-contacts', heading: 'Personal contacts' },
	{ id: 'plan-strengths-needs', heading: 'Strengths and needs' },
	{ id: 'plan-goals', heading: 'Goals' },
	{ id: 'plan-contingency', heading: 'Contingency plan' },
	{ id: 'plan-review-heading', heading: 'Review and agreement' }
] as const;

/** The trigger factors' editor on the Plan tab (PlanTexts names each `careplan-<section>-<field>`). */
export const TRIGGER_FACTORS_FIELD_ID = 'careplan-contingency-triggerFactors';

/** Hints that say what a PRSB heading asks for, and which one the standard requires. */
const HINTS: Partial<Record<CarePlanFragmentName, string>> = {
	'aboutMe.whatMattersToMe': 'What matters to the person, in their own words',
	'contacts.supportNetwork':
		'Family, friends, neighbours and groups who support the person, and how they help',
	'contingency.triggerFactors':
		'Required. Signs that the person’s health or circumstances are getting worse'
};

/** The co-edited texts of one PRSB section, labelled with their headings (trigger factors: required). */
export function sectionFields(
	section: CarePlanSection
): { name: CarePlanFragmentName; label: string; hint?: string }[] {
	return CAREPLAN_FRAGMENTS.filter((f) => f.section === section).map((f) => ({
		name: f.name,
		label: f.name === 'contingency.triggerFactors' ? `${f.label} (required)` : f.label,
		hint: HINTS[f.name]
	}));
}

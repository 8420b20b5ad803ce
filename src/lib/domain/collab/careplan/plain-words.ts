/**
 * The plan in the person's own words, for the printed copy they and their carer keep: plain
 * English titles for the PRSB sections and for the parts whose PRSB names are jargon. Anything
 * not listed keeps its PRSB wording (already plain: "What is most important to me").
 */
import { formatDate } from '../../age';
import { agreedHowForPerson } from './agreement';
import type { PlanSectionText } from './sections';

const SECTION_TITLES: Record<string, string> = {
	'About me': 'What matters to me',
	'Personal contacts': 'People who support me',
	'Care and support plan': 'My strengths and what I need',
	Goals: 'My goals',
	'Contingency plan': 'If things get worse',
	'Review and agreement': 'Checking and agreeing my plan'
};

const PART_HEADINGS: Record<string, string> = {
	'plan.strengths': 'What I am good at and what helps me',
	'plan.needs': 'What I need help with',
	'contingency.triggerFactors': 'Signs that things are getting worse',
	'contingency.whatShouldHappen': 'What should happen then',
	'contingency.whoToContact': 'Who to contact',
	'contingency.copingStrategies': 'What helps me cope',
	'contingency.earlyWarningSigns': 'Early warning signs',
	'contingency.hasAdvanceStatement': 'My advance statement',
	review: 'When my plan will be checked, and how it was agreed'
};

/** A section's plain title for the printed plan. */
export function plainSectionTitle(section: string): string {
	return SECTION_TITLES[section] ?? section;
}

/**
 * The plan's parts with plain headings and dates as people write them ("6 Jan 2025", not
 * "2025-01-06"), how it was agreed in the first person ("How it was agreed: with my
 * representative: Ann"), in the same order (carePlanSections' keys).
 */
export function inPlainWords(sections: readonly PlanSectionText[]): PlanSectionText[] {
	return sections.map((part) => ({
		...part,
		heading: PART_HEADINGS[part.key] ?? part.heading,
		text: plainText(part)
	}));
}

function plainText(part: PlanSectionText): string {
	const text = part.text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, formatDate);
	if (part.key !== 'review') return text;
	return text.replace(
		/^How agreed: (.*)$/m,
		(_, how: string) => `How it was agreed: ${agreedHowForPerson(how)}`
	);
}

/**
 * The plan as a reader meets it: its PRSB sections in order, each a heading and plain text. One
 * flattening for everything that shows a whole plan as text — the compare view, the printed plan,
 * the minutes' plan changes, Copy to clinical record — so they never disagree about what a plan says.
 */
import type { CarePlanJson, GoalJson } from './schema';
import {
	ABOUT_ME_HEADINGS,
	CONTINGENCY_TEXT_FIELDS,
	GOAL_ACTION_STATUSES,
	GOAL_STATUSES,
	PERSONAL_CONTACTS_TEXT_FIELDS,
	PLAN_TEXT_FIELDS
} from './schema';
import { formatDate } from '../../age';

/** The section that holds the review date, who reviews and the agreement. */
export const REVIEW_SECTION = 'Review and agreement';

/** One readable part of a plan: `key` is stable across versions, so two versions line up. */
export interface PlanSectionText {
	key: string;
	/** The PRSB section it belongs to, e.g. "About me", "Contingency plan". */
	section: string;
	heading: string;
	/** Plain text, lines separated by "\n"; "" when the part is empty. */
	text: string;
}

const GOAL_STATUS_WORDS: Record<(typeof GOAL_STATUSES)[number], string> = {
	not_started: 'not started',
	in_progress: 'in progress',
	achieved: 'achieved',
	no_longer_relevant: 'no longer relevant'
};

const ACTION_STATUS_WORDS: Record<(typeof GOAL_ACTION_STATUSES)[number], string> = {
	open: 'to do',
	in_progress: 'in progress',
	done: 'done',
	cancelled: 'cancelled'
};

function goalText(goal: GoalJson): string {
	const lines = [goal.description || '(no description)'];
	const facts = [
		goal.importance !== null ? `importance ${goal.importance} out of 10` : null,
		goal.status ? GOAL_STATUS_WORDS[goal.status] : null
	].filter(Boolean);
	if (facts.length > 0) lines.push(`(${facts.join(', ')})`);
	for (const action of goal.actions) {
		const parts = [
			action.what || '(no description)',
			action.who ? `who: ${action.who}` : null,
			action.when ? `when: ${formatDate(action.when)}` : null,
			action.status ? ACTION_STATUS_WORDS[action.status] : null,
			action.confidence !== null ? `confidence ${action.confidence} out of 10` : null
		].filter(Boolean);
		lines.push(`- ${parts.join('; ')}`);
	}
	return lines.join('\n');
}

/** Every part of the plan in PRSB order, empty ones included (the caller may hide them). */
export function carePlanSections(plan: CarePlanJson): PlanSectionText[] {
	const review = plan.carePlan.review;
	return [
		...ABOUT_ME_HEADINGS.map(({ key, label }) => ({
			key: `aboutMe.${key}`,
			section: 'About me',
			heading: label,
			text: plan.aboutMe[key]
		})),
		...PERSONAL_CONTACTS_TEXT_FIELDS.map(({ key, label }) => ({
			key: `contacts.${key}`,
			section: 'Personal contacts',
			heading: label,
			text: plan.personalContacts[key]
		})),
		...PLAN_TEXT_FIELDS.map(({ key, label }) => ({
			key: `plan.${key}`,
			section: 'Care and support plan',
			heading: label,
			text: plan.carePlan[key]
		})),
		...plan.carePlan.goals.map((goal, index) => ({
			key: `goal.${goal.id}`,
			section: 'Goals',
			heading: `Goal ${index + 1}`,
			text: goalText(goal)
		})),
		...CONTINGENCY_TEXT_FIELDS.map(({ key, label }) => ({
			key: `contingency.${key}`,
			section: 'Contingency plan',
			heading: label,
			text: plan.contingencyPlan[key]
		})),
		{
			key: 'contingency.hasAdvanceStatement',
			section: 'Contingency plan',
			heading: 'Advance statement',
			text: plan.contingencyPlan.hasAdvanceStatement ? 'Has an advance statement' : ''
		},
		{
			key: 'review',
			section: REVIEW_SECTION,
			heading: 'Review and agreement',
			text: [
				review.reviewDate ? `Review date: ${formatDate(review.reviewDate)}` : '',
				review.responsible ? `Who reviews: ${review.responsible}` : '',
				review.agreedWithPerson
					? `Agreed with the person${review.agreedDate ? ` on ${formatDate(review.agreedDate)}` : ''}`
					: '',
				review.agreedHow ? `How agreed: ${review.agreedHow}` : '',
				review.preparedBy ? `Prepared by: ${review.preparedBy}` : ''
			]
				.filter(Boolean)
				.join('\n')
		}
	];
}

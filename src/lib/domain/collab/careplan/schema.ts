/**
 * The personalised care and support plan (PRSB PCSP standard v2.0) as a Yjs document (schema
 * version 3). Every part is a top-level type obtained by name, never created with initial content:
 * two clients that both "initialise" a plan would otherwise merge into duplicated sections.
 *
 * - Every text two people may edit at once is a rich-text fragment bound to a collaborative editor:
 *   the About Me headings, personal contacts, strengths, needs, the contingency plan's texts, and
 *   each goal's description (`goal.<goal id>.description`), each action's what and who
 *   (`goalAction.<action id>.what`, `goalAction.<action id>.who`) and who reviews the plan
 *   (`review.responsible`). Being top-level types keyed by id, the texts of goals and actions
 *   survive anything done to the list of goals.
 * - `goals`: the goals in order, each a map of single values (importance, status) with its actions.
 * - `review`: review date and the agreement (yes/no, date, how), last writer wins.
 *
 * Version 1 kept goal descriptions and action whats as Y.Text inside their maps, and versions 1
 * and 2 kept an action's who and the plan's `review.responsible` as strings in their maps (plain
 * text fields whose whole value was written back: one person's typing replaced another's);
 * `upgradeCarePlanDocument` carries them forward.
 */
import * as Y from 'yjs';
import { SNOMED } from '../../snomed';

/**
 * The seven About Me headings in the order of the PRSB About Me standard v2.01, each with the
 * SNOMED CT concept that codes it (snomed.ts). Source: PRSB About Me v2.01 element tree
 * (shared/domain/prsb-about-me.tree.txt, "Coded value" of each heading); PCSP v2 uses the same order.
 */
export const ABOUT_ME_HEADINGS = [
	{
		key: 'whatMattersToMe',
		label: 'What is most important to me',
		snomed: SNOMED.aboutMeWhatMatters.sctid
	},
	{
		key: 'peopleImportantToMe',
		label: 'People who are important to me',
		snomed: SNOMED.aboutMePeople.sctid
	},
	{
		key: 'howICommunicate',
		label: 'How I communicate and how to communicate with me',
		snomed: SNOMED.aboutMeCommunication.sctid
	},
	{ key: 'myWellness', label: 'My wellness', snomed: SNOMED.aboutMeWellness.sctid },
	{
		key: 'pleaseDoAndDont',
		label: "Please do and please don't",
		snomed: SNOMED.aboutMePleaseDo.sctid
	},
	{
		key: 'howAndWhenToSupportMe',
		label: 'How and when to support me',
		snomed: SNOMED.aboutMeSupport.sctid
	},
	{
		key: 'alsoWorthKnowing',
		label: 'Also worth knowing about me',
		snomed: SNOMED.aboutMeAlsoWorthKnowing.sctid
	}
] as const;

export type AboutMeKey = (typeof ABOUT_ME_HEADINGS)[number]['key'];

/** PRSB "Personal contacts": the person's support network, co-edited beside the record's contacts. */
export const PERSONAL_CONTACTS_TEXT_FIELDS = [
	{ key: 'supportNetwork', label: 'Personal contacts and support network' }
] as const;

export type PersonalContactsTextKey = (typeof PERSONAL_CONTACTS_TEXT_FIELDS)[number]['key'];

export const PLAN_TEXT_FIELDS = [
	{ key: 'strengths', label: 'Strengths' },
	{ key: 'needs', label: 'Needs, concerns or problems' }
] as const;

export type PlanTextKey = (typeof PLAN_TEXT_FIELDS)[number]['key'];

export const CONTINGENCY_TEXT_FIELDS = [
	{ key: 'triggerFactors', label: 'Trigger factors' },
	{ key: 'whatShouldHappen', label: 'What should happen' },
	{ key: 'whoToContact', label: 'Who should be contacted' },
	{ key: 'copingStrategies', label: 'Coping strategies' },
	{ key: 'earlyWarningSigns', label: 'Relapse indicators / early warning signs' }
] as const;

export type ContingencyTextKey = (typeof CONTINGENCY_TEXT_FIELDS)[number]['key'];

export type CarePlanSection = 'aboutMe' | 'personalContacts' | 'carePlan' | 'contingencyPlan';

export type CarePlanFragmentName =
	| `aboutMe.${AboutMeKey}`
	| `contacts.${PersonalContactsTextKey}`
	| `plan.${PlanTextKey}`
	| `contingency.${ContingencyTextKey}`;

export interface CarePlanFragment {
	name: CarePlanFragmentName;
	section: CarePlanSection;
	key: AboutMeKey | PersonalContactsTextKey | PlanTextKey | ContingencyTextKey;
	label: string;
}

/** Every rich-text field of the plan, in PRSB order. */
export const CAREPLAN_FRAGMENTS: readonly CarePlanFragment[] = [
	...ABOUT_ME_HEADINGS.map(({ key, label }) => ({
		name: `aboutMe.${key}` as const,
		section: 'aboutMe' as const,
		key,
		label
	})),
	...PERSONAL_CONTACTS_TEXT_FIELDS.map(({ key, label }) => ({
		name: `contacts.${key}` as const,
		section: 'personalContacts' as const,
		key,
		label
	})),
	...PLAN_TEXT_FIELDS.map(({ key, label }) => ({
		name: `plan.${key}` as const,
		section: 'carePlan' as const,
		key,
		label
	})),
	...CONTINGENCY_TEXT_FIELDS.map(({ key, label }) => ({
		name: `contingency.${key}` as const,
		section: 'contingencyPlan' as const,
		key,
		label
	}))
];

export const GOAL_STATUSES = [
	'not_started',
	'in_progress',
	'achieved',
	'no_longer_relevant'
] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/**
 * Statuses of an action under a care plan goal (the person's own steps, kept in the plan's Yjs
 * document). Not the MDT follow-up actions of `domain/actions.ts`, though the words are the same.
 */
export const GOAL_ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type GoalActionStatus = (typeof GOAL_ACTION_STATUSES)[number];

/**
 * The keys of a goal's map (addGoal): its id, importance, status and its actions (a Y.Array of
 * action maps). Version 1 also kept its description there as a Y.Text (now a text of its own).
 */
export const GOAL_KEYS = ['id', 'importance', 'status', 'actions'] as const;

/**
 * The keys of an action's map (addGoalAction). Versions 1 and 2 also kept its what (a Y.Text) and
 * its who (a string) there (now texts of their own).
 */
export const GOAL_ACTION_KEYS = ['id', 'when', 'status', 'confidence'] as const;

/**
 * The keys of the `review` map, each a single value (setReview). Versions 1 and 2 also kept
 * `responsible` there as a string (now the text `review.responsible`).
 */
export const REVIEW_KEYS = [
	'reviewDate',
	'agreedWithPerson',
	'agreedDate',
	'agreedHow',
	'preparedBy'
] as const;

/** The keys of the `contingencyMeta` map, each a single value (setHasAdvanceStatement). */
export const CONTINGENCY_META_KEYS = ['hasAdvanceStatement'] as const;

export interface GoalActionJson {
	id: string;
	what: string;
	who: string;
	when: string | null;
	status: GoalActionStatus | null;
	confidence: number | null;
}

export interface GoalJson {
	id: string;
	description: string;
	importance: number | null;
	status: GoalStatus | null;
	actions: GoalActionJson[];
}

export interface ReviewJson {
	reviewDate: string | null;
	responsible: string;
	agreedWithPerson: boolean;
	agreedDate: string | null;
	/** How the plan was agreed with the person, e.g. "In person at home, with her daughter". */
	agreedHow: string;
	preparedBy: string;
}

export interface CarePlanJson {
	schemaVersion: number | null;
	aboutMe: Record<AboutMeKey, string>;
	personalContacts: Record<PersonalContactsTextKey, string>;
	carePlan: Record<PlanTextKey, string> & { goals: GoalJson[]; review: ReviewJson };
	contingencyPlan: Record<ContingencyTextKey, string> & { hasAdvanceStatement: boolean };
}

export function carePlanFragment(doc: Y.Doc, name: CarePlanFragmentName): Y.XmlFragment {
	return doc.getXmlFragment(name);
}

export function aboutMeFragment(doc: Y.Doc, key: AboutMeKey): Y.XmlFragment {
	return doc.getXmlFragment(`aboutMe.${key}`);
}

export function planFragment(doc: Y.Doc, key: PlanTextKey): Y.XmlFragment {
	return doc.getXmlFragment(`plan.${key}`);
}

export function contingencyFragment(doc: Y.Doc, key: ContingencyTextKey): Y.XmlFragment {
	return doc.getXmlFragment(`contingency.${key}`);
}

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * The names of goal and action texts: `goal.<uuid>.description` (version 2),
 * `goalAction.<uuid>.what` (version 2) and `goalAction.<uuid>.who` (version 3); the second group
 * of an action's name is its field.
 */
export const GOAL_TEXT_NAME = new RegExp(`^goal\\.(${UUID_PATTERN})\\.description$`);
export const GOAL_ACTION_TEXT_NAME = new RegExp(`^goalAction\\.(${UUID_PATTERN})\\.(what|who)$`);

/** Who reviews the plan (PRSB PCSP v2 "Responsibility for review"): co-edited (schema version 3). */
export const REVIEW_RESPONSIBLE = {
	name: 'review.responsible',
	label: 'Who reviews the plan'
} as const;

/** A goal's description: rich text of its own, co-edited (schema version 2). */
export function goalDescription(doc: Y.Doc, goalId: string): Y.XmlFragment {
	return doc.getXmlFragment(`goal.${goalId}.description`);
}

/** What an action under a goal is: rich text of its own, co-edited (schema version 2). */
export function goalActionWhat(doc: Y.Doc, actionId: string): Y.XmlFragment {
	return doc.getXmlFragment(`goalAction.${actionId}.what`);
}

/** Who does an action under a goal: rich text of its own, co-edited (schema version 3). */
export function goalActionWho(doc: Y.Doc, actionId: string): Y.XmlFragment {
	return doc.getXmlFragment(`goalAction.${actionId}.who`);
}

/** Who reviews the plan: name, role and contact details, co-edited (schema version 3). */
export function reviewResponsible(doc: Y.Doc): Y.XmlFragment {
	return doc.getXmlFragment(REVIEW_RESPONSIBLE.name);
}

/** Goals as stored: entries are untrusted and may be anything, so read them with care. */
export function goalsArray(doc: Y.Doc): Y.Array<unknown> {
	return doc.getArray<unknown>('goals');
}

export function reviewMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>('review');
}

export function contingencyMetaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>('contingencyMeta');
}

export function findGoal(doc: Y.Doc, goalId: string): Y.Map<unknown> | null {
	return findById(goalsArray(doc), goalId);
}

export function findGoalAction(
	doc: Y.Doc,
	goalId: string,
	actionId: string
): Y.Map<unknown> | null {
	const actions = findGoal(doc, goalId)?.get('actions');
	return actions instanceof Y.Array ? findById(actions, actionId) : null;
}

function findById(list: Y.Array<unknown>, id: string): Y.Map<unknown> | null {
	for (const entry of list.toArray()) {
		if (entry instanceof Y.Map && entry.get('id') === id) return entry as Y.Map<unknown>;
	}
	return null;
}

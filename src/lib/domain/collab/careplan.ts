/**
 * The personalised care and support plan (PRSB PCSP standard v2.0) as a Yjs document. Every part is
 * a top-level type obtained by name, never created with initial content: two clients that both
 * "initialise" a plan would otherwise merge into duplicated sections.
 */
import * as Y from 'yjs';
import {
	fragmentText,
	isIsoDate,
	isScore,
	readBoolean,
	readEnum,
	readIsoDate,
	readList,
	readScore,
	readString,
	readText,
	schemaVersionOf,
	setText
} from './documents';

export { appendParagraph, fragmentText, setFragmentText } from './documents';

/**
 * The seven About Me headings in the order of the PRSB About Me standard v2.01, each with the
 * SNOMED CT concept that codes it. Source: PRSB About Me v2.01 element tree
 * (shared/domain/prsb-about-me.tree.txt, "Coded value" of each heading); PCSP v2 uses the same order.
 */
export const ABOUT_ME_HEADINGS = [
	{ key: 'whatMattersToMe', label: 'What is most important to me', snomed: '1515861000000103' },
	{
		key: 'peopleImportantToMe',
		label: 'People who are important to me',
		snomed: '1515871000000105'
	},
	{
		key: 'howICommunicate',
		label: 'How I communicate and how to communicate with me',
		snomed: '1515881000000107'
	},
	{ key: 'myWellness', label: 'My wellness', snomed: '1515891000000109' },
	{ key: 'pleaseDoAndDont', label: "Please do and please don't", snomed: '1515901000000105' },
	{ key: 'howAndWhenToSupportMe', label: 'How and when to support me', snomed: '1515911000000107' },
	{ key: 'alsoWorthKnowing', label: 'Also worth knowing about me', snomed: '1515921000000101' }
] as const;

export type AboutMeKey = (typeof ABOUT_ME_HEADINGS)[number]['key'];

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

export type CarePlanSection = 'aboutMe' | 'carePlan' | 'contingencyPlan';

export type CarePlanFragmentName =
	`aboutMe.${AboutMeKey}` | `plan.${PlanTextKey}` | `contingency.${ContingencyTextKey}`;

export interface CarePlanFragment {
	name: CarePlanFragmentName;
	section: CarePlanSection;
	key: AboutMeKey | PlanTextKey | ContingencyTextKey;
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

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface GoalActionJson {
	id: string;
	what: string;
	who: string;
	when: string | null;
	status: ActionStatus | null;
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
	preparedBy: string;
}

export interface CarePlanJson {
	schemaVersion: number | null;
	aboutMe: Record<AboutMeKey, string>;
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

function assertScore(value: number | null | undefined, name: string): void {
	if (value !== undefined && value !== null && !isScore(value)) {
		throw new RangeError(`${name} must be a whole number from 1 to 10`);
	}
}

function assertDate(value: string | null | undefined, name: string): void {
	if (value !== undefined && value !== null && !isIsoDate(value)) {
		throw new RangeError(`${name} must be a date as YYYY-MM-DD`);
	}
}

function assertOneOf(value: string | undefined, allowed: readonly string[], name: string): void {
	if (value !== undefined && !allowed.includes(value)) {
		throw new RangeError(`${name} must be one of ${allowed.join(', ')}`);
	}
}

function assertString(value: unknown, name: string): void {
	if (value !== undefined && typeof value !== 'string') {
		throw new TypeError(`${name} must be text`);
	}
}

function replaceTextField(map: Y.Map<unknown>, key: string, value: string): void {
	const current = map.get(key);
	if (current instanceof Y.Text) setText(current, value);
	else map.set(key, new Y.Text(value));
}

export interface GoalInput {
	description: string;
	importance?: number | null;
}

/** Adds a goal (status not started, no actions) at the end and returns its id. */
export function addGoal(doc: Y.Doc, input: GoalInput): string {
	assertString(input.description, 'description');
	assertScore(input.importance, 'importance');
	const id = crypto.randomUUID();
	const goal = new Y.Map<unknown>();
	goal.set('id', id);
	goal.set('description', new Y.Text(input.description));
	goal.set('importance', input.importance ?? null);
	goal.set('status', 'not_started');
	goal.set('actions', new Y.Array<unknown>());
	goalsArray(doc).push([goal]);
	return id;
}

export interface GoalUpdate {
	description?: string;
	importance?: number | null;
	status?: GoalStatus;
}

/** Returns false if no goal has this id (it may have been removed by someone else). */
export function updateGoal(doc: Y.Doc, goalId: string, update: GoalUpdate): boolean {
	assertString(update.description, 'description');
	assertScore(update.importance, 'importance');
	assertOneOf(update.status, GOAL_STATUSES, 'status');
	const goal = findGoal(doc, goalId);
	if (!goal) return false;
	doc.transact(() => {
		if (update.description !== undefined) replaceTextField(goal, 'description', update.description);
		if (update.importance !== undefined) goal.set('importance', update.importance);
		if (update.status !== undefined) goal.set('status', update.status);
	});
	return true;
}

export interface GoalActionInput {
	what: string;
	who?: string;
	when?: string | null;
	status?: ActionStatus;
	confidence?: number | null;
}

/** Adds an action under a goal and returns its id, or null if the goal is not there. */
export function addGoalAction(doc: Y.Doc, goalId: string, input: GoalActionInput): string | null {
	assertString(input.what, 'what');
	assertString(input.who, 'who');
	assertDate(input.when, 'when');
	assertOneOf(input.status, ACTION_STATUSES, 'status');
	assertScore(input.confidence, 'confidence');
	const actions = findGoal(doc, goalId)?.get('actions');
	// A goal without its actions array is malformed; creating one here could race another client
	// doing the same, and one of the two actions would be lost.
	if (!(actions instanceof Y.Array)) return null;
	const id = crypto.randomUUID();
	const action = new Y.Map<unknown>();
	action.set('id', id);
	action.set('what', new Y.Text(input.what));
	action.set('who', input.who ?? '');
	action.set('when', input.when ?? null);
	action.set('status', input.status ?? 'open');
	action.set('confidence', input.confidence ?? null);
	actions.push([action]);
	return id;
}

export type GoalActionUpdate = Partial<GoalActionInput>;

/** Returns false if the goal or the action is not there. */
export function updateGoalAction(
	doc: Y.Doc,
	goalId: string,
	actionId: string,
	update: GoalActionUpdate
): boolean {
	assertString(update.what, 'what');
	assertString(update.who, 'who');
	assertDate(update.when, 'when');
	assertOneOf(update.status, ACTION_STATUSES, 'status');
	assertScore(update.confidence, 'confidence');
	const action = findGoalAction(doc, goalId, actionId);
	if (!action) return false;
	doc.transact(() => {
		if (update.what !== undefined) replaceTextField(action, 'what', update.what);
		for (const key of ['who', 'when', 'status', 'confidence'] as const) {
			if (update[key] !== undefined) action.set(key, update[key]);
		}
	});
	return true;
}

const REVIEW_KEYS = [
	'reviewDate',
	'responsible',
	'agreedWithPerson',
	'agreedDate',
	'preparedBy'
] as const;

/** Sets the given review fields; the others keep their value. */
export function setReview(doc: Y.Doc, review: Partial<ReviewJson>): void {
	assertDate(review.reviewDate, 'reviewDate');
	assertDate(review.agreedDate, 'agreedDate');
	assertString(review.responsible, 'responsible');
	assertString(review.preparedBy, 'preparedBy');
	if (review.agreedWithPerson !== undefined && typeof review.agreedWithPerson !== 'boolean') {
		throw new TypeError('agreedWithPerson must be true or false');
	}
	const map = reviewMap(doc);
	doc.transact(() => {
		for (const key of REVIEW_KEYS) {
			if (review[key] !== undefined) map.set(key, review[key]);
		}
	});
}

export function setHasAdvanceStatement(doc: Y.Doc, hasAdvanceStatement: boolean): void {
	if (typeof hasAdvanceStatement !== 'boolean') {
		throw new TypeError('hasAdvanceStatement must be true or false');
	}
	contingencyMetaMap(doc).set('hasAdvanceStatement', hasAdvanceStatement);
}

function readAction(entry: unknown): GoalActionJson | null {
	if (!(entry instanceof Y.Map)) return null;
	return {
		id: readString(entry.get('id')),
		what: readText(entry.get('what')),
		who: readString(entry.get('who')),
		when: readIsoDate(entry.get('when')),
		status: readEnum(entry.get('status'), ACTION_STATUSES),
		confidence: readScore(entry.get('confidence'))
	};
}

function readGoal(entry: unknown): GoalJson | null {
	if (!(entry instanceof Y.Map)) return null;
	return {
		id: readString(entry.get('id')),
		description: readText(entry.get('description')),
		importance: readScore(entry.get('importance')),
		status: readEnum(entry.get('status'), GOAL_STATUSES),
		actions: readList(entry.get('actions'), readAction)
	};
}

function readReview(map: Y.Map<unknown>): ReviewJson {
	return {
		reviewDate: readIsoDate(map.get('reviewDate')),
		responsible: readString(map.get('responsible')),
		agreedWithPerson: readBoolean(map.get('agreedWithPerson')),
		agreedDate: readIsoDate(map.get('agreedDate')),
		preparedBy: readString(map.get('preparedBy'))
	};
}

function textsOf<K extends string>(
	doc: Y.Doc,
	prefix: string,
	fields: readonly { key: K }[]
): Record<K, string> {
	const texts = {} as Record<K, string>;
	for (const { key } of fields) texts[key] = fragmentText(doc.getXmlFragment(`${prefix}.${key}`));
	return texts;
}

/** The plan as plain JSON by PRSB section; never throws, whatever a client wrote. */
export function carePlanToJson(doc: Y.Doc): CarePlanJson {
	return {
		schemaVersion: schemaVersionOf(doc),
		aboutMe: textsOf(doc, 'aboutMe', ABOUT_ME_HEADINGS),
		carePlan: {
			...textsOf(doc, 'plan', PLAN_TEXT_FIELDS),
			goals: readList(goalsArray(doc), readGoal),
			review: readReview(reviewMap(doc))
		},
		contingencyPlan: {
			...textsOf(doc, 'contingency', CONTINGENCY_TEXT_FIELDS),
			hasAdvanceStatement: readBoolean(contingencyMetaMap(doc).get('hasAdvanceStatement'))
		}
	};
}

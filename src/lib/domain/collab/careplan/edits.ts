/** Edits to a care plan document, each checked first: a client may send anything. */
import * as Y from 'yjs';
import { isIsoDate, isScore, setFragmentText, stampSchemaVersion } from '../documents';
import {
	GOAL_ACTION_STATUSES,
	GOAL_STATUSES,
	REVIEW_KEYS,
	contingencyMetaMap,
	findGoal,
	findGoalAction,
	goalActionWhat,
	goalActionWho,
	goalDescription,
	goalsArray,
	reviewMap,
	reviewResponsible,
	type GoalActionStatus,
	type GoalStatus,
	type ReviewJson
} from './schema';

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

/** Text that must say something: refused (RangeError with `message`) when empty or blank. */
function assertWritten(value: unknown, name: string, message: string): void {
	assertString(value, name);
	if (typeof value !== 'string' || value.trim() === '') throw new RangeError(message);
}

/** The message when a goal is added without a description (shown next to the field). */
export const GOAL_DESCRIPTION_REQUIRED = 'Enter a description of the goal';
/** The message when an action is added without saying what it is. */
export const ACTION_WHAT_REQUIRED = 'Enter what the action is';

export interface GoalInput {
	/** Required: the goal in the person's words; afterwards co-edited in its own rich text. */
	description: string;
	importance?: number | null;
}

/**
 * Adds a goal (status not started, no actions) at the end and returns its id. Throws a RangeError
 * (GOAL_DESCRIPTION_REQUIRED) for a missing or blank description and for an importance outside
 * 1–10 (PRSB PCSP v2 "Goal importance score": 1–10); nothing is added then.
 */
export function addGoal(doc: Y.Doc, input: GoalInput): string {
	assertWritten(input.description, 'description', GOAL_DESCRIPTION_REQUIRED);
	assertScore(input.importance, 'importance');
	const id = crypto.randomUUID();
	doc.transact(() => {
		stampSchemaVersion(doc, 'careplan');
		const goal = new Y.Map<unknown>();
		goal.set('id', id);
		goal.set('importance', input.importance ?? null);
		goal.set('status', 'not_started');
		goal.set('actions', new Y.Array<unknown>());
		goalsArray(doc).push([goal]);
		setFragmentText(goalDescription(doc, id), input.description.trim());
	});
	return id;
}

/** Removes a goal with its actions; false if it is not there (someone else removed it). */
export function removeGoal(doc: Y.Doc, goalId: string): boolean {
	const goals = goalsArray(doc);
	const index = goals.toArray().findIndex((g) => g instanceof Y.Map && g.get('id') === goalId);
	if (index < 0) return false;
	goals.delete(index, 1);
	return true;
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
		if (update.description !== undefined) {
			setFragmentText(goalDescription(doc, goalId), update.description);
		}
		if (update.importance !== undefined) goal.set('importance', update.importance);
		if (update.status !== undefined) goal.set('status', update.status);
	});
	return true;
}

export interface GoalActionInput {
	what: string;
	/** Who does it; afterwards co-edited in its own rich text (schema version 3). */
	who?: string;
	when?: string | null;
	status?: GoalActionStatus;
	confidence?: number | null;
}

/**
 * Adds an action under a goal and returns its id, or null if the goal is not there. Throws a
 * RangeError (ACTION_WHAT_REQUIRED) when `what` is blank, and for a confidence outside 1–10 (PRSB
 * PCSP v2 "Confidence": 1–10) or a `when` that is not a calendar date.
 */
export function addGoalAction(doc: Y.Doc, goalId: string, input: GoalActionInput): string | null {
	assertWritten(input.what, 'what', ACTION_WHAT_REQUIRED);
	assertString(input.who, 'who');
	assertDate(input.when, 'when');
	assertOneOf(input.status, GOAL_ACTION_STATUSES, 'status');
	assertScore(input.confidence, 'confidence');
	const actions = findGoal(doc, goalId)?.get('actions');
	// A goal without its actions array is malformed; creating one here could race another client
	// doing the same, and one of the two actions would be lost.
	if (!(actions instanceof Y.Array)) return null;
	const id = crypto.randomUUID();
	doc.transact(() => {
		stampSchemaVersion(doc, 'careplan');
		const action = new Y.Map<unknown>();
		action.set('id', id);
		action.set('when', input.when ?? null);
		action.set('status', input.status ?? 'open');
		action.set('confidence', input.confidence ?? null);
		actions.push([action]);
		setFragmentText(goalActionWhat(doc, id), input.what.trim());
		if (input.who) setFragmentText(goalActionWho(doc, id), input.who.trim());
	});
	return id;
}

/** Removes an action from its goal; false if the goal or the action is not there. */
export function removeGoalAction(doc: Y.Doc, goalId: string, actionId: string): boolean {
	const actions = findGoal(doc, goalId)?.get('actions');
	if (!(actions instanceof Y.Array)) return false;
	const index = actions.toArray().findIndex((a) => a instanceof Y.Map && a.get('id') === actionId);
	if (index < 0) return false;
	actions.delete(index, 1);
	return true;
}

export type GoalActionUpdate = Partial<GoalActionInput>;

/**
 * Returns false if the goal or the action is not there. `what` and `who` replace the whole of
 * their co-edited text: for a program's edit, never for a field people type in.
 */
export function updateGoalAction(
	doc: Y.Doc,
	goalId: string,
	actionId: string,
	update: GoalActionUpdate
): boolean {
	assertString(update.what, 'what');
	assertString(update.who, 'who');
	assertDate(update.when, 'when');
	assertOneOf(update.status, GOAL_ACTION_STATUSES, 'status');
	assertScore(update.confidence, 'confidence');
	const action = findGoalAction(doc, goalId, actionId);
	if (!action) return false;
	doc.transact(() => {
		if (update.what !== undefined) setFragmentText(goalActionWhat(doc, actionId), update.what);
		if (update.who !== undefined) setFragmentText(goalActionWho(doc, actionId), update.who);
		for (const key of ['when', 'status', 'confidence'] as const) {
			if (update[key] !== undefined) action.set(key, update[key]);
		}
	});
	return true;
}

/**
 * Sets the given review fields; the others keep their value. `responsible` replaces the whole of
 * its co-edited text (`review.responsible`, schema version 3) and stamps the plan's version.
 */
export function setReview(doc: Y.Doc, review: Partial<ReviewJson>): void {
	assertDate(review.reviewDate, 'reviewDate');
	assertDate(review.agreedDate, 'agreedDate');
	assertString(review.responsible, 'responsible');
	assertString(review.preparedBy, 'preparedBy');
	assertString(review.agreedHow, 'agreedHow');
	if (review.agreedWithPerson !== undefined && typeof review.agreedWithPerson !== 'boolean') {
		throw new TypeError('agreedWithPerson must be true or false');
	}
	const map = reviewMap(doc);
	doc.transact(() => {
		for (const key of REVIEW_KEYS) {
			if (review[key] !== undefined) map.set(key, review[key]);
		}
		if (review.responsible !== undefined) {
			stampSchemaVersion(doc, 'careplan');
			setFragmentText(reviewResponsible(doc), review.responsible);
		}
	});
}

export function setHasAdvanceStatement(doc: Y.Doc, hasAdvanceStatement: boolean): void {
	if (typeof hasAdvanceStatement !== 'boolean') {
		throw new TypeError('hasAdvanceStatement must be true or false');
	}
	contingencyMetaMap(doc).set('hasAdvanceStatement', hasAdvanceStatement);
}

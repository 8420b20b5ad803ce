import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ACTION_WHAT_REQUIRED,
	GOAL_DESCRIPTION_REQUIRED,
	addGoal,
	addGoalAction,
	carePlanToJson,
	fragmentText,
	goalActionWhat,
	goalDescription,
	goalsArray,
	removeGoal,
	removeGoalAction,
	updateGoal,
	updateGoalAction
} from '../../src/lib/domain/collab/careplan';
import { rootKind, textLabel } from '../../src/lib/domain/collab/roots';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function pair(): [Y.Doc, Y.Doc] {
	return [new Y.Doc(), new Y.Doc()];
}

describe('goals and actions', () => {
	it('adds a goal not started, without actions, under a new uuid', () => {
		const doc = new Y.Doc();
		const id = addGoal(doc, { description: 'Walk to the shops', importance: 8 });
		expect(id).toMatch(UUID);
		expect(carePlanToJson(doc).carePlan.goals).toEqual([
			{ id, description: 'Walk to the shops', importance: 8, status: 'not_started', actions: [] }
		]);
	});

	it('refuses a goal without a description, and adds nothing', () => {
		const doc = new Y.Doc();
		let updates = 0;
		doc.on('update', () => updates++);
		for (const description of ['', '   \n ', undefined as unknown as string]) {
			expect(() => addGoal(doc, { description, importance: 5 })).toThrow(GOAL_DESCRIPTION_REQUIRED);
		}
		expect(updates).toBe(0);
		expect(goalsArray(doc).length).toBe(0);
	});

	it('refuses an action without saying what it is', () => {
		const doc = new Y.Doc();
		const goalId = addGoal(doc, { description: 'Walk' });
		expect(() => addGoalAction(doc, goalId, { what: ' ' })).toThrow(ACTION_WHAT_REQUIRED);
		expect(carePlanToJson(doc).carePlan.goals[0].actions).toEqual([]);
	});

	it('keeps a goal’s description and an action’s what as rich text of their own', () => {
		const doc = new Y.Doc();
		const goalId = addGoal(doc, { description: 'Walk to the shops' });
		const actionId = addGoalAction(doc, goalId, { what: 'Physio referral' })!;
		expect(fragmentText(goalDescription(doc, goalId))).toBe('Walk to the shops');
		expect(fragmentText(goalActionWhat(doc, actionId))).toBe('Physio referral');
		expect(carePlanToJson(doc).schemaVersion).toBe(3);
	});

	it('keeps both people’s typing in one goal’s description', () => {
		const [a, b] = pair();
		const goalId = addGoal(a, { description: 'Walk' });
		sync(a, b);
		const text = (doc: Y.Doc) =>
			(goalDescription(doc, goalId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
		text(a).insert(text(a).length, ' to the shops every morning');
		text(b).insert(text(b).length, ' with my daughter on Sundays');
		sync(a, b);
		const description = carePlanToJson(a).carePlan.goals[0].description;
		expect(carePlanToJson(b)).toEqual(carePlanToJson(a));
		expect(description).toContain(' to the shops every morning');
		expect(description).toContain(' with my daughter on Sundays');
		expect(description).toMatch(/^Walk/);
	});

	it('removes a goal and an action, and not a goal that is gone', () => {
		const doc = new Y.Doc();
		const keep = addGoal(doc, { description: 'Sleep better' });
		const goalId = addGoal(doc, { description: 'Walk' });
		const actionId = addGoalAction(doc, keep, { what: 'Night routine' })!;
		expect(removeGoalAction(doc, keep, actionId)).toBe(true);
		expect(removeGoal(doc, goalId)).toBe(true);
		expect(removeGoal(doc, goalId)).toBe(false);
		expect(removeGoalAction(doc, keep, actionId)).toBe(false);
		expect(carePlanToJson(doc).carePlan.goals).toEqual([
			{
				id: keep,
				description: 'Sleep better',
				importance: null,
				status: 'not_started',
				actions: []
			}
		]);
	});

	it('refuses an importance outside 1 to 10', () => {
		const doc = new Y.Doc();
		expect(() => addGoal(doc, { description: 'x', importance: 11 })).toThrow(RangeError);
		expect(goalsArray(doc).length).toBe(0);
	});

	it('updates a goal’s status and description', () => {
		const doc = new Y.Doc();
		const id = addGoal(doc, { description: 'Walk' });
		expect(updateGoal(doc, id, { status: 'achieved', description: 'Walk to the park' })).toBe(true);
		const [goal] = carePlanToJson(doc).carePlan.goals;
		expect(goal.status).toBe('achieved');
		expect(goal.description).toBe('Walk to the park');
	});

	it('adds an action under its goal with who, when and confidence', () => {
		const doc = new Y.Doc();
		const goalId = addGoal(doc, { description: 'Walk to the shops' });
		const actionId = addGoalAction(doc, goalId, {
			what: 'Physio referral',
			who: 'GP',
			when: '2025-03-01',
			confidence: 6
		});
		expect(actionId).toMatch(UUID);
		expect(carePlanToJson(doc).carePlan.goals[0].actions).toEqual([
			{
				id: actionId,
				what: 'Physio referral',
				who: 'GP',
				when: '2025-03-01',
				status: 'open',
				confidence: 6
			}
		]);
	});

	it('adds no action to a goal that is not there', () => {
		const doc = new Y.Doc();
		expect(addGoalAction(doc, crypto.randomUUID(), { what: 'Call' })).toBeNull();
	});

	it('refuses an action date that is not a calendar date', () => {
		const doc = new Y.Doc();
		const goalId = addGoal(doc, { description: 'Walk' });
		expect(() => addGoalAction(doc, goalId, { what: 'Call', when: '2025-02-30' })).toThrow(
			RangeError
		);
	});

	it('marks an action done', () => {
		const doc = new Y.Doc();
		const goalId = addGoal(doc, { description: 'Walk' });
		const actionId = addGoalAction(doc, goalId, { what: 'Buy shoes' })!;
		expect(updateGoalAction(doc, goalId, actionId, { status: 'done' })).toBe(true);
		expect(carePlanToJson(doc).carePlan.goals[0].actions[0].status).toBe('done');
	});

	it('keeps goals added by two people at once', () => {
		const [a, b] = pair();
		addGoal(a, { description: 'Walk to the shops' });
		addGoal(b, { description: 'Sleep better', importance: 5 });
		sync(a, b);
		const json = carePlanToJson(a);
		expect(json).toEqual(carePlanToJson(b));
		expect(json.carePlan.goals.map((g) => g.description).sort()).toEqual([
			'Sleep better',
			'Walk to the shops'
		]);
	});

	it('keeps actions added to the same goal by two people at once', () => {
		const [a, b] = pair();
		const goalId = addGoal(a, { description: 'Walk' });
		sync(a, b);
		addGoalAction(a, goalId, { what: 'Physio referral' });
		addGoalAction(b, goalId, { what: 'Walking group' });
		sync(a, b);
		expect(carePlanToJson(a)).toEqual(carePlanToJson(b));
		expect(carePlanToJson(a).carePlan.goals[0].actions).toHaveLength(2);
	});
});

describe('goal texts named for people', () => {
	it('says which goal or action a kept text belonged to', () => {
		const doc = new Y.Doc();
		addGoal(doc, { description: 'Sleep better' });
		const goalId = addGoal(doc, { description: 'Walk' });
		const actionId = addGoalAction(doc, goalId, { what: 'Walking group' })!;
		expect(textLabel('careplan', doc, `goal.${goalId}.description`)).toBe('Goal 2: description');
		expect(textLabel('careplan', doc, `goalAction.${actionId}.what`)).toBe(
			'Goal 2, action 1: what'
		);
		expect(rootKind('careplan', `goal.${goalId}.description`)).toBe('xml');
		expect(rootKind('careplan', 'goal.not-an-id.description')).toBeNull();
		removeGoal(doc, goalId);
		expect(textLabel('careplan', doc, `goal.${goalId}.description`)).toBe(
			'A removed goal: description'
		);
	});
});

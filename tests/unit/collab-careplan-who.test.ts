import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addGoal,
	addGoalAction,
	carePlanToJson,
	fragmentText,
	goalActionWho,
	needsCarePlanUpgrade,
	reviewResponsible,
	setFragmentText,
	setReview,
	updateGoalAction,
	upgradeCarePlanDocument
} from '../../src/lib/domain/collab/careplan';
import { changeUpdate } from '../../src/lib/domain/collab/documents';
import { rootKind, textLabel } from '../../src/lib/domain/collab/roots';

const GOAL = '6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8';
const ACTION = '8b3f4e5d-6c70-4182-a394-b5c6d7e8f9a0';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** A care plan as version 2 wrote it: who reviews and an action's who as strings in their maps. */
function versionTwo(): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		const action = new Y.Map<unknown>();
		action.set('id', ACTION);
		action.set('who', 'Link worker');
		action.set('when', '2026-12-01');
		action.set('status', 'open');
		action.set('confidence', 7);
		const actions = new Y.Array<unknown>();
		actions.push([action]);
		const goal = new Y.Map<unknown>();
		goal.set('id', GOAL);
		goal.set('importance', 8);
		goal.set('status', 'in_progress');
		goal.set('actions', actions);
		doc.getArray('goals').push([goal]);
		setFragmentText(doc.getXmlFragment(`goal.${GOAL}.description`), 'Walk to the shops');
		setFragmentText(doc.getXmlFragment(`goalAction.${ACTION}.what`), 'Join the walking group');
		const review = doc.getMap('review');
		review.set('reviewDate', '2027-01-04');
		review.set('responsible', 'Priya Shah, care coordinator, 01632 960 001');
		doc.getMap('meta').set('schemaVersion', 2);
	});
	return doc;
}

/** The text as y-prosemirror edits it: the paragraph's text at `line`. */
function line(fragment: Y.XmlFragment, index = 0): Y.XmlText {
	return (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('who reviews the plan and who does an action, as co-edited texts (version 3)', () => {
	it('reads a version 2 plan’s who and who reviews from their maps', () => {
		const plan = carePlanToJson(versionTwo());
		expect(plan.schemaVersion).toBe(2);
		expect(plan.carePlan.review.responsible).toBe('Priya Shah, care coordinator, 01632 960 001');
		expect(plan.carePlan.goals[0].actions[0].who).toBe('Link worker');
	});

	it('reads a version 3 plan’s who and who reviews from their fragments, not the maps', () => {
		const doc = versionTwo();
		doc.transact(() => {
			doc.getMap('meta').set('schemaVersion', 3);
			setFragmentText(reviewResponsible(doc), 'Dr Tom Okafor, GP');
			setFragmentText(goalActionWho(doc, ACTION), 'Priya (care coordinator)');
		});
		const plan = carePlanToJson(doc);
		expect(plan.carePlan.review.responsible).toBe('Dr Tom Okafor, GP');
		expect(plan.carePlan.goals[0].actions[0].who).toBe('Priya (care coordinator)');
	});

	it('copies a version 2 plan’s who and who reviews into their fragments, deleting nothing', () => {
		const doc = versionTwo();
		const before = carePlanToJson(doc);
		expect(needsCarePlanUpgrade(doc)).toBe(true);
		expect(upgradeCarePlanDocument(doc)).toBe(true);
		expect(fragmentText(reviewResponsible(doc))).toBe(
			'Priya Shah, care coordinator, 01632 960 001'
		);
		expect(fragmentText(goalActionWho(doc, ACTION))).toBe('Link worker');
		const after = carePlanToJson(doc);
		expect(after.schemaVersion).toBe(3);
		expect({ ...after, schemaVersion: null }).toEqual({ ...before, schemaVersion: null });
		expect(doc.getMap('review').get('responsible')).toBe(
			'Priya Shah, care coordinator, 01632 960 001'
		);
		const goal = doc.getArray<Y.Map<Y.Array<Y.Map<unknown>>>>('goals').get(0);
		expect(goal.get('actions')?.get(0).get('who')).toBe('Link worker');
		expect(upgradeCarePlanDocument(doc)).toBe(false);
	});

	it('upgrades a plan whose only legacy value is who reviews it', () => {
		const doc = new Y.Doc();
		doc.getMap('review').set('responsible', 'Dr Tom Okafor');
		expect(upgradeCarePlanDocument(doc)).toBe(true);
		expect(carePlanToJson(doc).carePlan.review.responsible).toBe('Dr Tom Okafor');
		expect(needsCarePlanUpgrade(new Y.Doc())).toBe(false);
	});

	it('upgrades the same version 2 plan to the same update wherever it runs', () => {
		const state = Y.encodeStateAsUpdate(versionTwo());
		const upgraded = () => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, state);
			return changeUpdate(doc, (copy) => upgradeCarePlanDocument(copy));
		};
		const [a, b] = [upgraded(), upgraded()];
		const read = (update: Uint8Array) => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, state);
			Y.applyUpdate(doc, update);
			return carePlanToJson(doc);
		};
		expect(read(a)).toEqual(read(b));
	});

	it('keeps what was typed into the fragment over the version 2 value', () => {
		const doc = versionTwo();
		setFragmentText(reviewResponsible(doc), 'Dr Tom Okafor');
		upgradeCarePlanDocument(doc);
		expect(carePlanToJson(doc).carePlan.review.responsible).toBe('Dr Tom Okafor');
	});

	it('reads a new plan’s who reviews as typed, before any version is stamped', () => {
		const doc = new Y.Doc();
		setFragmentText(reviewResponsible(doc), 'Priya Shah');
		expect(carePlanToJson(doc).schemaVersion).toBeNull();
		expect(carePlanToJson(doc).carePlan.review.responsible).toBe('Priya Shah');
	});

	it('writes who reviews and an action’s who through the checked edits into the fragments', () => {
		const doc = new Y.Doc();
		setReview(doc, { responsible: 'Priya Shah, care coordinator' });
		const goalId = addGoal(doc, { description: 'Walk to the shops' });
		const actionId = addGoalAction(doc, goalId, { what: 'Physio referral', who: ' GP ' })!;
		expect(fragmentText(reviewResponsible(doc))).toBe('Priya Shah, care coordinator');
		expect(fragmentText(goalActionWho(doc, actionId))).toBe('GP');
		expect(updateGoalAction(doc, goalId, actionId, { who: 'Dr Tom Okafor' })).toBe(true);
		const plan = carePlanToJson(doc);
		expect(plan.schemaVersion).toBe(3);
		expect(plan.carePlan.review.responsible).toBe('Priya Shah, care coordinator');
		expect(plan.carePlan.goals[0].actions[0].who).toBe('Dr Tom Okafor');
		expect(() => setReview(doc, { responsible: 7 as unknown as string })).toThrow(TypeError);
	});

	it('keeps both people’s typing in who reviews the plan', () => {
		const [a, b] = [new Y.Doc(), new Y.Doc()];
		setReview(a, { responsible: 'Priya' });
		sync(a, b);
		// Each types at the end of the same line at the same moment, neither having seen the other.
		line(reviewResponsible(a)).insert(5, ' Shah, care coordinator, 01632 960');
		line(reviewResponsible(b)).insert(5, ' with Dr Tom Okafor');
		sync(a, b);
		const responsible = carePlanToJson(a).carePlan.review.responsible;
		expect(carePlanToJson(b)).toEqual(carePlanToJson(a));
		expect(responsible).toMatch(/^Priya/);
		expect(responsible).toContain(' Shah, care coordinator, 01632 960');
		expect(responsible).toContain(' with Dr Tom Okafor');
	});

	it('accepts the new texts by id only, and names them for a lost-text notice', () => {
		const doc = new Y.Doc();
		const goalId = addGoal(doc, { description: 'Walk' });
		const actionId = addGoalAction(doc, goalId, { what: 'Physio referral' })!;
		expect(rootKind('careplan', 'review.responsible')).toBe('xml');
		expect(rootKind('careplan', `goalAction.${actionId}.who`)).toBe('xml');
		expect(rootKind('careplan', 'goalAction.not-a-uuid.who')).toBeNull();
		expect(rootKind('careplan', `goalAction.${actionId}.whom`)).toBeNull();
		expect(rootKind('meeting', 'review.responsible')).toBeNull();
		expect(textLabel('careplan', doc, 'review.responsible')).toBe('Who reviews the plan');
		expect(textLabel('careplan', doc, `goalAction.${actionId}.who`)).toBe('Goal 1, action 1: who');
		expect(textLabel('careplan', doc, `goalAction.${ACTION}.who`)).toBe('A removed action: who');
		expect(textLabel('careplan', doc, `goalAction.${actionId}.what`)).toBe(
			'Goal 1, action 1: what'
		);
	});

	it('reads nothing, and upgrades without throwing, where a hostile client used the name', () => {
		const doc = versionTwo();
		doc.getMap('review.responsible').set('x', 1);
		doc.getMap(`goalAction.${ACTION}.who`).set('x', 1);
		expect(() => upgradeCarePlanDocument(doc)).not.toThrow();
		const plan = carePlanToJson(doc);
		expect(plan.carePlan.review.responsible).toBe('');
		expect(plan.carePlan.goals[0].actions[0].who).toBe('');
		expect(plan.carePlan.goals[0].actions[0].what).toBe('Join the walking group');
	});
});

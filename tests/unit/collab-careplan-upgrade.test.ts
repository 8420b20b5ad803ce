import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	carePlanToJson,
	fragmentText,
	goalActionWhat,
	goalActionWho,
	goalDescription,
	needsCarePlanUpgrade,
	setFragmentText,
	storedCarePlan,
	upgradeCarePlanDocument
} from '../../src/lib/domain/collab/careplan';
import { changeUpdate } from '../../src/lib/domain/collab/documents';

const GOAL = '6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8';
const OTHER_GOAL = '7a2e3d4c-5b6f-4071-9283-a4b5c6d7e8f9';
const ACTION = '8b3f4e5d-6c70-4182-a394-b5c6d7e8f9a0';

/** A care plan as version 1 wrote it: goal descriptions and action whats as Y.Text in their maps. */
function versionOne(stamped = true): Y.Doc {
	const doc = new Y.Doc();
	const goal = (id: string, description: string, actions: Y.Map<unknown>[] = []) => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('description', new Y.Text(description));
		map.set('importance', 8);
		map.set('status', 'in_progress');
		const list = new Y.Array<unknown>();
		list.push(actions);
		map.set('actions', list);
		return map;
	};
	const action = new Y.Map<unknown>();
	action.set('id', ACTION);
	action.set('what', new Y.Text('Physio referral\nthen the walking group'));
	action.set('who', 'GP');
	action.set('when', '2026-12-01');
	action.set('status', 'open');
	action.set('confidence', 7);
	doc
		.getArray<unknown>('goals')
		.push([goal(GOAL, 'Walk to the shops', [action]), goal(OTHER_GOAL, ''), 'not a goal']);
	setFragmentText(doc.getXmlFragment('plan.needs'), 'Lives alone');
	if (stamped) doc.getMap('meta').set('schemaVersion', 1);
	return doc;
}

describe('upgrading a version 1 care plan', () => {
	it('reads a version 1 plan’s goals and actions as they were written', () => {
		const [goal] = carePlanToJson(versionOne()).carePlan.goals;
		expect(goal.description).toBe('Walk to the shops');
		expect(goal.actions[0].what).toBe('Physio referral\nthen the walking group');
	});

	it('copies every goal description, action and who into their own rich text', () => {
		for (const stamped of [true, false]) {
			const doc = versionOne(stamped);
			const before = carePlanToJson(doc);
			expect(needsCarePlanUpgrade(doc)).toBe(true);
			expect(upgradeCarePlanDocument(doc)).toBe(true);
			expect(fragmentText(goalDescription(doc, GOAL))).toBe('Walk to the shops');
			expect(fragmentText(goalActionWhat(doc, ACTION))).toBe(
				'Physio referral\nthen the walking group'
			);
			expect(fragmentText(goalActionWho(doc, ACTION))).toBe('GP');
			const after = carePlanToJson(doc);
			expect(after.schemaVersion).toBe(3);
			expect({ ...after, schemaVersion: null }).toEqual({ ...before, schemaVersion: null });
		}
	});

	it('runs once, deletes nothing of version 1, and leaves new plans alone', () => {
		const doc = versionOne();
		upgradeCarePlanDocument(doc);
		expect(upgradeCarePlanDocument(doc)).toBe(false);
		const goal = doc.getArray<Y.Map<unknown>>('goals').get(0);
		expect((goal.get('description') as Y.Text).toString()).toBe('Walk to the shops');
		expect(needsCarePlanUpgrade(new Y.Doc())).toBe(false);
	});

	it('upgrades the same plan to the same content wherever it runs', () => {
		const doc = versionOne();
		const state = Y.encodeStateAsUpdate(doc);
		const upgraded = () => {
			const copy = new Y.Doc();
			Y.applyUpdate(copy, state);
			upgradeCarePlanDocument(copy);
			return carePlanToJson(copy);
		};
		expect(upgraded()).toEqual(upgraded());
	});

	it('is an ordinary update on top of the stored history', () => {
		const doc = versionOne();
		const update = changeUpdate(doc, (copy) => upgradeCarePlanDocument(copy));
		Y.applyUpdate(doc, update);
		expect(carePlanToJson(doc).carePlan.goals[0].description).toBe('Walk to the shops');
		expect(carePlanToJson(doc).schemaVersion).toBe(3);
	});

	it('keeps what was typed into a fragment over the version 1 text', () => {
		const doc = versionOne();
		setFragmentText(goalDescription(doc, GOAL), 'Walk to the park');
		upgradeCarePlanDocument(doc);
		expect(carePlanToJson(doc).carePlan.goals[0].description).toBe('Walk to the park');
	});

	it('skips a goal id a hostile client used for another kind of type', () => {
		const doc = versionOne();
		doc.getMap(`goal.${GOAL}.description`).set('x', 1);
		expect(() => upgradeCarePlanDocument(doc)).not.toThrow();
		expect(carePlanToJson(doc).carePlan.goals[0].description).toBe('');
		expect(carePlanToJson(doc).carePlan.goals[0].actions[0].what).toMatch(/^Physio referral/);
	});
});

describe('a plan projected before version 2', () => {
	it('reads with the parts added since filled in empty', () => {
		const old = carePlanToJson(versionOne()) as unknown as Record<string, unknown>;
		delete old.personalContacts;
		const carePlan = old.carePlan as { review: Record<string, unknown> };
		delete carePlan.review.agreedHow;
		const plan = storedCarePlan(old)!;
		expect(plan.personalContacts).toEqual({ supportNetwork: '' });
		expect(plan.carePlan.review.agreedHow).toBe('');
		expect(plan.carePlan.goals[0].description).toBe('Walk to the shops');
		expect(plan.carePlan.needs).toBe('Lives alone');
		expect(storedCarePlan(null)).toBeNull();
	});
});

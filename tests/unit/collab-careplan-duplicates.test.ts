import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addGoal,
	carePlanSections,
	carePlanToJson,
	goalsArray
} from '../../src/lib/domain/collab/careplan';

describe('a plan a hostile client wrote', () => {
	it('reads two goals with one id as one goal, the first, for every reader', () => {
		const doc = new Y.Doc();
		const id = addGoal(doc, { description: 'Walk to the shop', importance: 8 });
		const copy = new Y.Map<unknown>();
		copy.set('id', id);
		copy.set('description', new Y.Text('A second goal with the same id'));
		copy.set('actions', new Y.Array());
		goalsArray(doc).push([copy]);

		const plan = carePlanToJson(doc);
		expect(plan.carePlan.goals.map((goal) => goal.id)).toEqual([id]);
		expect(plan.carePlan.goals[0].importance).toBe(8);
		expect(carePlanSections(plan).filter((s) => s.key === `goal.${id}`)).toHaveLength(1);
	});
});

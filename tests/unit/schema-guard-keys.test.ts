import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { outsideSchema } from '../../server/collab/schema-guard';
import {
	addGoal,
	addGoalAction,
	findGoal,
	findGoalAction
} from '../../src/lib/domain/collab/careplan';
import { changeUpdate, stampSchemaVersion } from '../../src/lib/domain/collab/documents';
import { addAgendaItem, agendaItems } from '../../src/lib/domain/collab/meeting';

const ITEM = '3c9a1f2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

/** A meeting with one item, as the server holds it. */
function meeting() {
	const doc = new Y.Doc();
	stampSchemaVersion(doc, 'meeting');
	const item = addAgendaItem(doc, { reason: 'Falls' });
	return { doc, item };
}

/** A care plan with one goal and one action, as the server holds it. */
function plan() {
	const doc = new Y.Doc();
	stampSchemaVersion(doc, 'careplan');
	const goal = addGoal(doc, { description: 'Walk to the shop' });
	const action = addGoalAction(doc, goal, { what: 'Physio referral' })!;
	return { doc, goal, action };
}

/** A client's edit made on a copy of the server's document. */
const edit = (doc: Y.Doc, change: (copy: Y.Doc) => void) => changeUpdate(doc, change);

/** What the guard says of `change` made to `doc` (a document of `kind`). */
const judge = (kind: 'meeting' | 'careplan', doc: Y.Doc, change: (copy: Y.Doc) => void) =>
	outsideSchema(kind, doc, edit(doc, change));

describe('the live server’s schema check of a meeting’s maps', () => {
	it('refuses a key its meta does not have, new or set again', () => {
		const { doc } = meeting();
		expect(judge('meeting', doc, (d) => d.getMap('meta').set('stray', 1))).toBe(
			'no key "stray" in "meta"'
		);
		// Stored before the check: setting it again is refused all the same.
		doc.getMap('meta').set('stray', 1);
		expect(judge('meeting', doc, (d) => d.getMap('meta').set('stray', 2))).toBe(
			'no key "stray" in "meta"'
		);
	});

	it('refuses an agenda entry that is not an item: not keyed by an item id, or not a map', () => {
		const { doc } = meeting();
		expect(judge('meeting', doc, (d) => agendaItems(d).set('not-an-item', 'junk'))).toBe(
			'no key "not-an-item" in "agendaItems"'
		);
		expect(judge('meeting', doc, (d) => agendaItems(d).set(ITEM, 'junk'))).toBe(
			`"agendaItems.${ITEM}" must be a map, not a value`
		);
		expect(judge('meeting', doc, (d) => agendaItems(d).set(ITEM, new Y.Array()))).toBe(
			`"agendaItems.${ITEM}" must be a map, not a list`
		);
	});

	it('refuses a key an agenda item does not have, on a new item or one there already', () => {
		const { doc, item } = meeting();
		const withSecret = () => {
			const map = new Y.Map<unknown>();
			map.set('status', 'pending');
			map.set('secret', 'x');
			return map;
		};
		expect(judge('meeting', doc, (d) => agendaItems(d).set(ITEM, withSecret()))).toBe(
			`no key "secret" in "agendaItems.${ITEM}"`
		);
		const existing = (d: Y.Doc) => agendaItems(d).get(item) as Y.Map<unknown>;
		expect(judge('meeting', doc, (d) => existing(d).set('secret', 'x'))).toBe(
			`no key "secret" in "agendaItems.${item}"`
		);
		// A setting that is there already, set again as something other than a single value.
		expect(judge('meeting', doc, (d) => existing(d).set('status', new Y.Map()))).toBe(
			`"agendaItems.${item}.status" must be a single value, not a map`
		);
	});

	it('refuses a key set on an item’s rich text, and content without a key in a map', () => {
		const { doc, item } = meeting();
		const notes = `item.${item}.notes`;
		expect(judge('meeting', new Y.Doc(), (d) => d.getMap(notes).set('x', 1))).toBe(
			`a key ("x") set on "${notes}", which is rich text`
		);
		expect(judge('meeting', new Y.Doc(), (d) => d.getArray('meta').push([1]))).toBe(
			'"meta" is a map: content without a key'
		);
		expect(judge('meeting', doc, (d) => d.getArray(notes).push([new Y.Map()]))).toBe(
			`"${notes}" is rich text, not a map`
		);
	});
});

describe('the live server’s schema check of a care plan’s maps and goals', () => {
	it('refuses a key the plan’s meta, review or contingency plan does not have', () => {
		const { doc } = plan();
		for (const name of ['meta', 'review', 'contingencyMeta']) {
			expect(judge('careplan', doc, (d) => d.getMap(name).set('stray', true))).toBe(
				`no key "stray" in "${name}"`
			);
		}
		// Who reviews the plan is rich text of its own since version 3, no longer a string here.
		expect(judge('careplan', doc, (d) => d.getMap('review').set('responsible', 'Dr Shah'))).toBe(
			'no key "responsible" in "review"'
		);
		expect(
			judge('careplan', doc, (d) => d.getMap('contingencyMeta').set('hasAdvanceStatement', []))
		).toBeNull();
		expect(
			judge('careplan', doc, (d) =>
				d.getMap('contingencyMeta').set('hasAdvanceStatement', new Y.Text('yes'))
			)
		).toBe('"contingencyMeta.hasAdvanceStatement" must be a single value, not a text');
	});

	it('refuses a goal that is not a map, and a key a goal or an action does not have', () => {
		const { doc, goal, action } = plan();
		expect(judge('careplan', doc, (d) => d.getArray('goals').push(['junk']))).toBe(
			'"goals[]" must be a map, not a value'
		);
		expect(judge('careplan', doc, (d) => d.getArray('goals').push([new Y.Array()]))).toBe(
			'"goals[]" must be a map, not a list'
		);
		expect(judge('careplan', doc, (d) => findGoal(d, goal)!.set('secret', 1))).toBe(
			'no key "secret" in "goals[]"'
		);
		expect(judge('careplan', doc, (d) => findGoal(d, goal)!.set('actions', 'none'))).toBe(
			'"goals[].actions" must be a list, not a value'
		);
		expect(judge('careplan', doc, (d) => findGoalAction(d, goal, action)!.set('who', 'GP'))).toBe(
			'no key "who" in "goals[].actions[]"'
		);
		const actions = (d: Y.Doc) => findGoal(d, goal)!.get('actions') as Y.Array<unknown>;
		expect(judge('careplan', doc, (d) => actions(d).push(['junk']))).toBe(
			'"goals[].actions[]" must be a map, not a value'
		);
	});

	it('refuses a new goal carrying a key goals do not have', () => {
		const { doc } = plan();
		const update = edit(doc, (d) => {
			const goal = new Y.Map<unknown>();
			goal.set('id', crypto.randomUUID());
			goal.set('description', new Y.Text('Version 1 kept it here'));
			d.getArray('goals').push([goal]);
		});
		expect(outsideSchema('careplan', doc, update)).toBe('no key "description" in "goals[]"');
	});

	it('refuses a key set on a rich text or on the list of goals', () => {
		const fresh = new Y.Doc();
		expect(judge('careplan', fresh, (d) => d.getMap('aboutMe.whatMattersToMe').set('x', 1))).toBe(
			'a key ("x") set on "aboutMe.whatMattersToMe", which is rich text'
		);
		expect(judge('careplan', fresh, (d) => d.getMap('goals').set('x', 1))).toBe(
			'a key ("x") set on "goals", which is a list'
		);
	});
});

describe('the live server’s schema check of an update made by several clients', () => {
	it('judges an item by its parent even when the parent comes later in the update', () => {
		const server = new Y.Doc();
		stampSchemaVersion(server, 'meeting');
		// Clients write in order of decreasing id: the child (client 9) comes before its parent.
		const parentClient = new Y.Doc();
		parentClient.clientID = 1;
		Y.applyUpdate(parentClient, Y.encodeStateAsUpdate(server));
		const id = addAgendaItem(parentClient, { reason: 'Falls' });
		const childClient = new Y.Doc();
		childClient.clientID = 9;
		Y.applyUpdate(childClient, Y.encodeStateAsUpdate(parentClient));
		const item = agendaItems(childClient).get(id) as Y.Map<unknown>;

		item.set('secret', 'x');
		const stray = Y.encodeStateAsUpdate(childClient, Y.encodeStateVector(server));
		expect(outsideSchema('meeting', server, stray)).toBe(`no key "secret" in "agendaItems.${id}"`);
	});
});

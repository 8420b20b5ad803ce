import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { outsideSchema } from '../../server/collab/schema-guard';
import {
	CAREPLAN_FRAGMENTS,
	addGoal,
	addGoalAction,
	removeGoal,
	removeGoalAction,
	setHasAdvanceStatement,
	setReview,
	updateGoal,
	updateGoalAction,
	upgradeCarePlanDocument
} from '../../src/lib/domain/collab/careplan';
import {
	changeUpdate,
	setFragmentText,
	stampSchemaVersion,
	type DocKind
} from '../../src/lib/domain/collab/documents';
import {
	AGENDA_TEXT_FIELDS,
	addAgendaItem,
	agendaItems,
	itemText,
	moveAgendaItem,
	removeAgendaItem,
	restoreAgendaItem,
	updateAgendaItem
} from '../../src/lib/domain/collab/meeting';
import { upgradeMeetingDocument } from '../../src/lib/domain/collab/meeting-upgrade';

const PATIENT = '00000000-0000-4000-8000-000000000001';
const PRESENTER = '00000000-0000-4000-8000-000000000002';

/** Every edit is let through, each made by a client on a copy of the server's document. */
function expectAllowed(kind: DocKind, doc: Y.Doc, edits: ((copy: Y.Doc) => void)[]) {
	for (const change of edits) {
		const update = changeUpdate(doc, change);
		expect(outsideSchema(kind, doc, update)).toBeNull();
		// Applied, so that the next edit builds on it as a client's would.
		Y.applyUpdate(doc, update);
	}
}

/** Rich text as the editor writes it: a heading, a bold word, a nested list, a link. */
function richText(fragment: Y.XmlFragment) {
	const heading = new Y.XmlElement('heading');
	heading.setAttribute('level', '3');
	const words = new Y.XmlText();
	words.insert(0, 'Falls ');
	words.insert(6, 'twice', { bold: true });
	words.insert(11, ' — see', { link: { href: 'https://example.org' } });
	heading.insert(0, [words]);
	const list = new Y.XmlElement('bulletList');
	const item = new Y.XmlElement('listItem');
	const paragraph = new Y.XmlElement('paragraph');
	paragraph.insert(0, [new Y.XmlText('Lives alone')]);
	item.insert(0, [paragraph]);
	list.insert(0, [item]);
	fragment.insert(fragment.length, [heading, list]);
}

describe('the live server’s schema check lets through every edit a meeting page makes', () => {
	it('items added, changed, moved, removed and restored, and every text typed', () => {
		const doc = new Y.Doc();
		const ids: string[] = [];
		expectAllowed('meeting', doc, [
			(d) => ids.push(addAgendaItem(d, { patientId: PATIENT, reason: 'Falls', questions: 'Why?' })),
			(d) => ids.push(addAgendaItem(d, { reason: 'Carer strain', minutesAllotted: 5, index: 0 })),
			(d) =>
				updateAgendaItem(d, ids[0], {
					patientId: null,
					presenterId: PRESENTER,
					minutesAllotted: 10,
					missingInformation: true,
					status: 'discussed'
				}),
			(d) => moveAgendaItem(d, ids[0], 0),
			(d) => removeAgendaItem(d, ids[1]),
			(d) => restoreAgendaItem(d, ids[1]),
			...AGENDA_TEXT_FIELDS.map(
				(field) => (d: Y.Doc) => setFragmentText(itemText(d, ids[0], field), `The ${field}.`)
			),
			(d) => richText(itemText(d, ids[1], 'notes')),
			(d) => setFragmentText(itemText(d, ids[1], 'notes'), '')
		]);
	});

	it('items given new sort keys when two were put at one place, or keys were not fractional', () => {
		const doc = new Y.Doc();
		stampSchemaVersion(doc, 'meeting');
		const [a, b] = [addAgendaItem(doc, { reason: 'A' }), addAgendaItem(doc, { reason: 'B' })];
		(agendaItems(doc).get(b) as Y.Map<unknown>).set('sortKey', 'not a key');
		expectAllowed('meeting', doc, [
			(d) => addAgendaItem(d, { reason: 'C', index: 1 }),
			(d) => moveAgendaItem(d, a, 2)
		]);
	});

	it('a whole agenda written offline, sent at once when the browser reconnects', () => {
		const server = new Y.Doc();
		const offline = new Y.Doc();
		const id = addAgendaItem(offline, { patientId: PATIENT, reason: 'Falls' });
		richText(itemText(offline, id, 'notes'));
		updateAgendaItem(offline, id, { status: 'deferred' });
		const update = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server));
		expect(outsideSchema('meeting', server, update)).toBeNull();
	});

	it('two tabs’ edits to one item (the later tab’s first in the update), sent together', () => {
		const server = new Y.Doc();
		stampSchemaVersion(server, 'meeting');
		const first = new Y.Doc();
		first.clientID = 1;
		const id = addAgendaItem(first, { reason: 'Falls' });
		const second = new Y.Doc();
		second.clientID = 9;
		Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
		updateAgendaItem(second, id, { status: 'discussed', minutesAllotted: 4 });
		setFragmentText(itemText(second, id, 'outcome'), 'Refer to the falls clinic.');
		const update = Y.encodeStateAsUpdate(second, Y.encodeStateVector(server));
		expect(outsideSchema('meeting', server, update)).toBeNull();
	});

	it('edits to a version 1 meeting carried forward by the server (its old parts kept)', () => {
		const doc = new Y.Doc();
		const old = new Y.Map<unknown>();
		old.set('id', 'item-1');
		old.set('reason', 'Falls');
		old.set('questions', new Y.Text('Falls clinic?'));
		doc.getArray('agenda').push([old]);
		doc.getText('outcome.item-1').insert(0, 'Refer');
		doc.getMap('meta').set('schemaVersion', 1);
		upgradeMeetingDocument(doc);
		expectAllowed('meeting', doc, [
			(d) => updateAgendaItem(d, 'item-1', { status: 'discussed', minutesAllotted: 5 }),
			(d) => addAgendaItem(d, { reason: 'New', index: 0 }),
			(d) => moveAgendaItem(d, 'item-1', 1),
			(d) => setFragmentText(itemText(d, 'item-1', 'notes'), 'Discussed.'),
			(d) => removeAgendaItem(d, 'item-1')
		]);
	});
});

describe('the live server’s schema check lets through every edit a care plan page makes', () => {
	it('every text, goals and actions added, changed and removed, the review and the statement', () => {
		const doc = new Y.Doc();
		const goals: string[] = [];
		const actions: string[] = [];
		expectAllowed('careplan', doc, [
			...CAREPLAN_FRAGMENTS.map(
				({ name, label }) =>
					(d: Y.Doc) =>
						setFragmentText(d.getXmlFragment(name), label)
			),
			(d) => richText(d.getXmlFragment('aboutMe.whatMattersToMe')),
			(d) => goals.push(addGoal(d, { description: 'Walk to the shop', importance: 8 })),
			(d) => goals.push(addGoal(d, { description: 'Sleep better' })),
			(d) => updateGoal(d, goals[0], { description: 'Walk to the park', importance: 9 }),
			(d) => updateGoal(d, goals[0], { status: 'in_progress', importance: null }),
			(d) =>
				actions.push(
					addGoalAction(d, goals[0], {
						what: 'Physio referral',
						who: 'Practice physio',
						when: '2027-01-05',
						status: 'in_progress',
						confidence: 7
					})!
				),
			(d) => actions.push(addGoalAction(d, goals[0], { what: 'Walking group' })!),
			(d) =>
				updateGoalAction(d, goals[0], actions[0], {
					what: 'Physio',
					who: 'GP',
					when: null,
					status: 'done',
					confidence: null
				}),
			(d) => removeGoalAction(d, goals[0], actions[1]),
			(d) => removeGoal(d, goals[1]),
			(d) => setReview(d, { reviewDate: '2027-02-01', preparedBy: 'Priya Shah' }),
			(d) => setReview(d, { reviewDate: null, responsible: 'Priya Shah, care coordinator' }),
			(d) => setHasAdvanceStatement(d, true),
			(d) => setHasAdvanceStatement(d, false)
		]);
	});

	it('edits to a version 1 plan carried forward by the server (its old keys kept)', () => {
		const doc = new Y.Doc();
		const goalId = crypto.randomUUID();
		const actionId = crypto.randomUUID();
		const action = new Y.Map<unknown>();
		action.set('id', actionId);
		action.set('what', new Y.Text('Physio referral'));
		action.set('who', 'GP');
		const actionList = new Y.Array<unknown>();
		actionList.push([action]);
		const goal = new Y.Map<unknown>();
		goal.set('id', goalId);
		goal.set('description', new Y.Text('Walk to the shops'));
		goal.set('actions', actionList);
		doc.getArray('goals').push([goal, 'not a goal']);
		doc.getMap('review').set('responsible', 'Priya Shah');
		doc.getMap('meta').set('schemaVersion', 1);
		upgradeCarePlanDocument(doc);
		expectAllowed('careplan', doc, [
			(d) => updateGoal(d, goalId, { status: 'achieved', importance: 3 }),
			(d) => updateGoalAction(d, goalId, actionId, { status: 'done', when: '2027-01-05' }),
			(d) => addGoalAction(d, goalId, { what: 'Walking group' }),
			(d) => addGoal(d, { description: 'Sleep better' }),
			(d) => setReview(d, { reviewDate: '2027-02-01' }),
			(d) => removeGoal(d, goalId)
		]);
	});
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendParagraph, setFragmentText } from '../../src/lib/domain/collab/documents';
import {
	addAgendaItem,
	agendaArray,
	meetingToJson,
	moveAgendaItem,
	notesFragment,
	outcomeText,
	removeAgendaItem,
	updateAgendaItem
} from '../../src/lib/domain/collab/meeting';

const PATIENT = '0b8e7f3c-1d2a-4e5b-8c6d-7e8f9a0b1c2d';
const GP = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function agendaWith(reasons: string[]): { doc: Y.Doc; ids: string[] } {
	const doc = new Y.Doc();
	return { doc, ids: reasons.map((reason) => addAgendaItem(doc, { reason })) };
}

function reasons(doc: Y.Doc): string[] {
	return meetingToJson(doc).agenda.map((item) => item.reason);
}

describe('agenda', () => {
	it('adds an item as pending with its patient, presenter and time', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, {
			patientId: PATIENT,
			reason: 'Two falls since discharge',
			presenterId: GP,
			minutesAllotted: 3,
			questions: 'Refer to falls clinic?'
		});
		expect(meetingToJson(doc)).toEqual({
			schemaVersion: null,
			agenda: [
				{
					id,
					position: 0,
					patientId: PATIENT,
					reason: 'Two falls since discharge',
					presenterId: GP,
					minutesAllotted: 3,
					questions: 'Refer to falls clinic?',
					missingInformation: false,
					status: 'pending',
					notes: '',
					outcome: ''
				}
			]
		});
	});

	it('inserts an item at a given place', () => {
		const { doc } = agendaWith(['first', 'second']);
		addAgendaItem(doc, { reason: 'urgent', index: 0 });
		expect(reasons(doc)).toEqual(['urgent', 'first', 'second']);
	});

	it('refuses a patient id that is not a uuid', () => {
		const doc = new Y.Doc();
		expect(() => addAgendaItem(doc, { patientId: '943 476 5919' })).toThrow(RangeError);
		expect(agendaArray(doc).length).toBe(0);
	});

	it('updates an item’s fields and questions', () => {
		const { doc, ids } = agendaWith(['falls']);
		expect(
			updateAgendaItem(doc, ids[0], {
				status: 'discussed',
				missingInformation: true,
				questions: 'Bloods?'
			})
		).toBe(true);
		const [item] = meetingToJson(doc).agenda;
		expect(item).toMatchObject({
			status: 'discussed',
			missingInformation: true,
			questions: 'Bloods?'
		});
	});

	it('writes nothing when an update changes nothing', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, { reason: 'falls', questions: 'Bloods?' });
		let updates = 0;
		doc.on('update', () => updates++);
		updateAgendaItem(doc, id, { reason: 'falls', questions: 'Bloods?', status: 'pending' });
		expect(updates).toBe(0);
	});

	it('reports an update to an item that is not there', () => {
		const doc = new Y.Doc();
		expect(updateAgendaItem(doc, crypto.randomUUID(), { reason: 'x' })).toBe(false);
	});

	it('removes an item', () => {
		const { doc, ids } = agendaWith(['a', 'b', 'c']);
		expect(removeAgendaItem(doc, ids[1])).toBe(true);
		expect(reasons(doc)).toEqual(['a', 'c']);
	});

	it('projects an item’s notes and outcome', () => {
		const { doc, ids } = agendaWith(['falls']);
		setFragmentText(notesFragment(doc, ids[0]), 'Discussed with daughter\nBP stable');
		outcomeText(doc, ids[0]).insert(0, 'Refer to falls clinic');
		const [item] = meetingToJson(doc).agenda;
		expect(item.notes).toBe('Discussed with daughter\nBP stable');
		expect(item.outcome).toBe('Refer to falls clinic');
	});
});

describe('moving an item', () => {
	it('moves an item to a new place', () => {
		const { doc, ids } = agendaWith(['a', 'b', 'c']);
		expect(moveAgendaItem(doc, ids[2], 0)).toBe(true);
		expect(reasons(doc)).toEqual(['c', 'a', 'b']);
		expect(meetingToJson(doc).agenda.map((i) => i.position)).toEqual([0, 1, 2]);
	});

	it('keeps the item’s id and values, including its questions', () => {
		const doc = new Y.Doc();
		addAgendaItem(doc, { reason: 'first' });
		const id = addAgendaItem(doc, {
			patientId: PATIENT,
			reason: 'falls',
			presenterId: GP,
			minutesAllotted: 2.5,
			questions: 'Bloods?',
			missingInformation: true,
			status: 'deferred'
		});
		const before = meetingToJson(doc).agenda[1];
		moveAgendaItem(doc, id, 0);
		expect(meetingToJson(doc).agenda[0]).toEqual({ ...before, position: 0 });
	});

	it('keeps the item’s notes and outcome', () => {
		const { doc, ids } = agendaWith(['a', 'b']);
		setFragmentText(notesFragment(doc, ids[1]), 'Lives alone');
		outcomeText(doc, ids[1]).insert(0, 'Carer assessment');
		moveAgendaItem(doc, ids[1], 0);
		expect(meetingToJson(doc).agenda[0]).toMatchObject({
			id: ids[1],
			notes: 'Lives alone',
			outcome: 'Carer assessment'
		});
	});

	it('moves in one transaction', () => {
		const { doc, ids } = agendaWith(['a', 'b', 'c']);
		let updates = 0;
		doc.on('update', () => updates++);
		moveAgendaItem(doc, ids[0], 2);
		expect(updates).toBe(1);
	});

	it('leaves an item that is already in place untouched', () => {
		const { doc, ids } = agendaWith(['a', 'b']);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(moveAgendaItem(doc, ids[1], 1)).toBe(true);
		expect(updates).toBe(0);
	});

	it('puts an item moved past the end last', () => {
		const { doc, ids } = agendaWith(['a', 'b', 'c']);
		moveAgendaItem(doc, ids[0], 99);
		expect(reasons(doc)).toEqual(['b', 'c', 'a']);
	});
});

describe('two people editing the meeting at once', () => {
	it('keeps items added by both', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		addAgendaItem(a, { reason: 'from a' });
		addAgendaItem(b, { reason: 'from b' });
		sync(a, b);
		expect(meetingToJson(a)).toEqual(meetingToJson(b));
		expect(reasons(a).sort()).toEqual(['from a', 'from b']);
	});

	it('shows an item moved by both to different places once, with its notes', () => {
		const { doc: a, ids } = agendaWith(['a', 'b', 'c', 'd']);
		setFragmentText(notesFragment(a, ids[1]), 'Frailty moderate');
		const b = new Y.Doc();
		sync(a, b);
		moveAgendaItem(a, ids[1], 0);
		moveAgendaItem(b, ids[1], 3);
		sync(a, b);
		const json = meetingToJson(a);
		expect(json).toEqual(meetingToJson(b));
		expect(json.agenda.map((i) => i.id).sort()).toEqual([...ids].sort());
		expect(json.agenda.find((i) => i.id === ids[1])?.notes).toBe('Frailty moderate');
	});

	it('clears the copy left by concurrent moves on the next move', () => {
		const { doc: a, ids } = agendaWith(['a', 'b', 'c']);
		const b = new Y.Doc();
		sync(a, b);
		moveAgendaItem(a, ids[0], 2);
		moveAgendaItem(b, ids[0], 1);
		sync(a, b);
		expect(agendaArray(a).length).toBe(4);
		moveAgendaItem(a, ids[0], 0);
		expect(agendaArray(a).length).toBe(3);
		expect(reasons(a)).toEqual(['a', 'b', 'c']);
	});

	it('converges when both move different items', () => {
		const { doc: a, ids } = agendaWith(['a', 'b', 'c', 'd']);
		const b = new Y.Doc();
		sync(a, b);
		moveAgendaItem(a, ids[3], 0);
		moveAgendaItem(b, ids[0], 3);
		sync(a, b);
		expect(meetingToJson(a)).toEqual(meetingToJson(b));
		expect(reasons(a).sort()).toEqual(['a', 'b', 'c', 'd']);
	});

	it('keeps notes typed by both on the same item', () => {
		const { doc: a, ids } = agendaWith(['falls']);
		const b = new Y.Doc();
		sync(a, b);
		appendParagraph(notesFragment(a, ids[0]), 'GP: review meds');
		appendParagraph(notesFragment(b, ids[0]), 'Link worker: walking group');
		sync(a, b);
		const notes = meetingToJson(a).agenda[0].notes;
		expect(meetingToJson(b).agenda[0].notes).toBe(notes);
		expect(notes.split('\n').sort()).toEqual(['GP: review meds', 'Link worker: walking group']);
	});
});

describe('malformed content', () => {
	it('projects wrong types as empty values without throwing', () => {
		const doc = new Y.Doc();
		const item = new Y.Map<unknown>();
		agendaArray(doc).push(['not an item', 3, null, new Y.Array(), item]);
		item.set('id', ['x']);
		item.set('patientId', 'not-a-uuid');
		item.set('reason', 42);
		item.set('presenterId', 7);
		item.set('minutesAllotted', -5);
		item.set('questions', 'plain string');
		item.set('missingInformation', 'true');
		item.set('status', 'done');
		expect(meetingToJson(doc).agenda).toEqual([
			{
				id: '',
				position: 0,
				patientId: null,
				reason: '',
				presenterId: null,
				minutesAllotted: null,
				questions: '',
				missingInformation: false,
				status: null,
				notes: '',
				outcome: ''
			}
		]);
	});

	it('moves an item holding unexpected nested types without throwing', () => {
		const { doc, ids } = agendaWith(['a', 'b']);
		const item = agendaArray(doc).get(1) as Y.Map<unknown>;
		item.set('extra', new Y.Map());
		const questions = item.get('questions') as Y.Text;
		questions.insertEmbed(0, new Y.Map());
		questions.insert(1, 'Bloods?');
		expect(moveAgendaItem(doc, ids[1], 0)).toBe(true);
		expect(meetingToJson(doc).agenda[0]).toMatchObject({ id: ids[1], questions: 'Bloods?' });
	});
});

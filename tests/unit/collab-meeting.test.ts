import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	appendParagraph,
	fragmentText,
	setFragmentText
} from '../../src/lib/domain/collab/documents';
import {
	addAgendaItem,
	agendaItems,
	itemText,
	markMeetingEnded,
	meetingEndedAt,
	meetingToJson,
	moveAgendaItem,
	removeAgendaItem,
	restoreAgendaItem,
	updateAgendaItem
} from '../../src/lib/domain/collab/meeting';

const PATIENT = '0b8e7f3c-1d2a-4e5b-8c6d-7e8f9a0b1c2d';
const GP = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

/** Two copies of one document exchange what each lacks, as through the server. */
function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

function agendaWith(reasons: string[]): { doc: Y.Doc; ids: string[] } {
	const doc = new Y.Doc();
	return { doc, ids: reasons.map((reason) => addAgendaItem(doc, { reason })) };
}

const reasons = (doc: Y.Doc) => meetingToJson(doc).agenda.map((item) => item.reason);

/** Types into an item's text at the end of its last paragraph, as an editor would. */
function typeInto(doc: Y.Doc, id: string, field: 'reason' | 'questions' | 'outcome', text: string) {
	const fragment = itemText(doc, id, field);
	if (fragment.length === 0) return setFragmentText(fragment, text);
	const last = fragment.get(fragment.length - 1) as Y.XmlElement;
	const leaf = last.get(0) as Y.XmlText | undefined;
	if (leaf) leaf.insert(leaf.length, text);
	else last.insert(0, [new Y.XmlText(text)]);
}

describe('agenda', () => {
	it('adds an item, not yet discussed, with its patient, presenter, time and texts', () => {
		const doc = new Y.Doc();
		const id = addAgendaItem(doc, {
			patientId: PATIENT,
			reason: 'Two falls since discharge',
			presenterId: GP,
			minutesAllotted: 3,
			questions: 'Refer to falls clinic?'
		});
		expect(meetingToJson(doc)).toEqual({
			schemaVersion: 2,
			endedAt: null,
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
		const { doc } = agendaWith(['first', 'third']);
		addAgendaItem(doc, { reason: 'second', index: 1 });
		addAgendaItem(doc, { reason: 'zeroth', index: 0 });
		expect(reasons(doc)).toEqual(['zeroth', 'first', 'second', 'third']);
	});

	it('refuses a patient id that is not a uuid', () => {
		expect(() => addAgendaItem(new Y.Doc(), { patientId: 'nope' })).toThrow(RangeError);
	});

	it('updates an item’s settings', () => {
		const { doc, ids } = agendaWith(['a']);
		expect(updateAgendaItem(doc, ids[0], { minutesAllotted: 5, status: 'discussed' })).toBe(true);
		expect(meetingToJson(doc).agenda[0]).toMatchObject({ minutesAllotted: 5, status: 'discussed' });
	});

	it('writes nothing when an update changes nothing', () => {
		const { doc, ids } = agendaWith(['a']);
		let updates = 0;
		doc.on('update', () => updates++);
		updateAgendaItem(doc, ids[0], { status: 'pending', missingInformation: false });
		expect(updates).toBe(0);
	});

	it('reports an update to an item that is not there', () => {
		expect(updateAgendaItem(new Y.Doc(), 'missing', { status: 'discussed' })).toBe(false);
	});

	it('projects each item’s notes and outcome and decision', () => {
		const { doc, ids } = agendaWith(['a']);
		setFragmentText(itemText(doc, ids[0], 'notes'), 'Lives alone');
		appendParagraph(itemText(doc, ids[0], 'notes'), 'Daughter visits');
		setFragmentText(itemText(doc, ids[0], 'outcome'), 'Refer to falls clinic');
		expect(meetingToJson(doc).agenda[0]).toMatchObject({
			notes: 'Lives alone\nDaughter visits',
			outcome: 'Refer to falls clinic'
		});
	});

	it('takes an item off and puts it back whole, in its place', () => {
		const { doc, ids } = agendaWith(['a', 'b', 'c']);
		setFragmentText(itemText(doc, ids[1], 'notes'), 'Kept');
		expect(removeAgendaItem(doc, ids[1])).toBe(true);
		expect(reasons(doc)).toEqual(['a', 'c']);
		expect(restoreAgendaItem(doc, ids[1])).toBe(true);
		expect(meetingToJson(doc).agenda[1]).toMatchObject({ reason: 'b', notes: 'Kept' });
	});
});

describe('moving an item', () => {
	it('moves an item to a new place by changing only its sort key', () => {
		const { doc, ids } = agendaWith(['a', 'b', 'c']);
		const item = agendaItems(doc).get(ids[2]);
		const changed: string[] = [];
		agendaItems(doc).observeDeep((events) => {
			for (const event of events) changed.push(...(event as Y.YMapEvent<unknown>).keysChanged);
		});
		expect(moveAgendaItem(doc, ids[2], 0)).toBe(true);
		expect(reasons(doc)).toEqual(['c', 'a', 'b']);
		expect(agendaItems(doc).get(ids[2])).toBe(item);
		expect(changed).toEqual(['sortKey']);
	});

	it('leaves an item that is already in place untouched, and puts one moved past the end last', () => {
		const { doc, ids } = agendaWith(['a', 'b']);
		let updates = 0;
		doc.on('update', () => updates++);
		moveAgendaItem(doc, ids[0], 0);
		expect(updates).toBe(0);
		moveAgendaItem(doc, ids[0], 99);
		expect(reasons(doc)).toEqual(['b', 'a']);
	});

	it('keeps edits made offline to an item that someone else moved meanwhile', () => {
		const { doc: chair, ids } = agendaWith(['a', 'b', 'Falls']);
		updateAgendaItem(chair, ids[2], { minutesAllotted: 3 });
		const gp = copyOf(chair);
		typeInto(gp, ids[2], 'reason', ' and dizziness');
		setFragmentText(itemText(gp, ids[2], 'questions'), 'Stop amlodipine?');
		updateAgendaItem(gp, ids[2], { minutesAllotted: 10 });
		moveAgendaItem(chair, ids[2], 1);
		sync(chair, gp);
		for (const doc of [chair, gp]) {
			expect(meetingToJson(doc).agenda[1]).toMatchObject({
				id: ids[2],
				reason: 'Falls and dizziness',
				questions: 'Stop amlodipine?',
				minutesAllotted: 10
			});
		}
	});

	it('shows an item moved by two people to different places once', () => {
		const { doc: a, ids } = agendaWith(['a', 'b', 'c', 'd']);
		const b = copyOf(a);
		moveAgendaItem(a, ids[3], 0);
		moveAgendaItem(b, ids[3], 2);
		sync(a, b);
		expect(reasons(a)).toEqual(reasons(b));
		expect(reasons(a).filter((r) => r === 'd')).toHaveLength(1);
	});

	it('converges when two people move different items', () => {
		const { doc: a, ids } = agendaWith(['a', 'b', 'c', 'd']);
		const b = copyOf(a);
		moveAgendaItem(a, ids[0], 3);
		moveAgendaItem(b, ids[3], 0);
		sync(a, b);
		expect(reasons(a)).toEqual(reasons(b));
		expect(new Set(reasons(a))).toEqual(new Set(['a', 'b', 'c', 'd']));
	});

	it('keeps items two people add at the same place, and can still put one between them', () => {
		const { doc: a } = agendaWith(['first', 'last']);
		const b = copyOf(a);
		addAgendaItem(a, { reason: 'from A', index: 1 });
		addAgendaItem(b, { reason: 'from B', index: 1 });
		sync(a, b);
		expect(reasons(a)).toEqual(reasons(b));
		expect(reasons(a)).toHaveLength(4);
		addAgendaItem(a, { reason: 'between', index: 2 });
		expect(reasons(a)[2]).toBe('between');
	});

	it('refuses a place that is not a whole number', () => {
		const { doc, ids } = agendaWith(['a']);
		expect(() => moveAgendaItem(doc, ids[0], 0.5)).toThrow(RangeError);
	});
});

describe('co-edited texts', () => {
	it('keeps both sentences whole when two people type the outcome and decision at once', () => {
		const { doc: a, ids } = agendaWith(['a']);
		setFragmentText(itemText(a, ids[0], 'outcome'), '');
		const b = copyOf(a);
		setFragmentText(itemText(a, ids[0], 'outcome'), 'Refer to falls clinic.');
		appendParagraph(itemText(b, ids[0], 'outcome'), 'Stop amlodipine.');
		sync(a, b);
		const outcome = meetingToJson(a).agenda[0].outcome;
		expect(outcome).toBe(meetingToJson(b).agenda[0].outcome);
		expect(outcome.split('\n').sort()).toEqual(['Refer to falls clinic.', 'Stop amlodipine.']);
	});
});

describe('the end of a meeting', () => {
	it('is recorded once in the document, and read back', () => {
		const doc = new Y.Doc();
		expect(meetingEndedAt(doc)).toBeNull();
		markMeetingEnded(doc, '2026-11-30T14:00:00.000Z');
		markMeetingEnded(doc, '2026-11-30T15:00:00.000Z');
		expect(meetingEndedAt(doc)).toBe('2026-11-30T14:00:00.000Z');
		expect(meetingToJson(doc).endedAt).toBe('2026-11-30T14:00:00.000Z');
	});
});

describe('malformed content', () => {
	it('projects wrong types as empty values without throwing', () => {
		const doc = new Y.Doc();
		const items = agendaItems(doc);
		items.set('not-a-map', 'x');
		const item = new Y.Map<unknown>();
		items.set('odd', item);
		item.set('sortKey', 42);
		item.set('patientId', 'not-a-uuid');
		item.set('presenterId', 7);
		item.set('minutesAllotted', -5);
		item.set('missingInformation', 'true');
		item.set('status', 'done');
		doc.getMap('meta').set('endedAt', 'yesterday');
		expect(meetingToJson(doc)).toEqual({
			schemaVersion: null,
			endedAt: null,
			agenda: [
				{
					id: 'odd',
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
			]
		});
	});

	it('moves items whose sort keys are not valid without throwing', () => {
		const { doc, ids } = agendaWith(['a', 'b', 'c']);
		(agendaItems(doc).get(ids[0]) as Y.Map<unknown>).set('sortKey', '!!');
		(agendaItems(doc).get(ids[1]) as Y.Map<unknown>).set('sortKey', '!!');
		expect(moveAgendaItem(doc, ids[2], 1)).toBe(true);
		expect(reasons(doc)).toContain('c');
	});
});

describe('plain text of rich text, as the minutes and the clinical record show it', () => {
	it('writes bullets as "- ", numbers as "1. ", a table row on one line, nbsp as spaces', () => {
		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment('rich');
		const paragraph = (text: string) => {
			const p = new Y.XmlElement('paragraph');
			p.insert(0, [new Y.XmlText(text)]);
			return p;
		};
		const list = (name: string, texts: string[]) => {
			const element = new Y.XmlElement(name);
			element.insert(
				0,
				texts.map((text) => {
					const item = new Y.XmlElement('listItem');
					item.insert(0, [paragraph(text)]);
					return item;
				})
			);
			return element;
		};
		const table = new Y.XmlElement('table');
		const row = (cells: string[]) => {
			const element = new Y.XmlElement('tableRow');
			element.insert(
				0,
				cells.map((text) => {
					const cell = new Y.XmlElement('tableCell');
					cell.insert(0, [paragraph(text)]);
					return cell;
				})
			);
			return element;
		};
		table.insert(0, [row(['Drug', 'Dose']), row(['Amlodipine', '5\u00a0mg'])]);
		fragment.insert(0, [
			paragraph('Plan:'),
			list('bulletList', ['Falls clinic', 'OT\u00a0visit']),
			list('orderedList', ['Stop amlodipine', 'Review in 2 weeks']),
			table
		]);
		expect(fragmentText(fragment)).toBe(
			[
				'Plan:',
				'- Falls clinic',
				'- OT visit',
				'1. Stop amlodipine',
				'2. Review in 2 weeks',
				'Drug | Dose',
				'Amlodipine | 5 mg'
			].join('\n')
		);
	});
});

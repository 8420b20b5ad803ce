import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setFragmentText } from '../../src/lib/domain/collab/documents';
import { meetingToJson } from '../../src/lib/domain/collab/meeting';
import {
	needsMeetingUpgrade,
	upgradeMeetingDocument
} from '../../src/lib/domain/collab/meeting-upgrade';

const PATIENT = '0b8e7f3c-1d2a-4e5b-8c6d-7e8f9a0b1c2d';

/** A meeting document as version 1 wrote it: the agenda an array, the outcome a Y.Text. */
function versionOne(stamped = true): Y.Doc {
	const doc = new Y.Doc();
	const agenda = doc.getArray<unknown>('agenda');
	const item = (id: string, reason: string, questions: string) => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		map.set('patientId', PATIENT);
		map.set('reason', reason);
		map.set('presenterId', null);
		map.set('minutesAllotted', 3);
		map.set('questions', new Y.Text(questions));
		map.set('missingInformation', true);
		map.set('status', 'discussed');
		return map;
	};
	agenda.push([item('item-1', 'Falls', 'Falls clinic?'), item('item-2', 'Carer strain', '')]);
	// A copy left by two concurrent version 1 moves.
	agenda.push([item('item-1', 'Falls', 'Falls clinic?')]);
	setFragmentText(doc.getXmlFragment('notes.item-1'), 'Two falls\nLives alone');
	doc.getText('outcome.item-1').insert(0, 'Refer to falls clinic');
	if (stamped) doc.getMap('meta').set('schemaVersion', 1);
	return doc;
}

describe('upgrading a version 1 meeting document', () => {
	it('keeps every item in order with its settings and every text', () => {
		for (const stamped of [true, false]) {
			const doc = versionOne(stamped);
			expect(needsMeetingUpgrade(doc)).toBe(true);
			expect(upgradeMeetingDocument(doc)).toBe(true);
			const json = meetingToJson(doc);
			expect(json.schemaVersion).toBe(2);
			expect(json.agenda).toEqual([
				{
					id: 'item-1',
					position: 0,
					patientId: PATIENT,
					reason: 'Falls',
					presenterId: null,
					minutesAllotted: 3,
					questions: 'Falls clinic?',
					missingInformation: true,
					status: 'discussed',
					notes: 'Two falls\nLives alone',
					outcome: 'Refer to falls clinic'
				},
				expect.objectContaining({ id: 'item-2', position: 1, reason: 'Carer strain', notes: '' })
			]);
		}
	});

	it('runs once, deletes nothing of version 1, and leaves new documents alone', () => {
		const doc = versionOne();
		upgradeMeetingDocument(doc);
		expect(upgradeMeetingDocument(doc)).toBe(false);
		expect(doc.getArray('agenda').length).toBe(3);
		expect(doc.getText('outcome.item-1').toString()).toBe('Refer to falls clinic');
		expect(needsMeetingUpgrade(new Y.Doc())).toBe(false);
	});

	it('upgrades the same document to the same content', () => {
		const [a, b] = [versionOne(), versionOne()];
		upgradeMeetingDocument(a);
		upgradeMeetingDocument(b);
		expect(meetingToJson(a)).toEqual(meetingToJson(b));
	});
});

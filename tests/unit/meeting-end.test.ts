import { describe, expect, it } from 'vitest';
import {
	hasRecord,
	notDiscussedNotice,
	presentAtEnd,
	proposeEndChoices
} from '../../src/lib/domain/meeting-end';

type Item = {
	id: string;
	status: 'pending' | 'discussed' | 'deferred' | null;
	notes: string;
	outcome: string;
};

const item = (id: string, change: Partial<Item> = {}): Item => ({
	id,
	status: 'pending',
	notes: '',
	outcome: '',
	...change
});

describe('what ending proposes for each item', () => {
	it('the item the meeting is on was discussed, even with nothing written yet', () => {
		expect(proposeEndChoices([item('a'), item('b')], { currentItemId: 'a' })).toEqual({
			a: 'discussed',
			b: 'deferred'
		});
	});

	it('an item with notes, a decision or actions was discussed; one marked deferred stays so', () => {
		const agenda = [
			item('notes', { notes: 'Two falls.' }),
			item('decision', { outcome: 'Refer.' }),
			item('actions'),
			item('deferred', { status: 'deferred', notes: 'Begun.' }),
			item('untouched'),
			item('done', { status: 'discussed' })
		];
		expect(
			proposeEndChoices(agenda, { currentItemId: null, actionCounts: { actions: 1 } })
		).toEqual({
			notes: 'discussed',
			decision: 'discussed',
			actions: 'discussed',
			deferred: 'deferred',
			untouched: 'deferred',
			done: 'discussed'
		});
	});

	it('blank lines are not a record', () => {
		expect(hasRecord({ notes: ' \n ', outcome: '' })).toBe(false);
	});
});

describe('present at the end', () => {
	const end = new Date('2026-11-16T14:00:00Z');

	it('is whoever had not left when the meeting ended, or left after it', () => {
		expect(presentAtEnd(null, end)).toBe(true);
		expect(presentAtEnd(new Date('2026-11-16T14:05:00Z'), end)).toBe(true);
		expect(presentAtEnd(new Date('2026-11-16T13:30:00Z'), end)).toBe(false);
	});

	it('is no one while the meeting has not ended', () => {
		expect(presentAtEnd(null, null)).toBe(false);
	});
});

describe('what the minutes say of an item not discussed', () => {
	it('in draft minutes, the status the chair set: nothing is carried forward before the end', () => {
		for (const meeting of ['scheduled', 'in_progress'] as const) {
			expect(notDiscussedNotice(meeting, 'deferred')).toBe('Deferred');
			expect(notDiscussedNotice(meeting, 'pending')).toBe('Not yet discussed');
			expect(notDiscussedNotice(meeting, null)).toBe('Not yet discussed');
		}
	});

	it('once ended, carried forward: the end carries every item not discussed', () => {
		expect(notDiscussedNotice('ended', 'deferred')).toBe('Not discussed — carried forward');
		expect(notDiscussedNotice('ended', 'pending')).toBe('Not discussed — carried forward');
	});

	it('a cancelled meeting carried nothing forward', () => {
		expect(notDiscussedNotice('cancelled', 'pending')).toBe('Not discussed');
	});

	it('nothing for a discussed item', () => {
		for (const meeting of ['in_progress', 'ended'] as const) {
			expect(notDiscussedNotice(meeting, 'discussed')).toBeNull();
		}
	});
});

/**
 * Ending an MDT meeting: what becomes of each agenda item, and who was there at the end. The
 * chair confirms item by item what was discussed and what is carried forward to the series' next
 * meeting; nothing written for an item is ever left out of the minutes (hazard: "decision lost").
 */
import { AGENDA_ITEM_STATUS_LABELS, type AgendaItemJson } from './collab/meeting';
import type { MeetingStatus } from './meetings';

/** What the chair may make of an item when the meeting ends. */
export const END_CHOICES = ['discussed', 'deferred'] as const;
export type EndChoice = (typeof END_CHOICES)[number];

export const END_CHOICE_LABELS: Record<EndChoice, string> = {
	discussed: 'Discussed',
	deferred: 'Carry forward to the next meeting'
};

type Item = Pick<AgendaItemJson, 'id' | 'status' | 'notes' | 'outcome'>;

/** Whether anything was recorded for the item: notes, a decision or actions. */
export function hasRecord(item: Pick<Item, 'notes' | 'outcome'>, actionCount = 0): boolean {
	return item.notes.trim() !== '' || item.outcome.trim() !== '' || actionCount > 0;
}

/**
 * What ending would make of each item before the chair changes anything: discussed when it was
 * marked so, is the item the meeting is on, or has notes, a decision or actions; an item deferred
 * by the chair, and any other, is carried forward.
 */
export function proposeEndChoices(
	agenda: Item[],
	context: { currentItemId: string | null; actionCounts?: Record<string, number> }
): Record<string, EndChoice> {
	const choices: Record<string, EndChoice> = {};
	for (const item of agenda) {
		const discussed =
			item.status === 'discussed' ||
			(item.status !== 'deferred' &&
				(item.id === context.currentItemId ||
					hasRecord(item, context.actionCounts?.[item.id] ?? 0)));
		choices[item.id] = discussed ? 'discussed' : 'deferred';
	}
	return choices;
}

/**
 * Was this person in the room when the meeting ended? Yes if they never left, or left only
 * after the end (closing the room once the minutes were up).
 */
export function presentAtEnd(leftAt: Date | null, endedAt: Date | null): boolean {
	if (!endedAt) return false;
	return leftAt === null || leftAt.getTime() >= endedAt.getTime();
}

/**
 * What the minutes say of an item that was not discussed. Before the end, its status as the chair
 * set it ("Deferred", "Not yet discussed"): nothing has been carried anywhere yet. Once the meeting
 * has ended, that it was carried forward (ending carries every item not discussed to the series'
 * next meeting); a cancelled meeting carried nothing. Null for a discussed item.
 */
export function notDiscussedNotice(
	meetingStatus: MeetingStatus,
	itemStatus: string | null
): string | null {
	if (itemStatus === 'discussed') return null;
	if (meetingStatus === 'ended') return 'Not discussed — carried forward';
	if (meetingStatus === 'cancelled') return 'Not discussed';
	return itemStatus === 'deferred'
		? AGENDA_ITEM_STATUS_LABELS.deferred
		: AGENDA_ITEM_STATUS_LABELS.pending;
}

/**
 * The MDT meeting as a Yjs document: an ordered agenda, and per agenda item the discussion notes
 * (rich text) and the outcome. Notes and outcome are top-level types keyed by the item's id, not
 * fields of the item, so they survive the item being re-created when it moves.
 */
import * as Y from 'yjs';
import {
	fragmentText,
	isUuid,
	readBoolean,
	readEnum,
	readString,
	readText,
	readUuid,
	schemaVersionOf,
	setText
} from './documents';

export const AGENDA_ITEM_STATUSES = ['pending', 'discussed', 'deferred'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export interface AgendaItemFields {
	patientId?: string | null;
	reason?: string;
	presenterId?: string | null;
	minutesAllotted?: number | null;
	questions?: string;
	missingInformation?: boolean;
	status?: AgendaItemStatus;
}

export interface AgendaItemInput extends AgendaItemFields {
	/** Where to insert; the end of the agenda if left out. */
	index?: number;
}

export interface AgendaItemJson {
	id: string;
	/** 0-based place on the agenda as projected. */
	position: number;
	patientId: string | null;
	reason: string;
	presenterId: string | null;
	minutesAllotted: number | null;
	questions: string;
	missingInformation: boolean;
	status: AgendaItemStatus | null;
	notes: string;
	outcome: string;
}

export interface MeetingDocJson {
	schemaVersion: number | null;
	agenda: AgendaItemJson[];
}

/** Agenda items as stored: entries are untrusted and may be anything, so read them with care. */
export function agendaArray(doc: Y.Doc): Y.Array<unknown> {
	return doc.getArray<unknown>('agenda');
}

export function notesFragment(doc: Y.Doc, itemId: string): Y.XmlFragment {
	return doc.getXmlFragment(`notes.${itemId}`);
}

export function outcomeText(doc: Y.Doc, itemId: string): Y.Text {
	return doc.getText(`outcome.${itemId}`);
}

function isMinutes(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function assertFields(fields: AgendaItemFields): void {
	for (const key of ['patientId', 'presenterId'] as const) {
		const value = fields[key];
		if (value !== undefined && value !== null && !isUuid(value)) {
			throw new RangeError(`${key} must be a UUID or null`);
		}
	}
	for (const key of ['reason', 'questions'] as const) {
		if (fields[key] !== undefined && typeof fields[key] !== 'string') {
			throw new TypeError(`${key} must be text`);
		}
	}
	const minutes = fields.minutesAllotted;
	if (minutes !== undefined && minutes !== null && !isMinutes(minutes)) {
		throw new RangeError('minutesAllotted must be a positive number or null');
	}
	if (fields.missingInformation !== undefined && typeof fields.missingInformation !== 'boolean') {
		throw new TypeError('missingInformation must be true or false');
	}
	const status = fields.status;
	if (status !== undefined && !(AGENDA_ITEM_STATUSES as readonly string[]).includes(status)) {
		throw new RangeError(`status must be one of ${AGENDA_ITEM_STATUSES.join(', ')}`);
	}
}

/** Indices of every map with this id: concurrent moves of one item leave two copies. */
function indicesOf(agenda: Y.Array<unknown>, id: string): number[] {
	const indices: number[] = [];
	agenda.toArray().forEach((entry, index) => {
		if (entry instanceof Y.Map && entry.get('id') === id) indices.push(index);
	});
	return indices;
}

function itemsWithId(agenda: Y.Array<unknown>, id: string): Y.Map<unknown>[] {
	return indicesOf(agenda, id).map((index) => agenda.get(index) as Y.Map<unknown>);
}

/** Adds an item (pending, nothing missing unless said) and returns its id. */
export function addAgendaItem(doc: Y.Doc, input: AgendaItemInput = {}): string {
	assertFields(input);
	const agenda = agendaArray(doc);
	const index = input.index ?? agenda.length;
	if (!Number.isInteger(index)) throw new RangeError('index must be a whole number');
	const id = crypto.randomUUID();
	const item = new Y.Map<unknown>();
	item.set('id', id);
	item.set('patientId', input.patientId ?? null);
	item.set('reason', input.reason ?? '');
	item.set('presenterId', input.presenterId ?? null);
	item.set('minutesAllotted', input.minutesAllotted ?? null);
	item.set('questions', new Y.Text(input.questions ?? ''));
	item.set('missingInformation', input.missingInformation ?? false);
	item.set('status', input.status ?? 'pending');
	agenda.insert(Math.min(Math.max(index, 0), agenda.length), [item]);
	return id;
}

const PLAIN_FIELDS = [
	'patientId',
	'reason',
	'presenterId',
	'minutesAllotted',
	'missingInformation',
	'status'
] as const;

/**
 * Sets the given fields of an item (and of any duplicate left by concurrent moves). Unchanged
 * values are not written, so a save of the whole form does not override others' concurrent edits.
 * Returns false if no item has this id.
 */
export function updateAgendaItem(doc: Y.Doc, id: string, fields: AgendaItemFields): boolean {
	assertFields(fields);
	const items = itemsWithId(agendaArray(doc), id);
	if (items.length === 0) return false;
	doc.transact(() => {
		for (const item of items) {
			for (const key of PLAIN_FIELDS) {
				const value = fields[key];
				if (value !== undefined && item.get(key) !== value) item.set(key, value);
			}
			if (fields.questions === undefined) continue;
			const questions = item.get('questions');
			if (!(questions instanceof Y.Text)) item.set('questions', new Y.Text(fields.questions));
			else if (questions.toString() !== fields.questions) setText(questions, fields.questions);
		}
	});
	return true;
}

/**
 * Takes the item off the agenda. Its notes and outcome are kept: a move made concurrently
 * re-creates the item, and it should come back with its notes rather than without them.
 */
export function removeAgendaItem(doc: Y.Doc, id: string): boolean {
	const agenda = agendaArray(doc);
	const indices = indicesOf(agenda, id);
	if (indices.length === 0) return false;
	doc.transact(() => {
		for (const index of indices.reverse()) agenda.delete(index, 1);
	});
	return true;
}

// Only text is copied from a Y.Text: an embedded type would have to be cloned, and a hostile one
// could make that throw.
function copyValue(value: unknown): unknown {
	if (value instanceof Y.Text) {
		const delta = (value.toDelta() as { insert?: unknown }[]).filter(
			(op) => typeof op.insert === 'string'
		);
		const copy = new Y.Text();
		copy.applyDelta(delta);
		return copy;
	}
	return value instanceof Y.AbstractType ? undefined : value;
}

function copyItem(item: Y.Map<unknown>): Y.Map<unknown> {
	const copy = new Y.Map<unknown>();
	for (const [key, value] of item.entries()) {
		const copied = copyValue(value);
		if (copied !== undefined) copy.set(key, copied);
	}
	return copy;
}

/**
 * Moves an item to `toIndex` (0-based, clamped to the agenda). Yjs arrays cannot move an entry, so
 * the item is re-created there with the same values in one transaction; duplicates left by earlier
 * concurrent moves are removed at the same time. Known limit: an edit to the item's own fields
 * made concurrently with the move lands on the old copy and is lost (notes and outcome are safe).
 */
export function moveAgendaItem(doc: Y.Doc, id: string, toIndex: number): boolean {
	if (!Number.isInteger(toIndex)) throw new RangeError('toIndex must be a whole number');
	const agenda = agendaArray(doc);
	const indices = indicesOf(agenda, id);
	if (indices.length === 0) return false;
	const target = Math.min(Math.max(toIndex, 0), agenda.length - indices.length);
	if (indices.length === 1 && indices[0] === target) return true;
	doc.transact(() => {
		const copy = copyItem(agenda.get(indices[0]) as Y.Map<unknown>);
		for (const index of [...indices].reverse()) agenda.delete(index, 1);
		agenda.insert(target, [copy]);
	});
	return true;
}

function readMinutes(value: unknown): number | null {
	return isMinutes(value) ? value : null;
}

/**
 * The meeting as plain JSON; never throws, whatever a client wrote. Entries that are not maps are
 * skipped, and an id seen before (a copy left by concurrent moves) is shown once, where it first is.
 */
export function meetingToJson(doc: Y.Doc): MeetingDocJson {
	const agenda: AgendaItemJson[] = [];
	const seen = new Set<string>();
	for (const entry of agendaArray(doc).toArray()) {
		if (!(entry instanceof Y.Map)) continue;
		const id = readString(entry.get('id'));
		if (id !== '' && seen.has(id)) continue;
		seen.add(id);
		agenda.push({
			id,
			position: agenda.length,
			patientId: readUuid(entry.get('patientId')),
			reason: readString(entry.get('reason')),
			presenterId: readUuid(entry.get('presenterId')),
			minutesAllotted: readMinutes(entry.get('minutesAllotted')),
			questions: readText(entry.get('questions')),
			missingInformation: readBoolean(entry.get('missingInformation')),
			status: readEnum(entry.get('status'), AGENDA_ITEM_STATUSES),
			notes: id === '' ? '' : fragmentText(notesFragment(doc, id)),
			outcome: id === '' ? '' : readText(outcomeText(doc, id))
		});
	}
	return { schemaVersion: schemaVersionOf(doc), agenda };
}

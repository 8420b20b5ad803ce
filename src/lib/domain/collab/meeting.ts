/**
 * The MDT meeting as a Yjs document (schema version 2).
 *
 * - `agendaItems`: a map from item id to the item's settings (patient, presenter, minutes, status,
 *   a fractional-index `sortKey`). The agenda's order is the order of the sort keys, so moving an
 *   item changes one key and never re-creates the item: an edit made to it concurrently, even
 *   offline, always survives (hazard: "decision lost or garbled").
 * - Every text two people may edit at once is its own rich-text fragment, `item.<id>.<field>` for
 *   the reason, the questions for the team, the discussion notes and the outcome and decision,
 *   each bound to a collaborative editor: never a whole-value write. Being top-level types keyed
 *   by the item's id, they survive anything done to the agenda's structure.
 * - `meta`: the schema version, and `endedAt` once the meeting has ended (the document is then
 *   final: the server refuses further edits).
 *
 * Version 1 kept the agenda in an array (a move re-created the item) with the outcome as a plain
 * Y.Text; `upgradeMeetingDocument` carries a version 1 document forward.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
	fragmentText,
	isUuid,
	metaMap,
	readBoolean,
	readEnum,
	readIsoTimestamp,
	readUuid,
	schemaVersionOf,
	setFragmentText,
	stampSchemaVersion
} from './documents';

export const AGENDA_ITEM_STATUSES = ['pending', 'discussed', 'deferred'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];

export const AGENDA_ITEM_STATUS_LABELS: Record<AgendaItemStatus, string> = {
	pending: 'Not yet discussed',
	discussed: 'Discussed',
	deferred: 'Deferred'
};

/** The co-edited texts of an agenda item, each a rich-text fragment of its own. */
export const AGENDA_TEXT_FIELDS = ['reason', 'questions', 'notes', 'outcome'] as const;
export type AgendaTextField = (typeof AGENDA_TEXT_FIELDS)[number];

/** How the pages label each co-edited text of an agenda item. */
export const AGENDA_TEXT_LABELS: Record<AgendaTextField, string> = {
	reason: 'Reason for discussion',
	questions: 'Questions for the team',
	notes: 'Discussion notes',
	outcome: 'Outcome and decision'
};

/** An item's settings: single values, last writer wins. */
export interface AgendaItemSettings {
	patientId?: string | null;
	presenterId?: string | null;
	minutesAllotted?: number | null;
	missingInformation?: boolean;
	status?: AgendaItemStatus;
}

export interface AgendaItemInput extends AgendaItemSettings {
	/** Where to insert, 0-based; the end of the agenda if left out. */
	index?: number;
	/** Initial text of the item's fields (a new item only: afterwards they are co-edited). */
	reason?: string;
	questions?: string;
}

export interface AgendaItemJson {
	id: string;
	/** 0-based place on the agenda. */
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

/** An item without its co-edited texts: what lists and controls need, cheap to read. */
export type AgendaItemSettingsJson = Omit<AgendaItemJson, AgendaTextField>;

export interface MeetingDocJson {
	schemaVersion: number | null;
	/** ISO timestamp when the meeting was ended; null while it is open. */
	endedAt: string | null;
	agenda: AgendaItemJson[];
}

/** Item settings by id. Entries are untrusted and may be anything, so read them with care. */
export function agendaItems(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>('agendaItems');
}

/** One co-edited text of an item: its reason, questions, discussion notes or outcome. */
export function itemText(doc: Y.Doc, itemId: string, field: AgendaTextField): Y.XmlFragment {
	return doc.getXmlFragment(`item.${itemId}.${field}`);
}

function isMinutes(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function assertSettings(settings: AgendaItemSettings): void {
	for (const key of ['patientId', 'presenterId'] as const) {
		const value = settings[key];
		if (value !== undefined && value !== null && !isUuid(value)) {
			throw new RangeError(`${key} must be a UUID or null`);
		}
	}
	const minutes = settings.minutesAllotted;
	if (minutes !== undefined && minutes !== null && !isMinutes(minutes)) {
		throw new RangeError('minutesAllotted must be a positive number or null');
	}
	const missing = settings.missingInformation;
	if (missing !== undefined && typeof missing !== 'boolean') {
		throw new TypeError('missingInformation must be true or false');
	}
	const status = settings.status;
	if (status !== undefined && !(AGENDA_ITEM_STATUSES as readonly string[]).includes(status)) {
		throw new RangeError(`status must be one of ${AGENDA_ITEM_STATUSES.join(', ')}`);
	}
}

type Entry = { id: string; sortKey: string; map: Y.Map<unknown> };

/**
 * The items on the agenda, in order: by sort key, then by id (two people inserting at the same
 * place at once may pick the same key). Removed items and malformed entries are left out.
 */
function orderedEntries(doc: Y.Doc): Entry[] {
	const entries: Entry[] = [];
	for (const [id, value] of agendaItems(doc).entries()) {
		if (!(value instanceof Y.Map) || value.get('removed') === true) continue;
		const sortKey = value.get('sortKey');
		entries.push({ id, sortKey: typeof sortKey === 'string' ? sortKey : '', map: value });
	}
	return entries.sort((a, b) =>
		a.sortKey === b.sortKey ? (a.id < b.id ? -1 : 1) : a.sortKey < b.sortKey ? -1 : 1
	);
}

/**
 * A sort key that places an item at `index` among `entries` (which do not include it). Call it
 * inside a transaction: it may give neighbours new keys too. When two people inserted at one place
 * at once, their items share a key; the run of items with that key moves up to make room. Keys that
 * are not fractional indexes at all (a hostile client's) renumber the whole agenda.
 */
function keyAt(entries: Entry[], index: number): string {
	const at = Math.min(Math.max(index, 0), entries.length);
	const before = at > 0 ? entries[at - 1].sortKey : null;
	const after = at < entries.length ? entries[at].sortKey : null;
	try {
		if (before === null || after === null || before < after) {
			return generateKeyBetween(before, after);
		}
		let end = at;
		while (end < entries.length && entries[end].sortKey <= before) end++;
		const run = entries.slice(at, end);
		const keys = generateNKeysBetween(before, entries[end]?.sortKey ?? null, run.length + 1);
		run.forEach((entry, i) => entry.map.set('sortKey', keys[i + 1]));
		return keys[0];
	} catch {
		const keys = generateNKeysBetween(null, null, entries.length + 1);
		entries.forEach((entry, i) => entry.map.set('sortKey', keys[i < at ? i : i + 1]));
		return keys[at];
	}
}

/** Adds an item (not yet discussed unless said) and returns its id. */
export function addAgendaItem(doc: Y.Doc, input: AgendaItemInput = {}): string {
	assertSettings(input);
	for (const key of ['reason', 'questions'] as const) {
		if (input[key] !== undefined && typeof input[key] !== 'string') {
			throw new TypeError(`${key} must be text`);
		}
	}
	const entries = orderedEntries(doc);
	const index = input.index ?? entries.length;
	if (!Number.isInteger(index)) throw new RangeError('index must be a whole number');
	const id = crypto.randomUUID();
	doc.transact(() => {
		stampSchemaVersion(doc, 'meeting');
		const item = new Y.Map<unknown>();
		item.set('sortKey', keyAt(entries, index));
		item.set('patientId', input.patientId ?? null);
		item.set('presenterId', input.presenterId ?? null);
		item.set('minutesAllotted', input.minutesAllotted ?? null);
		item.set('missingInformation', input.missingInformation ?? false);
		item.set('status', input.status ?? 'pending');
		agendaItems(doc).set(id, item);
		if (input.reason) setFragmentText(itemText(doc, id, 'reason'), input.reason);
		if (input.questions) setFragmentText(itemText(doc, id, 'questions'), input.questions);
	});
	return id;
}

function itemMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
	const value = agendaItems(doc).get(id);
	return value instanceof Y.Map ? value : null;
}

const SETTINGS = [
	'patientId',
	'presenterId',
	'minutesAllotted',
	'missingInformation',
	'status'
] as const;

/**
 * Every key an item's map may hold, each a single value: its sort key, its settings, and the
 * removed mark (removeAgendaItem).
 */
export const AGENDA_ITEM_KEYS = ['sortKey', ...SETTINGS, 'removed'] as const;

/**
 * Sets the given settings of an item. Unchanged values are not written, so saving a whole form
 * does not override others' concurrent changes. Returns false if no item has this id.
 */
export function updateAgendaItem(doc: Y.Doc, id: string, settings: AgendaItemSettings): boolean {
	assertSettings(settings);
	const item = itemMap(doc, id);
	if (!item || item.get('removed') === true) return false;
	doc.transact(() => {
		for (const key of SETTINGS) {
			const value = settings[key];
			if (value !== undefined && item.get(key) !== value) item.set(key, value);
		}
	});
	return true;
}

/**
 * Takes the item off the agenda. Nothing of it is deleted — its settings stay in the map with a
 * removed mark and its texts in their fragments — so `restoreAgendaItem` brings it back whole, and
 * an edit made to it concurrently is not lost.
 */
export function removeAgendaItem(doc: Y.Doc, id: string): boolean {
	const item = itemMap(doc, id);
	if (!item || item.get('removed') === true) return false;
	item.set('removed', true);
	return true;
}

/** Puts a removed item back on the agenda, where it was. */
export function restoreAgendaItem(doc: Y.Doc, id: string): boolean {
	const item = itemMap(doc, id);
	if (!item || item.get('removed') !== true) return false;
	item.delete('removed');
	return true;
}

/**
 * Moves an item to `toIndex` (0-based, clamped to the agenda) by giving it a new sort key: one
 * value changes, the item and its texts stay as they are.
 */
export function moveAgendaItem(doc: Y.Doc, id: string, toIndex: number): boolean {
	if (!Number.isInteger(toIndex)) throw new RangeError('toIndex must be a whole number');
	const entries = orderedEntries(doc);
	const from = entries.findIndex((entry) => entry.id === id);
	if (from < 0) return false;
	const others = entries.filter((entry) => entry.id !== id);
	const target = Math.min(Math.max(toIndex, 0), others.length);
	if (target === from) return true;
	doc.transact(() => entries[from].map.set('sortKey', keyAt(others, target)));
	return true;
}

/** Marks the document final: the meeting ended at `at` (ISO timestamp). Written once. */
export function markMeetingEnded(doc: Y.Doc, at: string): void {
	const meta = metaMap(doc);
	if (!meta.has('endedAt')) meta.set('endedAt', at);
}

/** When the meeting ended (ISO timestamp), or null while it is open. */
export function meetingEndedAt(doc: Y.Doc): string | null {
	return readIsoTimestamp(metaMap(doc).get('endedAt'));
}

function readMinutes(value: unknown): number | null {
	return isMinutes(value) ? value : null;
}

/** One item's settings as plain JSON; never throws, whatever a client wrote. */
function settingsToJson({ id, map }: Entry, position: number): AgendaItemSettingsJson {
	return {
		id,
		position,
		patientId: readUuid(map.get('patientId')),
		presenterId: readUuid(map.get('presenterId')),
		minutesAllotted: readMinutes(map.get('minutesAllotted')),
		missingInformation: readBoolean(map.get('missingInformation')),
		status: readEnum(map.get('status'), AGENDA_ITEM_STATUSES)
	};
}

/** One item as plain JSON, with its texts; never throws, whatever a client wrote. */
function itemToJson(doc: Y.Doc, entry: Entry, position: number): AgendaItemJson {
	const text = (field: AgendaTextField) => fragmentText(itemText(doc, entry.id, field));
	return {
		...settingsToJson(entry, position),
		reason: text('reason'),
		questions: text('questions'),
		notes: text('notes'),
		outcome: text('outcome')
	};
}

/** The meeting as plain JSON, the agenda in order; never throws, whatever a client wrote. */
export function meetingToJson(doc: Y.Doc): MeetingDocJson {
	return {
		schemaVersion: schemaVersionOf(doc),
		endedAt: meetingEndedAt(doc),
		agenda: orderedEntries(doc).map((entry, position) => itemToJson(doc, entry, position))
	};
}

/**
 * The agenda in order, each item's settings without its texts: cheap enough to read on every
 * change (a page that shows the list re-reads it at each keystroke in any of its editors).
 */
export function agendaSettings(doc: Y.Doc): AgendaItemSettingsJson[] {
	return orderedEntries(doc).map(settingsToJson);
}

/** The agenda in order, without the texts: cheap enough to read on every change. */
export function agendaOrder(doc: Y.Doc): string[] {
	return orderedEntries(doc).map((entry) => entry.id);
}

/**
 * Naming, schema versions and shared plumbing of the Yjs documents that the browser and the Node
 * server both open. Pure: imports only yjs, so it runs outside Vite.
 */
import * as Y from 'yjs';
import { isUuid } from '../uuid';
import { withoutControlCharacters } from '../line-text';

export { isUuid };

export const DOC_KINDS = ['careplan', 'meeting'] as const;

export type DocKind = (typeof DOC_KINDS)[number];

/** Bump when a document's shape changes in a way old clients or projections cannot read. */
export const SCHEMA_VERSION: Record<DocKind, number> = { careplan: 3, meeting: 2 };

const MAX_DOC_NAME_LENGTH = 100;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDocKind(value: unknown): value is DocKind {
	return typeof value === 'string' && (DOC_KINDS as readonly string[]).includes(value);
}

/** A calendar date as `YYYY-MM-DD` that exists (no 31 February). */
export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/**
 * Reads `<kind>:<uuid>`. The id comes back lower-case so that one record has one document name:
 * a registry keyed by the raw name would otherwise hold two diverging copies of the same plan.
 */
export function parseDocName(name: string): { kind: DocKind; id: string } | null {
	if (typeof name !== 'string' || name.length > MAX_DOC_NAME_LENGTH) return null;
	const separator = name.indexOf(':');
	if (separator < 0) return null;
	const kind = name.slice(0, separator);
	const id = name.slice(separator + 1);
	if (!isDocKind(kind) || !isUuid(id)) return null;
	return { kind, id: id.toLowerCase() };
}

export function docName(kind: DocKind, id: string): string {
	if (!isDocKind(kind)) throw new RangeError(`Unknown document kind: ${String(kind)}`);
	if (!isUuid(id)) throw new RangeError('A document id must be a UUID');
	return `${kind}:${id.toLowerCase()}`;
}

/** A SQL `LIKE` pattern matching the name of every document of one kind (`'meeting:%'`). */
export function docNamePattern(kind: DocKind): string {
	if (!isDocKind(kind)) throw new RangeError(`Unknown document kind: ${String(kind)}`);
	return `${kind}:%`;
}

/** The document's own facts: its schema version, and for a meeting when it ended. */
export function metaMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>('meta');
}

export function schemaVersionOf(doc: Y.Doc): number | null {
	const version = metaMap(doc).get('schemaVersion');
	return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : null;
}

/**
 * Records the schema version if the document has none. Safe to call from every client and the
 * server: concurrent stamps write the same value, so last-writer-wins cannot disagree.
 */
export function stampSchemaVersion(doc: Y.Doc, kind: DocKind): void {
	if (schemaVersionOf(doc) === null) metaMap(doc).set('schemaVersion', SCHEMA_VERSION[kind]);
}

// Readers for projections: any client can write anything into a document, so every value is
// checked and a wrong type reads as empty rather than throwing.

/** A string value as people may see it: control characters (a pasted NUL …) removed. */
export function readString(value: unknown): string {
	return typeof value === 'string' ? withoutControlCharacters(value) : '';
}

export function readBoolean(value: unknown): boolean {
	return value === true;
}

export function readIsoDate(value: unknown): string | null {
	return isIsoDate(value) ? value : null;
}

/** An ISO 8601 date-time as `Date.toISOString()` writes it, or null. */
export function readIsoTimestamp(value: unknown): string | null {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value)) {
		return null;
	}
	return Number.isNaN(Date.parse(value)) ? null : value;
}

export function readUuid(value: unknown): string | null {
	return isUuid(value) ? value : null;
}

export function readEnum<T extends string>(value: unknown, allowed: readonly T[]): T | null {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value)
		? (value as T)
		: null;
}

/** A whole-number score from 1 to 10 (goal importance, confidence), as PRSB scales them. */
export function isScore(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10;
}

export function readScore(value: unknown): number | null {
	return isScore(value) ? value : null;
}

/** Plain text of a Y.Text; embeds are skipped and formatting dropped. */
export function readText(value: unknown): string {
	if (!(value instanceof Y.Text)) return '';
	return plainText(value);
}

/**
 * The entries of a Y.Array read one by one, unreadable ones skipped. An entry whose `id` an
 * earlier one already has is skipped too: a client may write two goals with one id, and every
 * reader (the page, the print, the compare, the FHIR export) must see one of them, the first.
 */
export function readList<T>(value: unknown, read: (entry: unknown) => T | null): T[] {
	if (!(value instanceof Y.Array)) return [];
	const list: T[] = [];
	const ids = new Set<unknown>();
	for (const entry of value.toArray()) {
		const item = read(entry);
		if (item === null) continue;
		const id = (item as { id?: unknown }).id;
		if (typeof id === 'string' && id !== '') {
			if (ids.has(id)) continue;
			ids.add(id);
		}
		list.push(item);
	}
	return list;
}

// Y.XmlText#toString renders marks as XML tags, so text is read from the delta instead. Every
// text of a document is read through here: control characters a paste or a client brought in
// (a NUL stops the projection: jsonb cannot hold it) never leave the document.
function plainText(text: Y.Text): string {
	let out = '';
	for (const op of text.toDelta() as { insert?: unknown }[]) {
		if (typeof op.insert === 'string') out += op.insert;
	}
	return withoutControlCharacters(out);
}

function transact(type: { doc: Y.Doc | null }, change: () => void): void {
	if (type.doc) type.doc.transact(change);
	else change();
}

// Rich text is a ProseMirror document as y-prosemirror stores it: block elements (paragraph,
// bulletList > listItem > paragraph, table > tableRow > tableCell > paragraph …) whose leaves
// hold Y.XmlText with marks as attributes. Its plain text is what the minutes and the clinical
// record receive, so lists and tables must read well as text.

const HARD_BREAKS = new Set(['hardBreak', 'hard_break']);
const LISTS = new Set(['bulletList', 'orderedList']);
const TABLE_ROWS = new Set(['tableRow']);

// Deeper content is ignored: a hostile client could nest elements until recursion overflows.
const MAX_DEPTH = 64;

/** Word and Outlook paste non-breaking spaces; in plain text they are spaces. */
const normalise = (text: string) => text.replace(/\u00a0/g, ' ');

function isTextBlock(element: Y.XmlElement): boolean {
	return element
		.toArray()
		.every((child) => !(child instanceof Y.XmlElement) || HARD_BREAKS.has(child.nodeName));
}

function inlineText(element: Y.XmlElement): string {
	let out = '';
	for (const child of element.toArray()) {
		if (child instanceof Y.XmlText) out += plainText(child);
		else if (child instanceof Y.XmlElement) out += '\n';
	}
	return normalise(out);
}

/** The lines of a block's content (paragraphs, nested lists …), with no prefix. */
function blockLines(parent: Y.XmlFragment | Y.XmlElement, depth: number): string[] {
	if (depth > MAX_DEPTH) return [];
	const lines: string[] = [];
	for (const child of parent.toArray() as unknown[]) {
		if (child instanceof Y.XmlText) lines.push(normalise(plainText(child)));
		else if (child instanceof Y.XmlElement) lines.push(...elementLines(child, depth + 1));
	}
	return lines;
}

function elementLines(element: Y.XmlElement, depth: number): string[] {
	if (LISTS.has(element.nodeName)) {
		const ordered = element.nodeName === 'orderedList';
		return (element.toArray() as unknown[])
			.filter((item): item is Y.XmlElement => item instanceof Y.XmlElement)
			.flatMap((item, index) => {
				const [first = '', ...rest] = blockLines(item, depth + 1);
				const marker = ordered ? `${index + 1}. ` : '- ';
				// Continuation lines (a nested list, a second paragraph) are indented under the item.
				return [marker + first, ...rest.map((line) => `  ${line}`)];
			});
	}
	if (TABLE_ROWS.has(element.nodeName)) {
		const cells = (element.toArray() as unknown[])
			.filter((cell): cell is Y.XmlElement => cell instanceof Y.XmlElement)
			.map((cell) =>
				blockLines(cell, depth + 1)
					.join(' ')
					.trim()
			);
		return [cells.join(' | ')];
	}
	if (isTextBlock(element)) return [inlineText(element)];
	return blockLines(element, depth);
}

/**
 * Plain text of a rich-text fragment, for the minutes and the clinical record: one line per text
 * block, bullets as "- ", numbered items as "1. ", a table row on one line with its cells joined
 * by " | ", marks dropped and non-breaking spaces made plain.
 */
export function fragmentText(fragment: Y.XmlFragment): string {
	return blockLines(fragment, 0).join('\n');
}

function paragraphs(text: string): Y.XmlElement[] {
	return text.split(/\r\n|\r|\n/).map((line) => {
		const paragraph = new Y.XmlElement('paragraph');
		// y-prosemirror stores an empty paragraph as an element without children.
		if (line !== '') paragraph.insert(0, [new Y.XmlText(line)]);
		return paragraph;
	});
}

/** Replaces the fragment's content with one paragraph per line, in one transaction. */
export function setFragmentText(fragment: Y.XmlFragment, text: string): void {
	transact(fragment, () => {
		fragment.delete(0, fragment.length);
		if (text !== '') fragment.insert(0, paragraphs(text));
	});
}

/** Adds paragraphs (one per line of `text`) after the fragment's current content. */
export function appendParagraph(fragment: Y.XmlFragment, text: string): void {
	transact(fragment, () => fragment.insert(fragment.length, paragraphs(text)));
}

/**
 * Makes a Y.Text read `value` with the smallest edit (common prefix and suffix kept), so that a
 * plain text field bound to shared text does not overwrite what others type elsewhere in it.
 */
export function updateText(text: Y.Text, value: string): void {
	const current = text.toString();
	if (current === value) return;
	let start = 0;
	while (start < current.length && start < value.length && current[start] === value[start]) start++;
	let end = 0;
	while (
		end < current.length - start &&
		end < value.length - start &&
		current[current.length - 1 - end] === value[value.length - 1 - end]
	)
		end++;
	transact(text, () => {
		const removed = current.length - start - end;
		if (removed > 0) text.delete(start, removed);
		const inserted = value.slice(start, value.length - end);
		if (inserted) text.insert(start, inserted);
	});
}

/**
 * The update that `change` makes to a copy of `doc`. The server computes its own edits (a
 * version restored, items carried forward) this way, then stores and broadcasts the update like
 * any client's: the live document is never changed behind the log's back.
 */
export function changeUpdate(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(copy);
	copy.transact(() => change(copy));
	const update = Y.encodeStateAsUpdate(copy, before);
	copy.destroy();
	return update;
}

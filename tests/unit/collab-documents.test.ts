import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	DOC_KINDS,
	SCHEMA_VERSION,
	docName,
	parseDocName,
	schemaVersionOf,
	stampSchemaVersion,
	updateText
} from '../../src/lib/domain/collab/documents';

const ID = '3f1c2a9e-8b7d-4c6e-9a01-23456789abcd';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('document names', () => {
	it('names a care plan and a meeting by kind and uuid', () => {
		expect(DOC_KINDS).toEqual(['careplan', 'meeting']);
		expect(parseDocName(`careplan:${ID}`)).toEqual({ kind: 'careplan', id: ID });
		expect(parseDocName(`meeting:${ID}`)).toEqual({ kind: 'meeting', id: ID });
	});

	it('reads an upper-case uuid as the same document as its lower-case form', () => {
		expect(parseDocName(`careplan:${ID.toUpperCase()}`)).toEqual({ kind: 'careplan', id: ID });
	});

	it.each([
		['an empty id', 'careplan:'],
		['an id that is not a uuid', 'meeting:not-a-uuid'],
		['an unknown kind', `other:${ID}`],
		['no kind', `:${ID}`],
		['no separator', ID],
		['a trailing segment', `careplan:${ID}:extra`],
		['a braced uuid', `careplan:{${ID}}`],
		['surrounding space', ` careplan:${ID}`],
		['an empty string', ''],
		['a very long string', `careplan:${ID}${'a'.repeat(10_000)}`]
	])('rejects %s', (_, name) => {
		expect(parseDocName(name)).toBeNull();
	});

	it('builds names that parse back to the same kind and id', () => {
		const name = docName('meeting', ID.toUpperCase());
		expect(name).toBe(`meeting:${ID}`);
		expect(parseDocName(name)).toEqual({ kind: 'meeting', id: ID });
	});

	it('refuses to build a name from an id that is not a uuid', () => {
		expect(() => docName('careplan', 'patient-1')).toThrow(RangeError);
	});
});

describe('schema version', () => {
	it('is unknown on a new document', () => {
		expect(schemaVersionOf(new Y.Doc())).toBeNull();
	});

	it('is stamped with the current version of the kind', () => {
		const doc = new Y.Doc();
		stampSchemaVersion(doc, 'careplan');
		expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION.careplan);
		expect(SCHEMA_VERSION).toEqual({ careplan: 3, meeting: 2 });
	});

	it('is not overwritten by a later stamp', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', 7);
		stampSchemaVersion(doc, 'meeting');
		expect(schemaVersionOf(doc)).toBe(7);
	});

	it('writes nothing when the document is already stamped', () => {
		const doc = new Y.Doc();
		stampSchemaVersion(doc, 'meeting');
		let updates = 0;
		doc.on('update', () => updates++);
		stampSchemaVersion(doc, 'meeting');
		expect(updates).toBe(0);
	});

	it('agrees when two clients stamp the same document at once', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		stampSchemaVersion(a, 'careplan');
		stampSchemaVersion(b, 'careplan');
		sync(a, b);
		expect(schemaVersionOf(a)).toBe(3);
		expect(schemaVersionOf(b)).toBe(3);
	});

	it.each([['1'], [1.5], [0], [null], [{ v: 1 }]])('reads %j as no version', (value) => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', value);
		expect(schemaVersionOf(doc)).toBeNull();
	});
});

describe('updateText', () => {
	it('keeps a concurrent insertion elsewhere in the text', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.getText('t').insert(0, 'Refer to falls clinic');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		updateText(a.getText('t'), 'Refer to the falls clinic');
		b.getText('t').insert(b.getText('t').length, ' this week');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(a.getText('t').toString()).toBe('Refer to the falls clinic this week');
		expect(b.getText('t').toString()).toBe(a.getText('t').toString());
	});

	it('handles deletions, replacements and no change', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		updateText(text, 'abcdef');
		updateText(text, 'abXYef');
		expect(text.toString()).toBe('abXYef');
		updateText(text, 'ab');
		expect(text.toString()).toBe('ab');
		updateText(text, '');
		expect(text.toString()).toBe('');
	});
});

describe('compaction snapshots', () => {
	it('read exactly as the log they replace', async () => {
		const { snapshotOf } = await import('../../server/collab/snapshot');
		const a = new Y.Doc();
		const parts: Uint8Array[] = [];
		a.on('update', (u: Uint8Array) => parts.push(u));
		a.getText('t').insert(0, 'hello');
		a.getText('t').insert(5, ' world');
		a.getText('t').delete(0, 1);
		const b = new Y.Doc();
		Y.applyUpdate(b, snapshotOf(parts));
		expect(b.getText('t').toString()).toBe('ello world');
	});
});

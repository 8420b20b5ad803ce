/**
 * Carries a version 1 meeting document forward to version 2 (see ./meeting.ts). Version 1 kept
 * the agenda in an array of maps (`agenda`: id, patientId, reason as a string, presenterId,
 * minutesAllotted, questions as a Y.Text, missingInformation, status), the discussion notes in
 * `notes.<id>` and the outcome as a plain Y.Text in `outcome.<id>`.
 *
 * The upgrade copies every item into `agendaItems` in the same order, and each text into the
 * item's rich-text fragment; it deletes nothing, so a version 1 reader of the same document
 * (an old tab) loses nothing either. It is deterministic: the same document upgrades to the same
 * content. The server runs it once on every stored document (src/lib/server/document-upgrades.ts)
 * and on a saved version before reading or restoring it.
 */
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import {
	metaMap,
	readBoolean,
	readEnum,
	readString,
	readText,
	readUuid,
	schemaVersionOf,
	setFragmentText,
	SCHEMA_VERSION
} from './documents';
import { AGENDA_ITEM_STATUSES, agendaItems, itemText } from './meeting';

/** Does this document still need the version 2 upgrade? */
export function needsMeetingUpgrade(doc: Y.Doc): boolean {
	const version = schemaVersionOf(doc);
	if (version !== null) return version < SCHEMA_VERSION.meeting;
	// Documents made before versions were stamped: version 1 if they have a version 1 agenda.
	return doc.share.has('agenda') && doc.getArray('agenda').length > 0;
}

/** A version 1 type of the given constructor, or null if the name holds something else. */
function legacy<T>(read: () => T): T | null {
	try {
		return read();
	} catch {
		// Yjs throws when a name is already in use by another kind of type: a hostile client's.
		return null;
	}
}

/** Upgrades the document in place (one transaction); false if it needed nothing. */
export function upgradeMeetingDocument(doc: Y.Doc): boolean {
	if (!needsMeetingUpgrade(doc)) return false;
	const items: { id: string; entry: Y.Map<unknown> }[] = [];
	const seen = new Set<string>();
	const agenda = legacy(() => doc.getArray<unknown>('agenda'));
	for (const entry of agenda?.toArray() ?? []) {
		if (!(entry instanceof Y.Map)) continue;
		const id = readString(entry.get('id'));
		// A copy left by concurrent version 1 moves is shown once, where it first is.
		if (id === '' || seen.has(id)) continue;
		seen.add(id);
		items.push({ id, entry });
	}
	const keys = generateNKeysBetween(null, null, items.length);
	doc.transact(() => {
		items.forEach(({ id, entry }, index) => {
			if (agendaItems(doc).has(id)) return;
			const item = new Y.Map<unknown>();
			item.set('sortKey', keys[index]);
			item.set('patientId', readUuid(entry.get('patientId')));
			item.set('presenterId', readUuid(entry.get('presenterId')));
			const minutes = entry.get('minutesAllotted');
			item.set(
				'minutesAllotted',
				typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : null
			);
			item.set('missingInformation', readBoolean(entry.get('missingInformation')));
			item.set('status', readEnum(entry.get('status'), AGENDA_ITEM_STATUSES) ?? 'pending');
			agendaItems(doc).set(id, item);
			const reason = readString(entry.get('reason'));
			if (reason) setFragmentText(itemText(doc, id, 'reason'), reason);
			const questions = readText(entry.get('questions'));
			if (questions) setFragmentText(itemText(doc, id, 'questions'), questions);
			const notes = legacy(() => doc.getXmlFragment(`notes.${id}`));
			const copies = (notes?.toArray() ?? [])
				.filter((node) => node instanceof Y.XmlElement || node instanceof Y.XmlText)
				.map((node) => node.clone() as Y.XmlElement | Y.XmlText);
			if (copies.length > 0) itemText(doc, id, 'notes').insert(0, copies);
			const outcome = readText(legacy(() => doc.getText(`outcome.${id}`)));
			if (outcome) setFragmentText(itemText(doc, id, 'outcome'), outcome);
		});
		metaMap(doc).set('schemaVersion', SCHEMA_VERSION.meeting);
	});
	return true;
}

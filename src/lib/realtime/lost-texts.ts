import * as Y from 'yjs';
import { fragmentText, parseDocName } from '$lib/domain/collab/documents';
import { textLabel } from '$lib/domain/collab/roots';

/** A text typed in this browser that the server never stored, as the person last saw it. */
export type LostText = { label: string; text: string };

/** Kept per user, like the documents themselves: never shown to the next person at sign-in. */
const PREFIX = 'mdt:lost-texts:';
const key = (userId: string, name: string) => `${PREFIX}${userId}:${name}`;

/** At sign-out: what this user's pages kept to show is forgotten with their documents. */
export function forgetLostTexts(userId: string): void {
	for (const stored of Object.keys(sessionStorage)) {
		if (stored.startsWith(`${PREFIX}${userId}:`)) sessionStorage.removeItem(stored);
	}
}

/**
 * Before a page forgets edits the server will never store (the meeting ended, the person's access
 * changed), keeps the plain text of each rich text of the document as this browser has it, so
 * that the reloaded page can show what did not make it and the person can copy it into an
 * amendment, not retype it from memory.
 */
export function keepTexts(userId: string, name: string, doc: Y.Doc): void {
	const texts: { root: string; text: string }[] = [];
	for (const [root, type] of doc.share) {
		if (!(type instanceof Y.XmlFragment)) continue;
		const text = fragmentText(type);
		if (text.trim()) texts.push({ root, text });
	}
	try {
		sessionStorage.setItem(key(userId, name), JSON.stringify(texts));
	} catch {
		// Storage full or refused: the count of lost changes is still said.
	}
}

/**
 * The texts kept by `keepTexts` before the reload, once: compare them with the document as the
 * server holds it (call once synced) to get those that differ, labelled for people.
 */
export function takeKeptTexts(userId: string, name: string): ((doc: Y.Doc) => LostText[]) | null {
	let kept: { root: string; text: string }[];
	try {
		kept = JSON.parse(sessionStorage.getItem(key(userId, name)) ?? 'null');
		sessionStorage.removeItem(key(userId, name));
	} catch {
		return null;
	}
	const kind = parseDocName(name)?.kind;
	if (!Array.isArray(kept) || kept.length === 0 || !kind) return null;
	return (doc) =>
		kept
			.filter(({ root, text }) => fragmentText(doc.getXmlFragment(root)).trim() !== text.trim())
			.map(({ root, text }) => ({ label: textLabel(kind, doc, root), text }));
}

/**
 * A bound on what a live document holds for updates it cannot yet apply. Yjs keeps an update that
 * refers to items it has never seen (`store.pendingStructs`, and deletions of such items in
 * `store.pendingDs`) in memory, in the hope that the missing ones arrive; a client can send an
 * endless stream of them. The browser never does: the server sends it everything before it edits,
 * and it sends its own edits in order. So a connection whose updates make the pending part grow
 * past the bound is closed.
 */
import type * as Y from 'yjs';

/** The size in bytes of what the document holds waiting for updates it has not received. */
export function pendingBytes(doc: Y.Doc): number {
	const { pendingStructs, pendingDs } = doc.store;
	return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

/**
 * Watches `doc`: after a transaction whose origin `isClient` recognises (a client's update, as
 * CollabDocument applies it with the connection as origin) has made the pending part grow to more
 * than `maxBytes`, calls `exceeded` with that origin. Returns a function that stops watching.
 */
export function guardPending<Origin>(options: {
	doc: Y.Doc;
	maxBytes: number;
	isClient(origin: unknown): origin is Origin;
	exceeded(origin: Origin, bytes: number): void;
}): () => void {
	const { doc, maxBytes, isClient, exceeded } = options;
	let before = 0;
	const onBefore = (transaction: Y.Transaction) => {
		if (isClient(transaction.origin)) before = pendingBytes(doc);
	};
	// 'afterTransaction' comes for every applied update, even one that only became pending
	// (the 'update' event does not: nothing was integrated).
	const onAfter = (transaction: Y.Transaction) => {
		if (!isClient(transaction.origin)) return;
		const after = pendingBytes(doc);
		if (after > before && after > maxBytes) exceeded(transaction.origin, after);
	};
	doc.on('beforeTransaction', onBefore);
	doc.on('afterTransaction', onAfter);
	return () => {
		doc.off('beforeTransaction', onBefore);
		doc.off('afterTransaction', onAfter);
	};
}

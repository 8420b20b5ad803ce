/**
 * The compaction snapshot of a document (snapshotOf), and how its parts travel to the snapshot
 * worker's thread (SnapshotWorker.ts) and back: packed into one transferable buffer.
 */
import * as Y from 'yjs';

/**
 * Merges a document's stored parts into one update. Y.mergeUpdates is checked against replaying
 * the parts into a document, because on malformed (hostile) updates the two can differ, and a
 * snapshot must never read differently from the log it replaces.
 */
export function snapshotOf(parts: Uint8Array[]): Uint8Array {
	const merged = Y.mergeUpdates(parts);
	const replayed = new Y.Doc();
	const fromMerge = new Y.Doc();
	try {
		for (const part of parts) Y.applyUpdate(replayed, part);
		Y.applyUpdate(fromMerge, merged);
		const expected = Y.encodeStateAsUpdate(replayed);
		const actual = Y.encodeStateAsUpdate(fromMerge);
		if (expected.length === actual.length && expected.every((byte, i) => byte === actual[i]))
			return merged;
		console.warn(
			'collab: Y.mergeUpdates disagreed with the log; storing the replayed state instead'
		);
		return expected;
	} finally {
		replayed.destroy();
		fromMerge.destroy();
	}
}

/** A document's parts in one buffer (`ends[i]` is where part i ends), sent without copying. */
export type PackedParts = { bytes: ArrayBuffer; ends: Uint32Array<ArrayBuffer> };

/** A merge the worker is asked for, and its answer: the snapshot, or why there is none. */
export type MergeRequest = { id: number; parts: PackedParts };
export type MergeReply = { id: number; state: Uint8Array } | { id: number; error: string };

/** Copies the parts into one new buffer, which the caller may transfer to another thread. */
export function packParts(parts: Uint8Array[]): PackedParts {
	const ends = new Uint32Array(parts.length);
	let length = 0;
	parts.forEach((part, i) => (ends[i] = length += part.byteLength));
	const bytes = new Uint8Array(length);
	parts.forEach((part, i) => bytes.set(part, i === 0 ? 0 : ends[i - 1]));
	return { bytes: bytes.buffer, ends };
}

export function unpackParts({ bytes, ends }: PackedParts): Uint8Array[] {
	return Array.from(ends, (end, i) => {
		const start = i === 0 ? 0 : ends[i - 1];
		return new Uint8Array(bytes, start, end - start);
	});
}

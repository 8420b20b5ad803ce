import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';
import { collabSnapshot, collabUpdate } from '../../src/lib/server/db/schema';

type Pending = {
	docName: string;
	update: Uint8Array;
	userId: string | null;
	resolve: () => void;
	reject: (error: unknown) => void;
};

export type UpdateLogOptions = {
	/** How long the first update of a batch waits for others to share its transaction. */
	groupCommitMs?: number;
	/** Most updates in one transaction. */
	maxBatch?: number;
};

/**
 * The durable log of every document. `append` resolves once the update is committed: updates
 * that arrive in the same turn of the event loop, or while a commit is in flight (or within
 * `groupCommitMs` when set), share the next
 * transaction — group commit — so many small edits cost one round trip.
 */
export class UpdateLog {
	readonly #db: Db;
	readonly #groupCommitMs: number;
	readonly #maxBatch: number;
	#queue: Pending[] = [];
	#flushing: Promise<void> | null = null;
	#timer: { cancel(): void } | null = null;

	constructor(db: Db, options: UpdateLogOptions = {}) {
		this.#db = db;
		this.#groupCommitMs = options.groupCommitMs ?? 0;
		this.#maxBatch = options.maxBatch ?? 500;
	}

	append(docName: string, update: Uint8Array, userId: string | null): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#queue.push({ docName, update, userId, resolve, reject });
			this.#schedule();
		});
	}

	#schedule() {
		if (this.#flushing || this.#timer) return;
		const start = () => {
			this.#timer = null;
			this.#flushing = this.#flush().finally(() => {
				this.#flushing = null;
				if (this.#queue.length > 0) this.#schedule();
			});
		};
		// By default the batch is whatever arrived in this turn of the event loop, plus all that
		// arrives while a commit is in flight: no added wait.
		if (this.#groupCommitMs > 0) {
			const timeout = setTimeout(start, this.#groupCommitMs);
			this.#timer = { cancel: () => clearTimeout(timeout) };
		} else {
			const immediate = setImmediate(start);
			this.#timer = { cancel: () => clearImmediate(immediate) };
		}
	}

	async #flush(): Promise<void> {
		const batch = this.#queue.splice(0, this.#maxBatch);
		if (batch.length === 0) return;
		try {
			await this.#db.insert(collabUpdate).values(
				batch.map((p) => ({ docName: p.docName, update: p.update, userId: p.userId }))
			);
			for (const p of batch) p.resolve();
		} catch (error) {
			for (const p of batch) p.reject(error);
		}
	}

	/** Waits until everything appended so far is committed (or has failed). */
	async drain(): Promise<void> {
		while (this.#queue.length > 0 || this.#flushing || this.#timer) {
			if (this.#timer) {
				this.#timer.cancel();
				this.#timer = null;
				this.#flushing = this.#flush().finally(() => {
					this.#flushing = null;
				});
			}
			await this.#flushing;
			if (!this.#flushing && !this.#timer && this.#queue.length > 0) this.#schedule();
		}
	}

	/** The stored state of a document: its snapshot and every update logged after it. */
	async load(docName: string): Promise<{ updates: Uint8Array[]; logLength: number }> {
		// The log before the snapshot: a compaction (of any process) that commits between the two
		// reads moves rows into the snapshot, so the later snapshot read still finds them. Read the
		// other way round, those rows would be in neither. Updates read twice are harmless in Yjs.
		const rows = await this.#db
			.select({ update: collabUpdate.update })
			.from(collabUpdate)
			.where(eq(collabUpdate.docName, docName))
			.orderBy(asc(collabUpdate.id));
		const [snapshot] = await this.#db
			.select({ state: collabSnapshot.state })
			.from(collabSnapshot)
			.where(eq(collabSnapshot.docName, docName));
		const updates = rows.map((r) => new Uint8Array(r.update));
		if (snapshot) updates.unshift(new Uint8Array(snapshot.state));
		return { updates, logLength: rows.length };
	}

	/**
	 * Folds a document's logged updates into its snapshot and deletes exactly the rows folded,
	 * in one transaction. Rows committed meanwhile (by this or another process) stay in the log.
	 */
	async compact(docName: string, organisationId: string | null): Promise<number> {
		return this.#db.transaction(async (tx) => {
			// One compaction per document at a time, across processes.
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'collab:' + docName}))`);
			const rows = await tx
				.select({ id: collabUpdate.id, update: collabUpdate.update })
				.from(collabUpdate)
				.where(eq(collabUpdate.docName, docName))
				.orderBy(asc(collabUpdate.id));
			if (rows.length === 0) return 0;
			const [snapshot] = await tx
				.select({ state: collabSnapshot.state })
				.from(collabSnapshot)
				.where(eq(collabSnapshot.docName, docName));
			const parts = rows.map((r) => new Uint8Array(r.update));
			if (snapshot) parts.unshift(new Uint8Array(snapshot.state));
			const state = snapshotOf(parts);
			await tx
				.insert(collabSnapshot)
				.values({ docName, organisationId, state })
				.onConflictDoUpdate({
					target: collabSnapshot.docName,
					set: { state, updatedAt: new Date() }
				});
			const ids = rows.map((r) => r.id);
			for (let i = 0; i < ids.length; i += 1000) {
				await tx
					.delete(collabUpdate)
					.where(and(eq(collabUpdate.docName, docName), inArray(collabUpdate.id, ids.slice(i, i + 1000))));
			}
			return rows.length;
		});
	}
}

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
		if (expected.length === actual.length && expected.every((byte, i) => byte === actual[i])) return merged;
		console.warn('collab: Y.mergeUpdates disagreed with the log; storing the replayed state instead');
		return expected;
	} finally {
		replayed.destroy();
		fromMerge.destroy();
	}
}

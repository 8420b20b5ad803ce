import { and, asc, between, count, eq, sql } from 'drizzle-orm';
import { readStoredDocument } from '../../src/lib/server/collab-store';
import type { Db } from '../../src/lib/server/db';
import { collabSnapshot, collabUpdate } from '../../src/lib/server/db/schema';
import { snapshotWorker, type Snapshots } from './SnapshotWorker';

type Pending = {
	docName: string;
	update: Uint8Array;
	userId: string | null;
	resolve: () => void;
	reject: (error: unknown) => void;
};

/** Writes one batch of log rows; resolves once they are committed (one statement, autocommit). */
type InsertRows = (rows: Pending[]) => Promise<unknown>;

/** `insert … values ($1,$2,$3),($4,$5,$6),…` for a batch of `size` rows, made once per size. */
const insertStatements = new Map<number, string>();
function insertStatement(size: number): string {
	let text = insertStatements.get(size);
	if (!text) {
		const rows = Array.from(
			{ length: size },
			(_, i) => `($${3 * i + 1},$${3 * i + 2},$${3 * i + 3})`
		);
		text = `insert into collab_update (doc_name, update, user_id) values ${rows.join(',')}`;
		insertStatements.set(size, text);
	}
	return text;
}

const parameters = (rows: Pending[]) => rows.flatMap((p) => [p.docName, p.update, p.userId]);

/**
 * The batch insert straight through the database driver, when `db` is drizzle over postgres.js or
 * PGlite: the commit path runs for every batch, and building the statement with drizzle's query
 * builder was most of its cost in the benchmark's profile (issue 9). postgres.js prepares each
 * statement once per batch size and reuses it. Null for any other driver: drizzle then.
 */
function driverInsert(db: Db): InsertRows | null {
	const client = (db as { $client?: unknown }).$client as
		{ unsafe?: unknown; query?: unknown; waitReady?: unknown } | undefined;
	if (typeof client?.unsafe === 'function') {
		const sql = client as { unsafe(text: string, params: unknown[], o: object): Promise<unknown> };
		return (rows) => sql.unsafe(insertStatement(rows.length), parameters(rows), { prepare: true });
	}
	if (typeof client?.query === 'function' && client.waitReady !== undefined) {
		const pglite = client as { query(text: string, params: unknown[]): Promise<unknown> };
		return (rows) => pglite.query(insertStatement(rows.length), parameters(rows));
	}
	return null;
}

export type UpdateLogOptions = {
	/** How long the first update of a batch waits for others to share its transaction. */
	groupCommitMs?: number;
	/** Most updates in one transaction. */
	maxBatch?: number;
	/** Where compaction merges snapshots: the process's snapshot worker unless given. */
	snapshots?: Snapshots;
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
	readonly #insert: InsertRows;
	readonly #snapshots: Snapshots;
	/** Insert statements run so far: one per batch (group commit shares them). */
	commits = 0;

	constructor(db: Db, options: UpdateLogOptions = {}) {
		this.#db = db;
		this.#insert =
			driverInsert(db) ??
			((rows) =>
				db
					.insert(collabUpdate)
					.values(rows.map((p) => ({ docName: p.docName, update: p.update, userId: p.userId }))));
		this.#groupCommitMs = options.groupCommitMs ?? 0;
		this.#maxBatch = options.maxBatch ?? 500;
		this.#snapshots = options.snapshots ?? snapshotWorker;
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
			this.commits += 1;
			await this.#insert(batch);
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
	/** The stored document: its snapshot and log, in the order that misses nothing. */
	load(docName: string): Promise<{ updates: Uint8Array[]; logLength: number }> {
		return readStoredDocument(this.#db, docName);
	}

	/**
	 * Folds a document's logged updates into its snapshot and deletes exactly the rows folded.
	 * Rows committed meanwhile (by this or another process) stay in the log. The merge runs on the
	 * snapshot worker's thread, before the transaction: on PGlite an open transaction holds the
	 * only connection, and every append would wait for the merge's seconds. The transaction then
	 * writes only if what was merged is still what is stored; otherwise another process compacted
	 * meanwhile, and nothing is folded this time.
	 */
	async compact(docName: string, organisationId: string | null): Promise<number> {
		// The log is read before the snapshot, as readStoredDocument explains.
		const rows = await this.#db
			.select({ id: collabUpdate.id, update: collabUpdate.update })
			.from(collabUpdate)
			.where(eq(collabUpdate.docName, docName))
			.orderBy(asc(collabUpdate.id));
		if (rows.length === 0) return 0;
		const [snapshot] = await this.#db
			.select({ state: collabSnapshot.state, updatedAt: collabSnapshot.updatedAt })
			.from(collabSnapshot)
			.where(eq(collabSnapshot.docName, docName));
		const parts = rows.map((r) => new Uint8Array(r.update));
		if (snapshot) parts.unshift(new Uint8Array(snapshot.state));
		const state = await this.#snapshots.merge(parts);
		// Exactly the rows read, in one statement (one array, not a list of parameters): never a row
		// committed since, which may hold an id inside their range.
		const ids = rows.map((r) => r.id);
		const folded = and(
			eq(collabUpdate.docName, docName),
			between(collabUpdate.id, ids[0], ids[ids.length - 1]),
			sql`${collabUpdate.id} = any(${`{${ids.join(',')}}`}::bigint[])`
		);
		return this.#db.transaction(async (tx) => {
			// One compaction per document at a time, across processes.
			await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'collab:' + docName}))`);
			// Another compaction since the reads changed the snapshot, or folded rows read here:
			// writing now would replace its snapshot with one that lacks what it folded.
			const [current] = await tx
				.select({ updatedAt: collabSnapshot.updatedAt })
				.from(collabSnapshot)
				.where(eq(collabSnapshot.docName, docName));
			if (current?.updatedAt.getTime() !== snapshot?.updatedAt.getTime()) return 0;
			const [logged] = await tx.select({ n: count() }).from(collabUpdate).where(folded);
			if (logged.n !== ids.length) return 0;
			await tx
				.insert(collabSnapshot)
				.values({ docName, organisationId, state })
				.onConflictDoUpdate({
					target: collabSnapshot.docName,
					set: { state, updatedAt: new Date() }
				});
			await tx.delete(collabUpdate).where(folded);
			return rows.length;
		});
	}

	/** Waits for the log's commits, then stops the snapshot worker's thread (shutdown). */
	async close(): Promise<void> {
		await this.drain();
		await this.#snapshots.close();
	}
}

import { Worker } from 'node:worker_threads';
import { packParts, snapshotOf, type MergeReply, type MergeRequest } from './snapshot';

/** What a compaction needs: the snapshot of a document's stored parts (snapshotOf). */
export type Snapshots = {
	merge(parts: Uint8Array[]): Promise<Uint8Array>;
	/** Stops the thread, if any, once the merges under way are answered. */
	close(): Promise<void>;
};

type Merge = {
	id: number;
	parts: Uint8Array[];
	/** Threads that died while this merge was the one they were working on. */
	crashes: number;
	resolve(state: Uint8Array): void;
	reject(error: unknown): void;
};

/** A merge whose thread died this often is given up: it would most likely kill the next one too. */
const MAX_CRASHES = 2;

/**
 * Runs snapshotOf on a worker thread: replaying a long log takes tens of ms or more on a busy
 * machine (and merges queue up under load), which on the main thread would stall every socket
 * (issue 9: event-loop delay p99 < 20 ms). One thread, started by the first merge and unref'd
 * while idle, so it never keeps the process alive; merges queue in its port and run one at a
 * time, their bytes transferred, not copied. A thread that dies is replaced and the merges it held
 * are sent again; a merge that killed {@link MAX_CRASHES} threads fails (the compaction fails, the
 * log stays). Only where no thread can start at all do merges run on the main thread.
 */
export class SnapshotWorker implements Snapshots {
	readonly #entry: URL;
	#thread: Worker | undefined;
	/** The thread has loaded its modules (it said 'ready'). */
	#started = false;
	/** No thread could start: merges run on the main thread from now on. */
	#mainThread = false;
	/** Sent and not yet answered, oldest first (the thread answers in order). */
	readonly #sent = new Map<number, Merge>();
	#nextId = 1;
	/** close() waiting for the merges under way. */
	readonly #drained: (() => void)[] = [];
	/** Threads started so far (a replaced thread counts again). */
	threadsStarted = 0;

	constructor(options: { entry?: URL } = {}) {
		this.#entry = options.entry ?? new URL('./snapshot-worker.js', import.meta.url);
	}

	merge(parts: Uint8Array[]): Promise<Uint8Array> {
		if (this.#mainThread) return Promise.resolve().then(() => snapshotOf(parts));
		return new Promise((resolve, reject) => {
			const merge = { id: this.#nextId++, parts, crashes: 0, resolve, reject };
			this.#sent.set(merge.id, merge);
			this.#send(merge);
		});
	}

	/** The running thread, if any: for tests and diagnostics. */
	get thread(): Worker | undefined {
		return this.#thread;
	}

	async close(): Promise<void> {
		if (this.#sent.size > 0) await new Promise<void>((resolve) => this.#drained.push(resolve));
		const thread = this.#thread;
		this.#thread = undefined;
		this.#started = false;
		await thread?.terminate();
	}

	/** Forgets an answered (or given up) merge; when none is owed any more, the thread may idle. */
	#settle(merge: Merge) {
		this.#sent.delete(merge.id);
		if (this.#sent.size > 0) return;
		this.#thread?.unref();
		for (const resolve of this.#drained.splice(0)) resolve();
	}

	#send(merge: Merge) {
		const thread = this.#thread ?? this.#start();
		if (!thread) return this.#onMainThread([merge]);
		const parts = packParts(merge.parts);
		thread.postMessage({ id: merge.id, parts } satisfies MergeRequest, [
			parts.bytes,
			parts.ends.buffer
		]);
		// Kept alive while it owes an answer: an awaited merge must not be cut off by an exit.
		thread.ref();
	}

	#start(): Worker | undefined {
		let thread: Worker;
		try {
			thread = new Worker(this.#entry);
		} catch (error) {
			this.#useMainThread(error);
			return undefined;
		}
		this.#thread = thread;
		this.#started = false;
		this.threadsStarted += 1;
		thread.unref();
		thread.on('message', (message: MergeReply | 'ready') => {
			if (message === 'ready') this.#started = true;
			else this.#answer(thread, message);
		});
		// An uncaught error ends the thread: 'exit' follows and does the rest.
		thread.on('error', (error) => console.error('collab: the snapshot worker failed:', error));
		thread.on('exit', (code) => this.#onExit(thread, code));
		return thread;
	}

	#answer(thread: Worker, reply: MergeReply) {
		const merge = this.#sent.get(reply.id);
		if (!merge || this.#thread !== thread) return;
		this.#settle(merge);
		if ('state' in reply) merge.resolve(reply.state);
		else merge.reject(new Error(`merging the snapshot failed: ${reply.error}`));
	}

	#onExit(thread: Worker, code: number) {
		if (this.#thread !== thread) return; // closed, or already replaced
		this.#thread = undefined;
		const owed = [...this.#sent.values()];
		if (!this.#started) {
			this.#useMainThread(new Error(`the thread exited with code ${code} before it started`));
			return this.#onMainThread(owed);
		}
		if (owed.length === 0) return;
		console.error(`collab: the snapshot worker died (exit code ${code}); starting another`);
		// The thread works through its merges in order: the oldest owed is the one it was on.
		owed[0].crashes += 1;
		for (const merge of owed) {
			if (merge.crashes < MAX_CRASHES) this.#send(merge);
			else {
				this.#settle(merge);
				merge.reject(new Error(`the snapshot worker died ${merge.crashes} times on this merge`));
			}
		}
	}

	#useMainThread(error: unknown) {
		this.#mainThread = true;
		console.warn('collab: no snapshot worker thread; compacting on the main thread:', error);
	}

	#onMainThread(merges: Merge[]) {
		for (const merge of merges) {
			this.#settle(merge);
			try {
				merge.resolve(snapshotOf(merge.parts));
			} catch (error) {
				merge.reject(error);
			}
		}
	}
}

/** The process's snapshot worker, shared by every UpdateLog unless it is given another. */
export const snapshotWorker = new SnapshotWorker();

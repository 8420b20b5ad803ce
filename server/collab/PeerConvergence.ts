import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { CollabDocument } from './CollabDocument';
import type { RedisFanout } from './RedisFanout';

export type PeerConvergenceOptions = {
	fanout: RedisFanout;
	/** This process's loaded documents. */
	documents(): CollabDocument[];
	/** How often each loaded document's state is published to its peers, in ms. */
	checkEveryMs?: number;
	/**
	 * How long a peer may look ahead before this process reads the log, in ms: the updates that
	 * put it ahead may still be on their way (relayed from a third process).
	 */
	graceMs?: number;
	/** Most documents read from the log at once after a reconnection. */
	concurrency?: number;
};

const defaults = { checkEveryMs: 15_000, graceMs: 1_000, concurrency: 4 };

/** Bytes of the deletions digest that starts a `state` message; the state vector follows. */
const DIGEST_BYTES = 8;

/**
 * Brings this process's documents back level with its peers' whenever a Redis message may have
 * been lost. The stored log is the truth (every process stores an update before it publishes
 * it), so a document that is behind re-reads the log (`CollabDocument.catchUp`):
 *
 * - when the subscriber connection is back after an outage, for every loaded document;
 * - every `checkEveryMs`, each process publishes each loaded document's state (its Yjs state
 *   vector and a digest of its deletions, which the vector does not show); a process that sees a
 *   peer ahead, or level but with other deletions, catches up after `graceMs`;
 * - on the same tick, a document holding updates it cannot apply (Yjs keeps them pending until
 *   the ones they follow arrive: the sign of a lost message) catches up, once per new gap.
 *
 * A document's state is computed again only after it changed, so a tick costs one small
 * message per loaded document.
 */
export class PeerConvergence {
	readonly #fanout: RedisFanout;
	readonly #documents: () => CollabDocument[];
	readonly #options: typeof defaults;
	readonly #timer: NodeJS.Timeout;
	readonly #stopListening: () => void;
	readonly #states = new WeakMap<CollabDocument, Uint8Array>();
	readonly #gapsSeen = new WeakMap<CollabDocument, string>();
	/** Documents waiting out the grace, with the latest peer state that put them behind. */
	readonly #waiting = new Map<CollabDocument, { timer: NodeJS.Timeout; peer: Uint8Array }>();
	/** Catch-ups under way; `true` when another was asked for meanwhile (it must read again). */
	readonly #catchingUp = new Map<CollabDocument, { again: boolean; done: Promise<void> }>();
	#closed = false;

	constructor(options: PeerConvergenceOptions) {
		this.#fanout = options.fanout;
		this.#documents = options.documents;
		this.#options = {
			checkEveryMs: options.checkEveryMs ?? defaults.checkEveryMs,
			graceMs: options.graceMs ?? defaults.graceMs,
			concurrency: options.concurrency ?? defaults.concurrency
		};
		this.#timer = setInterval(() => this.check(), this.#options.checkEveryMs);
		this.#timer.unref();
		this.#stopListening = this.#fanout.onReconnect((connection) => {
			if (connection === 'sub') void this.reconverge();
			// What this process published while it could not may be lost: peers that see its
			// state catch up.
			else this.#publishAll();
		});
	}

	/** Call after any change to a document: its published state must be computed again. */
	changed(document: CollabDocument): void {
		this.#states.delete(document);
	}

	/** One round of the periodic check (see the class); also runs every `checkEveryMs`. */
	check(): void {
		for (const document of this.#documents()) {
			if (!document.ready) continue;
			// While Redis is away, its return publishes every state (onReconnect).
			if (this.#fanout.publishing) {
				this.#fanout.publish(document.name, 'state', this.#stateOf(document));
			}
			const gap = gapOf(document.doc);
			if (gap && gap !== this.#gapsSeen.get(document)) {
				this.#gapsSeen.set(document, gap);
				void this.catchUp(document);
			}
		}
	}

	/**
	 * A peer's state of `document` (a `state` message): when the peer has updates this process
	 * has not, or the same updates with other deletions, catches up after the grace, if still so.
	 */
	onPeerState(document: CollabDocument, peer: Uint8Array): void {
		if (this.#closed || !this.#differs(document, peer)) return;
		const waiting = this.#waiting.get(document);
		if (waiting) {
			waiting.peer = peer;
			return;
		}
		const timer = setTimeout(() => {
			const { peer: latest } = this.#waiting.get(document)!;
			this.#waiting.delete(document);
			if (this.#differs(document, latest)) void this.catchUp(document);
		}, this.#options.graceMs);
		timer.unref();
		this.#waiting.set(document, { timer, peer });
	}

	/**
	 * After the subscriber connection is back: every loaded document reads the log (a few at a
	 * time), then its state is published so that peers behind this process catch up too.
	 */
	async reconverge(): Promise<void> {
		const queue = this.#documents().filter((d) => d.ready);
		const worker = async () => {
			for (let document = queue.shift(); document; document = queue.shift()) {
				await this.catchUp(document);
			}
		};
		await Promise.all(Array.from({ length: this.#options.concurrency }, worker));
		this.#publishAll();
	}

	/**
	 * Reads `document`'s log and applies what this process missed. Asked again while one runs,
	 * it reads once more after it: the first read may predate what made it ask.
	 */
	catchUp(document: CollabDocument): Promise<void> {
		const running = this.#catchingUp.get(document);
		if (running) {
			running.again = true;
			return running.done;
		}
		const entry = { again: false, done: Promise.resolve() };
		entry.done = (async () => {
			try {
				do {
					entry.again = false;
					if (this.#closed) return;
					await document.catchUp();
				} while (entry.again);
			} catch (error) {
				// The next check or reconnection tries again.
				console.error(`collab: catching up ${document.name} from the log failed:`, error);
			} finally {
				this.#catchingUp.delete(document);
			}
		})();
		this.#catchingUp.set(document, entry);
		return entry.done;
	}

	/** Stops the periodic check and waits for catch-ups under way. */
	async close(): Promise<void> {
		this.#closed = true;
		clearInterval(this.#timer);
		this.#stopListening();
		for (const { timer } of this.#waiting.values()) clearTimeout(timer);
		this.#waiting.clear();
		await Promise.all([...this.#catchingUp.values()].map((c) => c.done));
	}

	#publishAll() {
		for (const document of this.#documents()) {
			if (document.ready) this.#fanout.publish(document.name, 'state', this.#stateOf(document));
		}
	}

	#stateOf(document: CollabDocument): Uint8Array {
		let state = this.#states.get(document);
		if (!state) {
			state = encodeState(document.doc);
			this.#states.set(document, state);
		}
		return state;
	}

	#differs(document: CollabDocument, peer: Uint8Array): boolean {
		if (!document.ready || peer.length < DIGEST_BYTES) return false;
		const theirs = Y.decodeStateVector(peer.subarray(DIGEST_BYTES));
		let same = theirs.size === document.doc.store.clients.size;
		for (const [client, clock] of theirs) {
			const ours = Y.getState(document.doc.store, client);
			if (clock > ours) return true;
			if (clock < ours) same = false;
		}
		// Level on updates: only the deletions can differ (a lost message that only deleted).
		if (!same) return false;
		const ours = this.#stateOf(document);
		return !Buffer.from(ours.subarray(0, DIGEST_BYTES)).equals(peer.subarray(0, DIGEST_BYTES));
	}
}

/**
 * A document's state for its peers: a digest of its deletions (clients in order, each one's
 * merged deleted ranges), then its state vector. Equal documents give equal digests whatever
 * order their updates came in.
 */
export function encodeState(doc: Y.Doc): Uint8Array {
	const deletions = Y.createDeleteSetFromStructStore(doc.store);
	const hash = createHash('sha256');
	for (const client of [...deletions.clients.keys()].sort((a, b) => a - b)) {
		hash.update(`${client}:`);
		for (const item of deletions.clients.get(client)!) hash.update(`${item.clock}+${item.len},`);
		hash.update(';');
	}
	const digest = hash.digest().subarray(0, DIGEST_BYTES);
	return Buffer.concat([digest, Y.encodeStateVector(doc)]);
}

/** What `doc` is missing before it can apply what it holds pending (a key), or null if nothing. */
function gapOf(doc: Y.Doc): string | null {
	const { pendingStructs, pendingDs } = doc.store;
	if (!pendingStructs && !pendingDs) return null;
	const missing = [...(pendingStructs?.missing ?? [])].sort(([a], [b]) => a - b);
	return `${JSON.stringify(missing)}/${pendingDs?.byteLength ?? 0}`;
}

import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { outsideSchema } from './schema-guard';
import type { DocKind } from '../../src/lib/domain/collab/documents';
import { meetingEndedAt } from '../../src/lib/domain/collab/meeting';
import { FinalDocumentError } from '../../src/lib/server/realtime-bridge';
import type { Connection } from './Connection';
import {
	CLOSE,
	decodeClientMessage,
	encodeAwarenessStates,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	encodeAwareness,
	ProtocolError
} from './protocol';
import type { FanoutKind, RedisFanout } from './RedisFanout';
import type { UpdateLog } from './UpdateLog';

/** How long a document's load applies stored updates before it lets the event loop run. */
const LOAD_SLICE_MS = 8;

/** Origins of changes that must not be stored or published again. */
const FROM_STORE = Symbol('from-store');
const FROM_PEER = Symbol('from-peer');

export type DocumentHooks = {
	/** After any change (from clients, peers or the server), for the relational projection. */
	onChange?(document: CollabDocument): void;
	/** A peer's state of this document (a `state` message), for the periodic check. */
	onPeerState?(document: CollabDocument, state: Uint8Array): void;
};

/**
 * One live document: its Y.Doc, awareness and connections. A client's update is appended to the
 * log and committed before it is applied and broadcast; updates are applied in arrival order.
 */
export class CollabDocument {
	readonly name: string;
	readonly kind: DocKind;
	readonly id: string;
	readonly organisationId: string;
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Set<Connection>();
	/** Updates logged since the last compaction (including those found at load). */
	logLength = 0;
	#ready = false;
	#failed = false;
	#pending = new Map<Connection, Uint8Array[]>();
	#order: Promise<void> = Promise.resolve();
	readonly #log: UpdateLog;
	readonly #fanout: RedisFanout | undefined;
	readonly #hooks: DocumentHooks;
	#destroyed = false;
	/** A meeting that has ended: its record is final, and no one may change it any more. */
	#final = false;
	/** The edit that ends the meeting is on its way to the database, not yet stored. */
	#ending = false;

	constructor(options: {
		name: string;
		kind: DocKind;
		id: string;
		organisationId: string;
		log: UpdateLog;
		fanout?: RedisFanout;
		hooks?: DocumentHooks;
	}) {
		this.name = options.name;
		this.kind = options.kind;
		this.id = options.id;
		this.organisationId = options.organisationId;
		this.#log = options.log;
		this.#fanout = options.fanout;
		this.#hooks = options.hooks ?? {};
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.#onUpdate(update, origin));
		this.awareness.on('update', this.#onAwareness);
	}

	get ready(): boolean {
		return this.#ready;
	}

	/**
	 * Loads the stored state. Subscribes to peers first, so that nothing they publish while the
	 * store is read is missed; peers' messages are applied only after the stored state.
	 */
	async load(): Promise<void> {
		const early: [FanoutKind, Uint8Array][] = [];
		await this.#fanout?.subscribe(this.name, (kind, payload) => {
			if (!this.#ready) early.push([kind, payload]);
			else this.#fromPeer(kind, payload);
		});
		const { updates, logLength } = await this.#log.load(this.name);
		this.logLength = logLength;
		await this.#applyStored(updates);
		this.#final = this.#ended();
		this.#ready = true;
		for (const [kind, payload] of early) this.#fromPeer(kind, payload);
		// No one waits any more before anyone's frames are handled: the awareness a waiting client
		// sent must reach every other waiting client, not only those handled after it.
		const waiting = [...this.#pending];
		this.#pending.clear();
		for (const [connection] of waiting) this.#greet(connection);
		for (const [connection, frames] of waiting) {
			for (const frame of frames) this.#handle(connection, frame);
		}
	}

	/**
	 * Applies the stored updates in slices of about {@link LOAD_SLICE_MS}, letting the event loop
	 * run between them: 10,000 of them take 35-70 ms, more on a busy machine, and would stall every
	 * other socket meanwhile (issue 9). No one sees the document before it is ready, so the slices
	 * read as one transaction.
	 */
	async #applyStored(updates: Uint8Array[]) {
		let next = 0;
		while (next < updates.length) {
			if (next > 0) await new Promise((resolve) => setImmediate(resolve));
			const until = performance.now() + LOAD_SLICE_MS;
			Y.transact(
				this.doc,
				() => {
					do {
						try {
							Y.applyUpdate(this.doc, updates[next], FROM_STORE);
						} catch (error) {
							// A stored update Yjs cannot apply is skipped, never lost from the log.
							console.error(`collab: skipping an unreadable stored update of ${this.name}:`, error);
						}
						next += 1;
					} while (next < updates.length && performance.now() < until);
				},
				FROM_STORE
			);
		}
	}

	/** Fails every waiting connection; nothing was applied, so nothing can be overwritten. */
	fail(): void {
		this.#failed = true;
		for (const connection of this.connections) connection.close(CLOSE.loadFailed);
		this.#pending.clear();
	}

	addConnection(connection: Connection): void {
		// A socket that opened the document just before its load failed must not wait forever.
		if (this.#failed) return connection.close(CLOSE.loadFailed);
		this.connections.add(connection);
		if (this.#ready) this.#greet(connection);
		else this.#pending.set(connection, []);
	}

	removeConnection(connection: Connection): void {
		this.connections.delete(connection);
		this.#pending.delete(connection);
		if (connection.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
		}
	}

	receive(connection: Connection, frame: Uint8Array): void {
		if (!connection.takeToken()) return connection.close(CLOSE.rateLimited);
		const queued = this.#pending.get(connection);
		if (queued) queued.push(frame);
		else this.#handle(connection, frame);
	}

	#greet(connection: Connection) {
		connection.send(encodeSyncStep1(this.doc));
		const states = [...this.awareness.getStates().keys()];
		if (states.length > 0) connection.send(encodeAwarenessStates(this.awareness, states));
	}

	#handle(connection: Connection, frame: Uint8Array) {
		if (connection.closed) return;
		let message;
		try {
			message = decodeClientMessage(frame);
		} catch (error) {
			if (error instanceof ProtocolError) return connection.close(CLOSE.badMessage);
			throw error;
		}
		switch (message.type) {
			case 'sync-step-1':
				connection.send(encodeSyncStep2(this.doc, message.stateVector));
				return;
			case 'update':
				// After a meeting's end nothing more is stored, whoever sends it (a socket opened
				// before or after the end): the sender learns why. What it already has is no change.
				if (this.#final) {
					// The end is not stored yet and may still fail: the edit is neither refused for
					// good nor stored, but sent again shortly (then refused, or stored if it failed).
					if (wouldChange(this.doc, message.update)) {
						connection.close(this.#ending ? CLOSE.meetingEnding : CLOSE.meetingEnded);
					}
					// Nothing new: stored already, so confirmed as such.
					else connection.confirmWhen(Promise.resolve());
					return;
				}
				// Observers sync, but what they send is dropped (read-only).
				if (connection.readOnly) return;
				if (this.#outsideSchema(connection, message.update)) return;
				connection.confirmWhen(this.#store(message.update, connection.user.id, connection));
				return;
			case 'awareness':
				try {
					awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
				} catch {
					connection.close(CLOSE.badMessage);
				}
				return;
			case 'query-awareness':
				connection.send(
					encodeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()])
				);
		}
	}

	/** Refuses (4422) an update adding what the schema does not have; whether it did. */
	#outsideSchema(connection: Connection, update: Uint8Array): boolean {
		const why = outsideSchema(this.kind, this.doc, update);
		if (!why) return false;
		console.warn(`collab: refused an update to ${this.name} from ${connection.user.email}: ${why}`);
		connection.close(CLOSE.outsideSchema);
		return true;
	}

	/**
	 * An edit made by the server itself (a version restored, items carried forward), attributed
	 * to a user. Refused once the document is final; `final` marks the edit that ends a meeting:
	 * from then on, what clients send is refused even before it is applied.
	 */
	applyServerUpdate(
		update: Uint8Array,
		userId: string,
		options: { final?: boolean } = {}
	): Promise<void> {
		if (this.#final) return Promise.reject(new FinalDocumentError(this.name));
		if (!options.final) return this.#store(update, userId, null);
		this.#final = true;
		this.#ending = true;
		const stored = this.#store(update, userId, null);
		stored.then(
			() => (this.#ending = false),
			// Not stored, so not ended: the chair may try again.
			() => {
				this.#ending = false;
				this.#final = this.#ended();
			}
		);
		return stored;
	}

	/** Whether the document says that its meeting has ended. */
	#ended(): boolean {
		return this.kind === 'meeting' && meetingEndedAt(this.doc) !== null;
	}

	#store(update: Uint8Array, userId: string, origin: Connection | null): Promise<void> {
		if (isEmptyUpdate(update)) return Promise.resolve();
		const stored = this.#log.append(this.name, update, userId);
		this.logLength += 1;
		const applied = this.#order
			.then(
				() => stored,
				() => stored
			)
			.then(
				() => {
					if (this.#destroyed) return;
					try {
						Y.applyUpdate(this.doc, update, origin ?? 'server');
					} catch (error) {
						console.error(`collab: an update to ${this.name} could not be applied:`, error);
						origin?.close(CLOSE.badMessage);
					}
				},
				(error: unknown) => {
					console.error(`collab: storing an update to ${this.name} failed:`, error);
					// The client still holds the edit and re-sends it when it reconnects.
					origin?.close(CLOSE.storeFailed);
					throw error;
				}
			);
		this.#order = applied.catch(() => {});
		return applied;
	}

	#onUpdate(update: Uint8Array, origin: unknown) {
		if (origin === FROM_STORE) return;
		// The end may come from another process (a peer) too.
		if (!this.#final) this.#final = this.#ended();
		const frame = encodeUpdate(update);
		for (const connection of this.connections) {
			if (connection !== origin && !this.#pending.has(connection)) connection.send(frame);
		}
		if (origin !== FROM_PEER) this.#fanout?.publish(this.name, 'update', update);
		this.#hooks.onChange?.(this);
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = [...added, ...updated, ...removed];
		if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
			const connection = origin as Connection;
			for (const id of added) connection.awarenessIds.add(id);
			for (const id of removed) connection.awarenessIds.delete(id);
		}
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		const frame = encodeAwareness(update);
		for (const connection of this.connections) {
			if (!this.#pending.has(connection)) connection.send(frame);
		}
		if (origin !== FROM_PEER) this.#fanout?.publish(this.name, 'awareness', update);
	};

	#fromPeer(kind: FanoutKind, payload: Uint8Array) {
		if (kind === 'state') return this.#hooks.onPeerState?.(this, payload);
		try {
			if (kind === 'update') Y.applyUpdate(this.doc, payload, FROM_PEER);
			else awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, FROM_PEER);
		} catch (error) {
			console.error(`collab: a peer's ${kind} for ${this.name} could not be applied:`, error);
		}
	}

	/**
	 * Reads the stored log again and applies what this process missed (a Redis message lost):
	 * as from a peer, so it reaches this process's clients but is not stored or published again.
	 * The log holds every peer's updates, since each stores an update before it publishes it.
	 */
	async catchUp(): Promise<void> {
		if (!this.#ready || this.#destroyed) return;
		const { updates } = await this.#log.load(this.name);
		if (this.#destroyed) return;
		Y.transact(
			this.doc,
			() => {
				for (const update of updates) this.#fromPeer('update', update);
			},
			FROM_PEER
		);
	}

	/** Resolves when every update received so far is stored and applied. */
	settled(): Promise<void> {
		return this.#order;
	}

	async destroy(): Promise<void> {
		if (this.#destroyed) return;
		this.#destroyed = true;
		await this.#fanout?.unsubscribe(this.name).catch(() => {});
		this.awareness.destroy();
		this.doc.destroy();
	}
}

/**
 * Whether `update` holds anything `doc` has not: content or deletions. A reconnecting client's
 * sync step 2 repeats every deletion it knows, so its size says nothing; applying it to a copy
 * does. Only used on final documents, which receive little.
 */
function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.snapshot(copy);
	Y.applyUpdate(copy, update);
	const changed = !Y.equalSnapshots(before, Y.snapshot(copy));
	copy.destroy();
	return changed;
}

/** The encoding of an update that changes nothing: no structs, empty delete set. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocKind } from '../../src/lib/domain/collab/documents';
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
import type { RedisFanout } from './RedisFanout';
import type { UpdateLog } from './UpdateLog';

/** Origins of changes that must not be stored or published again. */
const FROM_STORE = Symbol('from-store');
const FROM_PEER = Symbol('from-peer');

export type DocumentHooks = {
	/** After any change (from clients, peers or the server), for the relational projection. */
	onChange?(document: CollabDocument): void;
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
		const early: [string, Uint8Array][] = [];
		await this.#fanout?.subscribe(this.name, (kind, payload) => {
			if (!this.#ready) early.push([kind, payload]);
			else this.#fromPeer(kind, payload);
		});
		const { updates, logLength } = await this.#log.load(this.name);
		this.logLength = logLength;
		Y.transact(
			this.doc,
			() => {
				for (const update of updates) {
					try {
						Y.applyUpdate(this.doc, update, FROM_STORE);
					} catch (error) {
						// A stored update Yjs cannot apply is skipped, never lost from the log.
						console.error(`collab: skipping an unreadable stored update of ${this.name}:`, error);
					}
				}
			},
			FROM_STORE
		);
		this.#ready = true;
		for (const [kind, payload] of early) this.#fromPeer(kind as 'update' | 'awareness', payload);
		// No one waits any more before anyone's frames are handled: the awareness a waiting client
		// sent must reach every other waiting client, not only those handled after it.
		const waiting = [...this.#pending];
		this.#pending.clear();
		for (const [connection] of waiting) this.#greet(connection);
		for (const [connection, frames] of waiting) {
			for (const frame of frames) this.#handle(connection, frame);
		}
	}

	/** Fails every waiting connection; nothing was applied, so nothing can be overwritten. */
	fail(): void {
		this.#failed = true;
		for (const connection of this.connections) connection.close(CLOSE.internal);
		this.#pending.clear();
	}

	addConnection(connection: Connection): void {
		// A socket that opened the document just before its load failed must not wait forever.
		if (this.#failed) return connection.close(CLOSE.internal);
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
				// Observers sync, but what they send is dropped (read-only).
				if (!connection.readOnly) this.#store(message.update, connection.user.id, connection);
				return;
			case 'awareness':
				try {
					awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
				} catch {
					connection.close(CLOSE.badMessage);
				}
				return;
			case 'query-awareness':
				connection.send(encodeAwarenessStates(this.awareness, [...this.awareness.getStates().keys()]));
		}
	}

	/** An edit made by the server itself (a version restored), attributed to a user. */
	applyServerUpdate(update: Uint8Array, userId: string): Promise<void> {
		return this.#store(update, userId, null);
	}

	#store(update: Uint8Array, userId: string, origin: Connection | null): Promise<void> {
		if (isEmptyUpdate(update)) return Promise.resolve();
		const stored = this.#log.append(this.name, update, userId);
		this.logLength += 1;
		const applied = this.#order.then(
			() => stored,
			() => stored
		).then(
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
				origin?.close(CLOSE.internal);
				throw error;
			}
		);
		this.#order = applied.catch(() => {});
		return applied;
	}

	#onUpdate(update: Uint8Array, origin: unknown) {
		if (origin === FROM_STORE) return;
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

	#fromPeer(kind: 'update' | 'awareness', payload: Uint8Array) {
		try {
			if (kind === 'update') Y.applyUpdate(this.doc, payload, FROM_PEER);
			else awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, FROM_PEER);
		} catch (error) {
			console.error(`collab: a peer's ${kind} for ${this.name} could not be applied:`, error);
		}
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

/** The encoding of an update that changes nothing: no structs, empty delete set. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

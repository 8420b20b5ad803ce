import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** `state`: a document's state (its Yjs state vector and more), for PeerConvergence's check. */
export type FanoutKind = 'update' | 'awareness' | 'state';
const KIND_BYTE: Record<FanoutKind, number> = { update: 0, awareness: 1, state: 2 };
const KINDS: FanoutKind[] = ['update', 'awareness', 'state'];
const ID_BYTES = 12;

export type FanoutHandler = (kind: FanoutKind, payload: Uint8Array) => void;

/**
 * Carries document updates and awareness between server processes: one Redis pub/sub channel
 * per document. Each process publishes only what its own clients sent (after it is stored) and
 * ignores its own messages coming back. Messages lost while Redis is away are repaired from the
 * stored log by PeerConvergence, which also sends each document's state on the same channel.
 */
export class RedisFanout {
	readonly #pub: Redis;
	readonly #sub: Redis;
	readonly #instance = randomBytes(ID_BYTES);
	readonly #handlers = new Map<string, FanoutHandler>();
	readonly #prefix: string;
	readonly #reconnected = new Set<(connection: 'sub' | 'pub') => void>();

	constructor(pub: Redis, sub: Redis, options: { prefix?: string } = {}) {
		this.#pub = pub;
		this.#sub = sub;
		this.#prefix = options.prefix ?? 'mdt:collab:';
		// Every 'ready', the first too: documents may have opened before Redis was ever reached.
		sub.on('ready', () => void this.#resubscribe());
		pub.on('ready', () => this.#emitReconnected('pub'));
		this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
			const handler = this.#handlers.get(channel.toString().slice(this.#prefix.length));
			if (!handler || message.length < ID_BYTES + 1) return;
			if (message.subarray(0, ID_BYTES).equals(this.#instance)) return;
			const kind = KINDS[message[ID_BYTES]];
			if (kind) handler(kind, new Uint8Array(message.subarray(ID_BYTES + 1)));
		});
	}

	/**
	 * Resolves once Redis has confirmed the subscription, so nothing published after is missed.
	 * While Redis is away it resolves at the first failed attempt, so that documents still open:
	 * the channel is subscribed when the connection is back, and `onReconnect` listeners catch
	 * up. Rejects only if the subscription fails on a working connection.
	 */
	async subscribe(docName: string, handler: FanoutHandler): Promise<void> {
		this.#handlers.set(docName, handler);
		try {
			await this.#subscriberReady();
			await this.#sub.subscribe(this.#prefix + docName);
		} catch (error) {
			if (this.#sub.status === 'ready' || this.#sub.status === 'end') throw error;
			console.warn(`collab: ${docName} opened while Redis is away; shared once it is back`);
		}
	}

	/**
	 * ioredis writes a SUBSCRIBE at once on a connection that is still in its ready check; the
	 * check's INFO is then refused in subscriber mode, ioredis reconnects, and the subscription is
	 * silently gone. Documents opened just after a start (every client reconnecting after a
	 * deploy) would never hear the other instances. So subscribe only on a ready connection.
	 */
	#subscriberReady(): Promise<void> {
		const sub = this.#sub;
		if (sub.status === 'ready' || sub.status === 'end') return Promise.resolve();
		if (sub.status === 'wait') sub.connect().catch(() => {});
		return new Promise((resolve, reject) => {
			const onReady = () => {
				stop();
				resolve();
			};
			const onFailure = (error?: unknown) => {
				stop();
				reject(error instanceof Error ? error : new Error('the Redis connection ended'));
			};
			const stop = () => {
				sub.off('ready', onReady);
				sub.off('error', onFailure);
				sub.off('end', onFailure);
			};
			sub.on('ready', onReady);
			sub.on('error', onFailure);
			sub.on('end', onFailure);
		});
	}

	/**
	 * Calls `listener` each time a connection is ready (after an outage, or late at start): `sub`
	 * once every channel is subscribed (what was published before never came: catch up now),
	 * `pub` when publishing works (what this process published before may be lost).
	 */
	onReconnect(listener: (connection: 'sub' | 'pub') => void): () => void {
		this.#reconnected.add(listener);
		return () => this.#reconnected.delete(listener);
	}

	/**
	 * ioredis re-subscribes by itself only to what the connection had when it was lost; a document
	 * opened since must be subscribed too. SUBSCRIBE to a channel already subscribed is no change.
	 */
	async #resubscribe() {
		const channels = [...this.#handlers.keys()].map((name) => this.#prefix + name);
		try {
			if (channels.length > 0) await this.#sub.subscribe(...channels);
		} catch (error) {
			// Lost again: the next 'ready' tries again.
			console.error('collab: subscribing again after a Redis reconnection failed:', error);
			return;
		}
		this.#emitReconnected('sub');
	}

	/** Whether publishing works now (what is published while not is likely lost). */
	get publishing(): boolean {
		return this.#pub.status === 'ready';
	}

	#emitReconnected(connection: 'sub' | 'pub') {
		for (const listener of this.#reconnected) listener(connection);
	}

	async unsubscribe(docName: string): Promise<void> {
		this.#handlers.delete(docName);
		await this.#sub.unsubscribe(this.#prefix + docName);
	}

	publish(docName: string, kind: FanoutKind, payload: Uint8Array): void {
		const message = Buffer.concat([this.#instance, Buffer.from([KIND_BYTE[kind]]), payload]);
		this.#pub.publish(this.#prefix + docName, message).catch((error: unknown) => {
			console.error(`collab: publishing to Redis failed for ${docName}:`, error);
		});
	}
}

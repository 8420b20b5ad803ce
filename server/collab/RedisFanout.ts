import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export type FanoutKind = 'update' | 'awareness';
const KIND_BYTE: Record<FanoutKind, number> = { update: 0, awareness: 1 };
const KINDS: FanoutKind[] = ['update', 'awareness'];
const ID_BYTES = 12;

export type FanoutHandler = (kind: FanoutKind, payload: Uint8Array) => void;

/**
 * Carries document updates and awareness between server processes: one Redis pub/sub channel
 * per document. Each process publishes only what its own clients sent (after it is stored) and
 * ignores its own messages coming back.
 */
export class RedisFanout {
	readonly #pub: Redis;
	readonly #sub: Redis;
	readonly #instance = randomBytes(ID_BYTES);
	readonly #handlers = new Map<string, FanoutHandler>();
	readonly #prefix: string;

	constructor(pub: Redis, sub: Redis, options: { prefix?: string } = {}) {
		this.#pub = pub;
		this.#sub = sub;
		this.#prefix = options.prefix ?? 'mdt:collab:';
		this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
			const handler = this.#handlers.get(channel.toString().slice(this.#prefix.length));
			if (!handler || message.length < ID_BYTES + 1) return;
			if (message.subarray(0, ID_BYTES).equals(this.#instance)) return;
			const kind = KINDS[message[ID_BYTES]];
			if (kind) handler(kind, new Uint8Array(message.subarray(ID_BYTES + 1)));
		});
	}

	/** Resolves once Redis has confirmed the subscription, so nothing published after is missed. */
	async subscribe(docName: string, handler: FanoutHandler): Promise<void> {
		this.#handlers.set(docName, handler);
		await this.#subscriberReady();
		await this.#sub.subscribe(this.#prefix + docName);
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

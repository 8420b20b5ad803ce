import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export const ACCESS_CHANNEL = 'mdt:access-changed';

type Message = { from: string; userIds: string[] };

/**
 * Carries access changes (src/lib/server/access-changes.ts) between server processes over one
 * Redis pub/sub channel of its own, so that a role changed through one process re-evaluates the
 * person's sockets held by every other. Each process hears the others' changes, never its own
 * coming back (it has handled those already). A message lost while Redis is down is made good
 * by each server's periodic check of its sockets' sessions and roles.
 */
export class AccessRelay {
	readonly #pub: Redis;
	readonly #sub: Redis;
	readonly #from = randomUUID();
	readonly #channel: string;

	/**
	 * `sub` becomes a subscriber connection: give it one of its own. `heard` is called with the
	 * user ids of each change made in another process.
	 */
	constructor(options: {
		pub: Redis;
		sub: Redis;
		heard: (userIds: string[]) => void;
		channel?: string;
	}) {
		this.#pub = options.pub;
		this.#sub = options.sub;
		this.#channel = options.channel ?? ACCESS_CHANNEL;
		this.#sub.on('message', (channel: string, text: string) => {
			if (channel !== this.#channel) return;
			const message = parse(text);
			if (message && message.from !== this.#from) options.heard(message.userIds);
		});
		this.#subscribe().catch((error: unknown) =>
			console.error('access relay: subscribing failed:', error)
		);
	}

	/** Tells every other process; a failure is logged (their periodic checks are the backstop). */
	publish(userIds: readonly string[]): void {
		const message: Message = { from: this.#from, userIds: [...userIds] };
		this.#pub.publish(this.#channel, JSON.stringify(message)).catch((error: unknown) => {
			console.error('access relay: publishing failed:', error);
		});
	}

	close(): void {
		this.#sub.disconnect();
	}

	/**
	 * Subscribes on a ready connection: a SUBSCRIBE written during ioredis's ready check is lost
	 * (see RedisFanout). ioredis subscribes again by itself after every reconnection.
	 */
	async #subscribe(): Promise<void> {
		const sub = this.#sub;
		if (sub.status === 'wait') await sub.connect();
		else if (sub.status !== 'ready') {
			await new Promise<void>((resolve, reject) => {
				const done = (error?: unknown) => {
					sub.off('ready', done);
					sub.off('end', failed);
					if (error) reject(error instanceof Error ? error : new Error(String(error)));
					else resolve();
				};
				const failed = () => done(new Error('the Redis connection ended'));
				sub.once('ready', done);
				sub.once('end', failed);
			});
		}
		await sub.subscribe(this.#channel);
	}
}

function parse(text: string): Message | null {
	try {
		const value = JSON.parse(text) as Partial<Message>;
		if (typeof value.from !== 'string' || !Array.isArray(value.userIds)) return null;
		const userIds = value.userIds.filter((id): id is string => typeof id === 'string');
		return { from: value.from, userIds };
	} catch {
		return null;
	}
}

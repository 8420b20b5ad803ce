import type { Redis } from 'ioredis';

/**
 * Another connection to Redis, for another of its users. ioredis reconnects by itself; without
 * an 'error' listener its errors would be thrown as unhandled, so each outage is logged once.
 *
 * `subscriber`: the connection only subscribes, and its SUBSCRIBEs wait for Redis however long
 * it is away (ioredis's `maxRetriesPerRequest: null`). With the default, a SUBSCRIBE queued
 * while Redis is unreachable fails after three attempts and is gone for good, since ioredis
 * re-subscribes after a reconnection only to what had succeeded.
 */
export function redisCopy(client: Redis, purpose: string, options: { subscriber?: boolean } = {}) {
	const copy = client.duplicate(options.subscriber ? { maxRetriesPerRequest: null } : {});
	let down = false;
	copy.on('error', (error: Error) => {
		if (!down) console.warn(`redis (${purpose}): ${error.message}; reconnecting`);
		down = true;
	});
	copy.on('ready', () => (down = false));
	return copy;
}

/** The library's commands whose failure is logged; ioredis's own (CLIENT, INFO) it handles. */
const LOGGED = new Set(['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe']);

/**
 * Connections for a library that sends commands and never handles their failure
 * (@socket.io/redis-adapter 8 publishes, subscribes and unsubscribes without a `catch`): while
 * Redis is away, or as the connections close, each such failure would be an unhandled
 * rejection, which ends a Node process. Here every command's failure is handled (it still
 * rejects for a caller that awaits it) and the library's pub/sub commands' failures are logged;
 * the subscriber waits for Redis (see `redisCopy`). `close()` disconnects both, and what fails
 * because of it is not logged.
 */
export function connectionsForLibrary(
	redis: { pub: Redis; sub: Redis },
	purpose: string
): { pub: Redis; sub: Redis; close(): void } {
	let closing = false;
	const handled = (client: Redis) => {
		const send = client.sendCommand.bind(client);
		client.sendCommand = (command, stream) => {
			const sent = send(command, stream);
			command.promise.catch((error: unknown) => {
				if (!closing && LOGGED.has(command.name)) {
					console.error(`redis (${purpose}): ${command.name} failed:`, error);
				}
			});
			return sent;
		};
		return client;
	};
	const pub = handled(redisCopy(redis.pub, purpose));
	const sub = handled(redisCopy(redis.sub, purpose, { subscriber: true }));
	return {
		pub,
		sub,
		close() {
			closing = true;
			pub.disconnect();
			sub.disconnect();
		}
	};
}

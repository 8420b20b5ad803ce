import type { WebSocket } from 'ws';
import type { SessionUser } from '../../src/lib/server/auth';
import { CLOSE } from './protocol';

export type ConnectionLimits = {
	/** Messages a client may send per second on average, */
	messagesPerSecond: number;
	/** and in a burst. */
	burst: number;
	/** Bytes queued for a client before it is dropped as too slow. */
	maxBufferedBytes: number;
};

export const defaultLimits: ConnectionLimits = {
	messagesPerSecond: 200,
	burst: 1000,
	maxBufferedBytes: 8 * 1024 * 1024
};

/** One client's socket on one document: who it is, what it may do, and its flow limits. */
export class Connection {
	readonly ws: WebSocket;
	readonly user: SessionUser;
	readonly sessionId: string;
	readonly token: string;
	readonly readOnly: boolean;
	/** Awareness client ids this connection controls, removed when it goes. */
	readonly awarenessIds = new Set<number>();
	readonly #limits: ConnectionLimits;
	#tokens: number;
	#lastRefill = performance.now();
	#closed = false;

	constructor(options: {
		ws: WebSocket;
		user: SessionUser;
		sessionId: string;
		token: string;
		readOnly: boolean;
		limits: ConnectionLimits;
	}) {
		this.ws = options.ws;
		this.user = options.user;
		this.sessionId = options.sessionId;
		this.token = options.token;
		this.readOnly = options.readOnly;
		this.#limits = options.limits;
		this.#tokens = options.limits.burst;
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Token bucket: false when the client is sending faster than it may. */
	takeToken(): boolean {
		const now = performance.now();
		const refill = ((now - this.#lastRefill) / 1000) * this.#limits.messagesPerSecond;
		this.#tokens = Math.min(this.#limits.burst, this.#tokens + refill);
		this.#lastRefill = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}

	send(frame: Uint8Array): void {
		if (this.#closed || this.ws.readyState !== this.ws.OPEN) return;
		// A client that does not read must not make the server hold ever more for it.
		if (this.ws.bufferedAmount > this.#limits.maxBufferedBytes) {
			this.close(CLOSE.slowClient);
			return;
		}
		this.ws.send(frame, { binary: true });
	}

	close(why: { code: number; reason: string }): void {
		if (this.#closed) return;
		this.#closed = true;
		if (why.code !== CLOSE.goingAway.code) {
			console.warn(`collab: closing ${this.user.email}: ${why.code} ${why.reason}`);
		}
		if (why === CLOSE.slowClient) {
			this.ws.terminate();
		} else {
			this.ws.close(why.code, why.reason);
			// A client that ignores the close handshake is cut off.
			setTimeout(() => this.ws.terminate(), 5000).unref();
		}
	}

	/** Marks the connection closed after the socket closed on its own. */
	markClosed(): void {
		this.#closed = true;
	}
}

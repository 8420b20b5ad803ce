import type { WebSocket } from 'ws';
import { LIVE_LIMITS } from '../../src/lib/domain/collab/limits';
import type { SessionUser } from '../../src/lib/server/auth';
import { TokenBucket } from '../token-bucket';
import { CLOSE, encodeConfirmed } from './protocol';

export type ConnectionLimits = {
	/** Messages a client may send per second on average, */
	messagesPerSecond: number;
	/** and in a burst. */
	burst: number;
	/** Bytes queued for a client before it is dropped as too slow. */
	maxBufferedBytes: number;
	/** Bytes a client may send per second on average, */
	bytesPerSecond: number;
	/** and at once. */
	byteBurst: number;
};

export const defaultLimits: ConnectionLimits = {
	messagesPerSecond: 200,
	burst: 1000,
	maxBufferedBytes: 8 * 1024 * 1024,
	bytesPerSecond: LIVE_LIMITS.bytesPerSecond,
	byteBurst: LIVE_LIMITS.byteBurst
};

/** One client's socket on one document: who it is, what it may do, and its flow limits. */
export class Connection {
	readonly ws: WebSocket;
	readonly user: SessionUser;
	readonly sessionId: string;
	readonly token: string;
	readonly readOnly: boolean;
	/** Whether the client asked to be told when what it sent is stored (never when read-only). */
	readonly confirms: boolean;
	/** Awareness client ids this connection controls, removed when it goes. */
	readonly awarenessIds = new Set<number>();
	readonly #limits: ConnectionLimits;
	readonly #bucket: TokenBucket;
	readonly #bytes: TokenBucket;
	#closed = false;
	/** Whether the client has answered the last ping (or sent anything since). */
	#alive = true;
	#updatesReceived = 0;
	#confirmations: Promise<void> = Promise.resolve();

	constructor(options: {
		ws: WebSocket;
		user: SessionUser;
		sessionId: string;
		token: string;
		readOnly: boolean;
		confirms?: boolean;
		limits: ConnectionLimits;
	}) {
		this.ws = options.ws;
		this.user = options.user;
		this.sessionId = options.sessionId;
		this.token = options.token;
		this.readOnly = options.readOnly;
		this.confirms = !options.readOnly && (options.confirms ?? false);
		this.#limits = options.limits;
		this.#bucket = new TokenBucket({
			burst: options.limits.burst,
			perSecond: options.limits.messagesPerSecond
		});
		this.#bytes = new TokenBucket({
			burst: options.limits.byteBurst,
			perSecond: options.limits.bytesPerSecond
		});
		this.ws.on('pong', () => (this.#alive = true));
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** False when the client is sending faster than it may. */
	takeToken(): boolean {
		return this.#bucket.take();
	}

	/** Counts a message's bytes against the budget: false when the client is over it. */
	takeBytes(count: number): boolean {
		this.#alive = true;
		return this.#bytes.take(count);
	}

	/**
	 * One beat of the heartbeat: a client that has answered nothing since the last beat is gone (its
	 * network went silent), and is cut off, as TCP alone would not notice for many minutes; any other
	 * is pinged. Returns false for the one cut off.
	 */
	heartbeat(): boolean {
		if (this.ws.readyState !== this.ws.OPEN) return true;
		if (!this.#alive) {
			console.warn(`collab: dropping ${this.user.email}: no answer to the last ping`);
			this.#closed = true;
			this.ws.terminate();
			return false;
		}
		this.#alive = false;
		this.ws.ping();
		return true;
	}

	/**
	 * Counts an update-bearing message from the client (sync step 2 or update, even an empty one)
	 * and, for a client that asked, confirms it once `stored` resolves. Confirmations go out in the
	 * order the messages came, each with the count of messages stored so far; none follows a
	 * failure, after which the socket is closed and the client sends its edits again. Every
	 * update-bearing message of a confirming connection must come here unless the connection is
	 * closed, or the client's count and ours would disagree.
	 */
	confirmWhen(stored: Promise<void>): void {
		if (!this.confirms) return;
		const count = ++this.#updatesReceived;
		this.#confirmations = this.#confirmations
			.then(() => stored)
			.then(() => this.send(encodeConfirmed(count)));
		this.#confirmations.catch(() => {});
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

/**
 * How the browser answers a live document's socket closing. The server closes with a code that
 * says why (CLOSE, in $lib/domain/collab/close-codes.ts); as y-websocket's convention has it,
 * 4400–4499 are its deliberate decisions, which reconnecting as before cannot change.
 */
import { CLOSE } from '../domain/collab/close-codes';

export type Closing =
	/** The network, a restart, an overload: try again after a while. */
	| { kind: 'transient' }
	/** 1009: a message was over the size limit. Sent again as is, it would be refused again. */
	| { kind: 'too-big'; message: string }
	/**
	 * 4429: too many messages or bytes; 4430: too many sockets for this session (pages open in
	 * many tabs). Nothing was wrong with what was sent: try again after a pause.
	 */
	| { kind: 'rate-limited'; message: string }
	/** 4410: the meeting ended; its document is final. Read it again, read-only. */
	| { kind: 'final'; message: string }
	/**
	 * 4403: what this person may do here changed (an admin changed their role): the page is
	 * loaded again, read-only or not.
	 */
	| { kind: 'access-changed'; message: string }
	/** Any other 44xx (a malformed message, a session ended…): no retry. */
	| { kind: 'refused'; message: string };

const TOO_BIG = CLOSE.tooBig.code;
const SESSION_ENDED = CLOSE.sessionEnded.code;
const RATE_LIMITED = CLOSE.rateLimited.code;
const TOO_MANY_CONNECTIONS = CLOSE.tooManyConnections.code;
const MEETING_ENDED = CLOSE.meetingEnded.code;
const ACCESS_CHANGED = CLOSE.accessChanged.code;

/** Told when this session holds as many live connections as it may (every endpoint's cap). */
export const TOO_MANY_PAGES =
	'Too many pages of this app are open: close some tabs. Trying again shortly.';

export function closingOf(code: number, reason: string): Closing {
	if (code === TOO_BIG) {
		return { kind: 'too-big', message: 'A change was too large to share, so it was taken out.' };
	}
	if (code === RATE_LIMITED) {
		return { kind: 'rate-limited', message: 'Too many changes at once: trying again shortly.' };
	}
	if (code === TOO_MANY_CONNECTIONS) {
		return {
			kind: 'rate-limited',
			message: TOO_MANY_PAGES
		};
	}
	if (code === SESSION_ENDED) {
		return {
			kind: 'refused',
			message:
				'Your session has ended: sign in again. Changes not yet saved are kept in this browser.'
		};
	}
	if (code === ACCESS_CHANGED) {
		return {
			kind: 'access-changed',
			message: 'What you can do on this page has changed: loading it again.'
		};
	}
	if (code === MEETING_ENDED) {
		return { kind: 'final', message: 'This meeting has ended: its minutes are final.' };
	}
	if (code >= 4400 && code < 4500) {
		return { kind: 'refused', message: `The server refused this page: ${reason || code}.` };
	}
	return { kind: 'transient' };
}

/** How long to pause after 4429 or 4430 before trying again. */
export const RATE_LIMITED_PAUSE_MS = 30_000;

/**
 * Exponential backoff with jitter between reconnection attempts, so that a server that is down
 * is not asked again and again, nor by everyone at the same moment when it returns.
 */
export class Backoff {
	#attempt = 0;
	readonly #minMs: number;
	readonly #maxMs: number;

	constructor(options: { minMs: number; maxMs: number }) {
		this.#minMs = options.minMs;
		this.#maxMs = options.maxMs;
	}

	next(): number {
		const ceiling = Math.min(this.#maxMs, this.#minMs * 2 ** this.#attempt);
		this.#attempt += 1;
		return ceiling / 2 + (Math.random() * ceiling) / 2;
	}

	reset(): void {
		this.#attempt = 0;
	}
}

/**
 * How many live sockets one signed-in session, and one client address, may hold at once: the
 * caps that keep one tab gone wrong (or one script) from slowing everyone else down. One limiter
 * serves both live endpoints (/collab and the meeting channel), through the handshake; counts are
 * per process.
 */
import type { IncomingMessage } from 'node:http';

export type ConnectionCaps = {
	/** Sockets one session may hold. */
	perSession: number;
	/** Sockets one client address may hold or be opening. */
	perAddress: number;
};

/** Gives a place back; calling it again does nothing. */
export type Release = () => void;

export class ConnectionLimiter {
	readonly caps: ConnectionCaps;
	readonly #bySession = new Map<string, number>();
	readonly #byAddress = new Map<string, number>();

	constructor(caps: ConnectionCaps) {
		this.caps = caps;
	}

	/** Takes a place for a socket from `address`; null when that address holds its cap already. */
	admitAddress(address: string): Release | null {
		return take(this.#byAddress, address, this.caps.perAddress);
	}

	/** Takes a place for a socket of `sessionId`; null when that session holds its cap already. */
	admitSession(sessionId: string): Release | null {
		return take(this.#bySession, sessionId, this.caps.perSession);
	}

	/** Sockets counted for this session now (for tests and diagnostics). */
	sessionCount(sessionId: string): number {
		return this.#bySession.get(sessionId) ?? 0;
	}

	/** Sockets counted for this address now. */
	addressCount(address: string): number {
		return this.#byAddress.get(address) ?? 0;
	}
}

function take(counts: Map<string, number>, key: string, cap: number): Release | null {
	const held = counts.get(key) ?? 0;
	if (held >= cap) return null;
	counts.set(key, held + 1);
	let released = false;
	return () => {
		if (released) return;
		released = true;
		const left = (counts.get(key) ?? 1) - 1;
		if (left > 0) counts.set(key, left);
		else counts.delete(key);
	};
}

export type AddressOptions = {
	/** The header a trusted proxy writes the client's address to (lower case), as ADDRESS_HEADER. */
	addressHeader?: string;
	/** With X-Forwarded-For: how many trusted proxies stand in front, as XFF_DEPTH. */
	xffDepth?: number;
};

/**
 * The client's address, read as adapter-node reads it for the app's pages (ADDRESS_HEADER,
 * XFF_DEPTH): the TCP peer, or what the trusted proxy says. Behind a proxy without the header set,
 * every client shares the proxy's address, and so its cap.
 */
export function clientAddress(request: IncomingMessage, options: AddressOptions = {}): string {
	const peer = request.socket.remoteAddress ?? 'unknown';
	const header = options.addressHeader;
	if (!header) return peer;
	const value = request.headers[header];
	const raw = Array.isArray(value) ? value.join(',') : value;
	if (!raw) return peer;
	if (header !== 'x-forwarded-for') return raw.trim();
	const addresses = raw.split(',');
	const depth = options.xffDepth ?? 1;
	// Fewer entries than proxies: the header was not written by them all; the leftmost entries are
	// the client's own to choose, and must not let it escape its cap.
	return addresses[addresses.length - depth]?.trim() || peer;
}

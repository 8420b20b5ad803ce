/**
 * Who is knocking: the one check at the door of both live endpoints (/collab upgrades and the
 * socket.io meeting channel). The Origin guards against cross-site WebSocket hijacking; the
 * session cookie is validated with the same code as the app's pages; and the socket takes a place
 * under its address's and its session's caps (server/connection-limiter.ts).
 */
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE, validateSessionToken, type SessionUser } from '../src/lib/server/auth';
import type { Db } from '../src/lib/server/db';
import {
	clientAddress,
	type AddressOptions,
	type ConnectionLimiter,
	type Release
} from './connection-limiter';

export type Handshake =
	| {
			ok: true;
			user: SessionUser;
			sessionId: string;
			token: string;
			/** Gives the socket's places back: call it once the socket has closed or been refused. */
			release: Release;
	  }
	| { ok: false; status: 401 | 403 | 429; message: string };

export type HandshakeOptions = {
	db: Db;
	/** Origins a browser may connect from (the app's own); undefined = the request's Host only. */
	allowedOrigins?: readonly string[];
	/** The caps per session and per address; none without it. */
	limiter?: ConnectionLimiter;
	/** How the client's address is read (behind a proxy). */
	address?: AddressOptions;
};

export const TOO_MANY_FROM_ADDRESS = 'Too many connections from this address';
export const TOO_MANY_IN_SESSION = 'Too many connections for this session';

/**
 * Checks the Origin, takes a place for the client's address (before any database work, so that a
 * flood costs nothing), then checks the session cookie and takes a place for the session. Throws
 * only if the database fails (having given back what it took).
 */
export async function authenticate(
	request: IncomingMessage,
	options: HandshakeOptions
): Promise<Handshake> {
	if (!originAllowed(request, options.allowedOrigins)) {
		return { ok: false, status: 403, message: 'Origin not allowed' };
	}
	const nothing: Release = () => {};
	const address = options.limiter
		? options.limiter.admitAddress(clientAddress(request, options.address))
		: nothing;
	if (!address) return { ok: false, status: 429, message: TOO_MANY_FROM_ADDRESS };
	let admitted = false;
	try {
		const token = readCookie(request.headers.cookie, SESSION_COOKIE);
		const valid = token ? await validateSessionToken(options.db, token) : null;
		if (!token || !valid) return { ok: false, status: 401, message: 'Sign in to continue' };
		const sessionId = valid.session.id;
		const session = options.limiter ? options.limiter.admitSession(sessionId) : nothing;
		if (!session) return { ok: false, status: 429, message: TOO_MANY_IN_SESSION };
		admitted = true;
		const release = () => {
			session();
			address();
		};
		return { ok: true, user: valid.user, sessionId, token, release };
	} finally {
		if (!admitted) address();
	}
}

/**
 * Browsers send Origin on every WebSocket handshake and cross-origin request, so a request
 * without one is not a cross-site browser request (it must still present a valid session).
 */
function originAllowed(
	request: IncomingMessage,
	allowedOrigins: readonly string[] | undefined
): boolean {
	const origin = request.headers.origin;
	if (!origin) return true;
	const normalised = normaliseOrigin(origin);
	if (!normalised) return false;
	if (allowedOrigins) return allowedOrigins.some((o) => normaliseOrigin(o) === normalised);
	return new URL(normalised).host === request.headers.host;
}

function normaliseOrigin(origin: string): string | undefined {
	try {
		return new URL(origin).origin;
	} catch {
		return undefined;
	}
}

function readCookie(header: string | undefined, name: string): string | undefined {
	for (const part of header?.split(';') ?? []) {
		const at = part.indexOf('=');
		if (at < 0 || part.slice(0, at).trim() !== name) continue;
		try {
			return decodeURIComponent(part.slice(at + 1).trim());
		} catch {
			return undefined;
		}
	}
	return undefined;
}

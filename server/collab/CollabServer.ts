import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SESSION_COOKIE, validateSessionToken } from '../../src/lib/server/auth';
import { authoriseDocument, type DocumentAccess } from '../../src/lib/server/collab-access';
import type { Db } from '../../src/lib/server/db';
import { Connection, defaultLimits, type ConnectionLimits } from './Connection';
import type { DocumentRegistry } from './DocumentRegistry';
import { CLOSE } from './protocol';

export type CollabServerOptions = {
	db: Db;
	registry: DocumentRegistry;
	/** Origins a browser may connect from; without it, the Origin must match the Host. */
	allowedOrigins?: string[];
	/** Path prefix of document sockets. */
	prefix?: string;
	/** How often open sockets' sessions are checked again (sign-out, deactivation, expiry). */
	sessionCheckMs?: number;
	maxPayloadBytes?: number;
	limits?: Partial<ConnectionLimits>;
};

/**
 * The y-websocket endpoint: `ws(s)://host/collab/<kind>:<id>`. The session cookie and Origin
 * are checked, and the document authorised, before the upgrade is accepted.
 */
export class CollabServer {
	readonly #wss: WebSocketServer;
	readonly #options: Required<Pick<CollabServerOptions, 'prefix' | 'sessionCheckMs'>> &
		CollabServerOptions;
	readonly #limits: ConnectionLimits;
	readonly #connections = new Set<Connection>();
	/**
	 * Sessions ended in this process, by when. Sign-out and deactivation tell us before their
	 * transaction commits, and an upgrade may be half-way through authorisation as they do: both
	 * would otherwise let the ended session in again until the next periodic check.
	 */
	readonly #endedSessions = new Map<string, number>();
	readonly #sessionTimer: NodeJS.Timeout;
	#checks = 0;
	#closing = false;

	constructor(options: CollabServerOptions) {
		// `??`, not a spread of defaults: callers pass options through as `undefined`, and a
		// setInterval of undefined runs the session check every millisecond.
		this.#options = {
			...options,
			prefix: options.prefix ?? '/collab',
			sessionCheckMs: options.sessionCheckMs ?? 30_000
		};
		this.#limits = {
			messagesPerSecond: options.limits?.messagesPerSecond ?? defaultLimits.messagesPerSecond,
			burst: options.limits?.burst ?? defaultLimits.burst,
			maxBufferedBytes: options.limits?.maxBufferedBytes ?? defaultLimits.maxBufferedBytes
		};
		this.#wss = new WebSocketServer({
			noServer: true,
			maxPayload: options.maxPayloadBytes ?? 2 * 1024 * 1024,
			perMessageDeflate: false
		});
		this.#sessionTimer = setInterval(() => {
			// A check slower than the interval must not pile up behind itself.
			if (this.#checks === 0) void this.checkSessions();
		}, this.#options.sessionCheckMs);
		this.#sessionTimer.unref();
	}

	get connectionCount(): number {
		return this.#connections.size;
	}

	/** The upgrade handler for the server's UpgradeRouter. */
	handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
		socket.on('error', () => socket.destroy());
		this.#authorise(request).then(
			(result) => {
				if ('status' in result) return refuse(socket, result);
				if (this.#endedSessions.has(result.sessionId)) {
					return refuse(socket, { status: 401, message: 'Sign in to continue' });
				}
				// Synchronous up to #accept, so no session can end in between.
				this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, result));
			},
			(error: unknown) => {
				console.error('collab: upgrade failed:', error);
				refuse(socket, { status: 503, message: 'Service unavailable' });
			}
		);
	};

	async #authorise(request: IncomingMessage): Promise<Refusal | Grant> {
		if (this.#closing) return { status: 503, message: 'Server shutting down' };
		if (!this.#originAllowed(request)) return { status: 403, message: 'Origin not allowed' };
		const token = readCookie(request.headers.cookie, SESSION_COOKIE);
		const validated = token ? await validateSessionToken(this.#options.db, token) : null;
		if (!token || !validated) return { status: 401, message: 'Sign in to continue' };
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		let name: string;
		try {
			name = decodeURIComponent(path.slice(this.#options.prefix.length + 1));
		} catch {
			return { status: 400, message: 'Bad document name' };
		}
		const access = await authoriseDocument(this.#options.db, validated.user, name);
		if (!access) return { status: 403, message: 'You may not open this document' };
		return { access, token, user: validated.user, sessionId: validated.session.id };
	}

	#originAllowed(request: IncomingMessage): boolean {
		const origin = request.headers.origin;
		// Browsers always send Origin; other clients must still present a valid session cookie.
		if (!origin) return true;
		if (this.#options.allowedOrigins) return this.#options.allowedOrigins.includes(origin);
		try {
			return new URL(origin).host === request.headers.host;
		} catch {
			return false;
		}
	}

	#accept(ws: WebSocket, grant: Grant) {
		const connection = new Connection({
			ws,
			user: grant.user,
			sessionId: grant.sessionId,
			token: grant.token,
			readOnly: grant.access.readOnly,
			limits: this.#limits
		});
		this.#connections.add(connection);
		const { registry } = this.#options;
		let document: Awaited<ReturnType<DocumentRegistry['open']>> | undefined;
		const early: Uint8Array[] = [];
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			if (!isBinary) return connection.close(CLOSE.badMessage);
			const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (document) document.receive(connection, frame);
			// The document can take a while to arrive (it may be unloading, compacting first), and
			// frames waiting for it have not yet met the rate limit.
			else if (early.length >= this.#limits.burst) connection.close(CLOSE.rateLimited);
			else early.push(frame);
		});
		ws.on('error', (error) => {
			if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
				console.warn(`collab: ${grant.user.email} sent a frame over the size limit`);
			}
		});
		ws.on('close', () => {
			connection.markClosed();
			this.#connections.delete(connection);
			if (document) {
				document.removeConnection(connection);
				registry.release(document);
			}
		});
		registry.open(grant.access.name, grant.access).then(
			(opened) => {
				if (connection.closed) return registry.release(opened);
				document = opened;
				opened.addConnection(connection);
				for (const frame of early) opened.receive(connection, frame);
				early.length = 0;
			},
			() => connection.close(CLOSE.internal)
		);
	}

	/** Closes sockets whose session has ended or expired, or whose user was deactivated. */
	async checkSessions(): Promise<void> {
		this.#checks++;
		try {
			await this.#checkSessions();
		} finally {
			this.#checks--;
		}
	}

	async #checkSessions(): Promise<void> {
		this.#forgetEndedSessions();
		const bySession = new Map<string, Connection[]>();
		for (const c of this.#connections) {
			const list = bySession.get(c.sessionId) ?? [];
			list.push(c);
			bySession.set(c.sessionId, list);
		}
		for (const [, connections] of bySession) {
			try {
				const valid = await validateSessionToken(this.#options.db, connections[0].token);
				if (!valid) for (const c of connections) c.close(CLOSE.sessionEnded);
			} catch (error) {
				console.error('collab: session check failed:', error);
			}
		}
	}

	/** Ends the sockets of these sessions now (sign-out, deactivation in this process). */
	endSessions(sessionIds: string[]): void {
		const ended = new Set(sessionIds);
		this.#forgetEndedSessions();
		for (const id of ended) this.#endedSessions.set(id, performance.now());
		for (const c of this.#connections) if (ended.has(c.sessionId)) c.close(CLOSE.sessionEnded);
	}

	/** Past this, an ended session's transaction has long committed and the database refuses it. */
	#forgetEndedSessions() {
		const before = performance.now() - ENDED_SESSION_MEMORY_MS;
		for (const [id, at] of this.#endedSessions) if (at < before) this.#endedSessions.delete(id);
	}

	/** Stops accepting, closes sockets with "going away", stores what is pending, unloads. */
	async close(): Promise<void> {
		if (this.#closing) return;
		this.#closing = true;
		clearInterval(this.#sessionTimer);
		for (const connection of this.#connections) connection.close(CLOSE.goingAway);
		for (const document of this.#options.registry.documents()) {
			for (const connection of [...document.connections]) document.removeConnection(connection);
		}
		await this.#options.registry.closeAll();
		this.#wss.close();
	}
}

const ENDED_SESSION_MEMORY_MS = 60_000;

type Refusal = { status: 400 | 401 | 403 | 503; message: string };
type Grant = { access: DocumentAccess; token: string; user: Connection['user']; sessionId: string };

function refuse(socket: Duplex, { status, message }: Refusal) {
	const reason = {
		400: 'Bad Request',
		401: 'Unauthorized',
		403: 'Forbidden',
		503: 'Service Unavailable'
	}[status];
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`
	);
}

function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

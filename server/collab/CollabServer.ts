import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { authoriseDocument, type DocumentAccess } from '../../src/lib/server/collab-access';
import { CONFIRM_PARAM, LIVE_LIMITS, MAX_FRAME_BYTES } from '../../src/lib/domain/collab/limits';
import type { Db } from '../../src/lib/server/db';
import { ConnectionLimiter, type AddressOptions, type Release } from '../connection-limiter';
import { authenticate, TOO_MANY_IN_SESSION } from '../handshake';
import type { CollabDocument } from './CollabDocument';
import { Connection, defaultLimits, type ConnectionLimits } from './Connection';
import type { DocumentRegistry } from './DocumentRegistry';
import { guardPending } from './pending-guard';
import { recheckAccess } from './access-recheck';
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
	/** The largest message accepted (1009 beyond it); the browser keeps to MAX_FRAME_BYTES. */
	maxPayloadBytes?: number;
	limits?: Partial<ConnectionLimits>;
	/** How often every socket is pinged; one that has not answered the last ping is dropped. */
	heartbeatMs?: number;
	/** An upgrade not accepted or refused within this (its authorisation hangs) is cut off. */
	upgradeTimeoutMs?: number;
	/** Bytes of updates a document may hold waiting for ones it never received (pending-guard). */
	maxPendingBytes?: number;
	/** The caps per session and per address, shared with the meeting channel; defaults if none. */
	limiter?: ConnectionLimiter;
	/** How the client's address is read behind a proxy. */
	address?: AddressOptions;
};

/**
 * The y-websocket endpoint: `ws(s)://host/collab/<kind>:<id>`. The session cookie and Origin
 * are checked, and the document authorised, before the upgrade is accepted. `?confirm=1` asks
 * for confirmations of what is stored (see domain/collab/limits).
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
	/** Users whose access changed, by when: an upgrade authorised before that is not accepted. */
	readonly #changedUsers = new Map<string, number>();
	/** The document of each open socket, read again when its user's access changes. */
	readonly #documentNames = new WeakMap<Connection, string>();
	/** Sockets paused while their access is read again, by how many checks hold them. */
	readonly #held = new Map<Connection, number>();
	readonly #sessionTimer: NodeJS.Timeout;
	readonly #heartbeat: NodeJS.Timeout;
	readonly #limiter: ConnectionLimiter;
	readonly #guarded = new WeakSet<CollabDocument>();
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
			maxBufferedBytes: options.limits?.maxBufferedBytes ?? defaultLimits.maxBufferedBytes,
			bytesPerSecond: options.limits?.bytesPerSecond ?? defaultLimits.bytesPerSecond,
			byteBurst: options.limits?.byteBurst ?? defaultLimits.byteBurst
		};
		this.#limiter =
			options.limiter ??
			new ConnectionLimiter({
				perSession: LIVE_LIMITS.connectionsPerSession,
				perAddress: LIVE_LIMITS.connectionsPerAddress
			});
		this.#wss = new WebSocketServer({
			noServer: true,
			maxPayload: options.maxPayloadBytes ?? MAX_FRAME_BYTES,
			perMessageDeflate: false
		});
		this.#sessionTimer = setInterval(() => {
			// A check slower than the interval must not pile up behind itself.
			if (this.#checks === 0) void this.checkSessions();
		}, this.#options.sessionCheckMs);
		this.#sessionTimer.unref();
		this.#heartbeat = setInterval(() => {
			for (const connection of this.#connections) connection.heartbeat();
		}, options.heartbeatMs ?? LIVE_LIMITS.heartbeatMs);
		this.#heartbeat.unref();
	}

	get connectionCount(): number {
		return this.#connections.size;
	}

	/** The upgrade handler for the server's UpgradeRouter. */
	handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
		socket.on('error', () => socket.destroy());
		// Node times out a request's headers, not what follows them: an authorisation that hangs
		// (a database that does not answer) would hold the socket, and its place, for ever.
		const timeout = setTimeout(() => {
			console.warn('collab: an upgrade did not complete in time');
			socket.destroy();
		}, this.#options.upgradeTimeoutMs ?? LIVE_LIMITS.upgradeTimeoutMs);
		timeout.unref();
		const started = performance.now();
		this.#authorise(request).then(
			(result) => {
				clearTimeout(timeout);
				// Whatever becomes of the socket (refused below, accepted, closed), its places are
				// given back when it closes.
				const { release } = result;
				if (release && socket.destroyed) release();
				else if (release) socket.once('close', release);
				if (socket.destroyed) return;
				if ('status' in result) {
					if (result.status !== 429 || result.message !== TOO_MANY_IN_SESSION) {
						return refuse(socket, result);
					}
					// Accepted only to be closed, so that the browser can say why.
					return this.#wss.handleUpgrade(request, socket, head, (ws) => {
						const { code, reason } = CLOSE.tooManyConnections;
						ws.close(code, reason);
					});
				}
				if (this.#endedSessions.has(result.sessionId)) {
					return refuse(socket, { status: 401, message: 'Sign in to continue' });
				}
				if ((this.#changedUsers.get(result.user.id) ?? -1) >= started) {
					return refuse(socket, { status: 503, message: 'Access changed: try again' });
				}
				// Synchronous up to #accept, so no session can end in between.
				this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, result));
			},
			(error: unknown) => {
				clearTimeout(timeout);
				console.error('collab: upgrade failed:', error);
				if (!socket.destroyed) refuse(socket, { status: 503, message: 'Service unavailable' });
			}
		);
	};

	/** A refusal carries `release` when the handshake took places that the caller gives back. */
	async #authorise(request: IncomingMessage): Promise<Refusal | Grant> {
		if (this.#closing) return { status: 503, message: 'Server shutting down' };
		const { db, allowedOrigins, address } = this.#options;
		const handshake = await authenticate(request, {
			db,
			allowedOrigins,
			address,
			limiter: this.#limiter
		});
		if (!handshake.ok) return handshake;
		const { user, sessionId, token, release } = handshake;
		try {
			const url = new URL(request.url ?? '/', 'http://localhost');
			const path = url.pathname;
			let name: string;
			try {
				name = decodeURIComponent(path.slice(this.#options.prefix.length + 1));
			} catch {
				return { status: 400, message: 'Bad document name', release };
			}
			const access = await authoriseDocument(db, user, name);
			if (!access) return { status: 403, message: 'You may not open this document', release };
			const confirms = url.searchParams.get(CONFIRM_PARAM) === '1';
			return { access, token, user, sessionId, confirms, release };
		} catch (error) {
			release();
			throw error;
		}
	}

	#accept(ws: WebSocket, grant: Grant) {
		const connection = new Connection({
			ws,
			user: grant.user,
			sessionId: grant.sessionId,
			token: grant.token,
			readOnly: grant.access.readOnly,
			confirms: grant.confirms,
			limits: this.#limits
		});
		this.#connections.add(connection);
		this.#documentNames.set(connection, grant.access.name);
		const { registry } = this.#options;
		let document: Awaited<ReturnType<DocumentRegistry['open']>> | undefined;
		const early: Uint8Array[] = [];
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			if (connection.closed) return;
			if (!connection.takeBytes(data.byteLength)) return connection.close(CLOSE.tooMuchData);
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
				this.#guard(opened);
				opened.addConnection(connection);
				for (const frame of early) opened.receive(connection, frame);
				early.length = 0;
			},
			() => connection.close(CLOSE.loadFailed)
		);
	}

	/** Closes a socket whose updates pile up waiting for ones the document never received. */
	#guard(document: CollabDocument) {
		if (this.#guarded.has(document)) return;
		this.#guarded.add(document);
		guardPending({
			doc: document.doc,
			maxBytes: this.#options.maxPendingBytes ?? LIVE_LIMITS.maxPendingBytes,
			isClient: (origin): origin is Connection => origin instanceof Connection,
			exceeded: (connection, bytes) => {
				console.warn(`collab: ${document.name} holds ${bytes} bytes of updates it cannot apply`);
				connection.close(CLOSE.missingDependencies);
			}
		});
	}

	/**
	 * The periodic backstop: closes sockets whose session has ended or expired, or whose user was
	 * deactivated (4401), and those whose role no longer gives them the access they opened with
	 * (4403), in case an access change was not heard (Redis down).
	 */
	async checkSessions(): Promise<void> {
		this.#checks++;
		try {
			this.#forgetEndedSessions();
			await this.#recheck([...this.#connections], false);
		} finally {
			this.#checks--;
		}
	}

	/**
	 * Reads these users' open sockets' access again now, by the rules a new connection meets
	 * (access-recheck.ts), after an access change (src/lib/server/access-changes.ts). Until the
	 * answer their sockets are paused, so that nothing sent after the change is stored under the
	 * old access. Ended sessions close with 4401, changed access with 4403 (the browser reloads
	 * the page, read-only or not); an upgrade authorised before the change is refused (503).
	 */
	async recheckUsers(userIds: readonly string[]): Promise<void> {
		const ids = new Set(userIds);
		this.#forgetEndedSessions();
		for (const id of ids) this.#changedUsers.set(id, performance.now());
		const connections = [...this.#connections].filter((c) => ids.has(c.user.id));
		for (const c of connections) {
			this.#held.set(c, (this.#held.get(c) ?? 0) + 1);
			c.ws.pause();
		}
		try {
			await this.#recheck(connections, true);
		} finally {
			for (const c of connections) {
				const held = (this.#held.get(c) ?? 1) - 1;
				if (held > 0) this.#held.set(c, held);
				else {
					this.#held.delete(c);
					// After any close: what it had sent meanwhile is read, and dropped as closed.
					c.ws.resume();
				}
			}
		}
	}

	async #recheck(connections: Connection[], always: boolean): Promise<void> {
		const sockets = connections.flatMap((connection) => {
			const name = this.#documentNames.get(connection);
			return name && !connection.closed ? [{ connection, name }] : [];
		});
		const verdicts = await recheckAccess(this.#options.db, sockets, { always });
		for (const [connection, verdict] of verdicts) {
			if (verdict === 'session ended') connection.close(CLOSE.sessionEnded);
			else if (verdict === 'access changed') connection.close(CLOSE.accessChanged);
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
		for (const [id, at] of this.#changedUsers) if (at < before) this.#changedUsers.delete(id);
	}

	/** Stops accepting, closes sockets with "going away", stores what is pending, unloads. */
	async close(): Promise<void> {
		if (this.#closing) return;
		this.#closing = true;
		clearInterval(this.#sessionTimer);
		clearInterval(this.#heartbeat);
		for (const connection of this.#connections) connection.close(CLOSE.goingAway);
		for (const document of this.#options.registry.documents()) {
			for (const connection of [...document.connections]) document.removeConnection(connection);
		}
		await this.#options.registry.closeAll();
		this.#wss.close();
	}
}

const ENDED_SESSION_MEMORY_MS = 60_000;

type Refusal = { status: 400 | 401 | 403 | 429 | 503; message: string; release?: Release };
type Grant = {
	access: DocumentAccess;
	token: string;
	user: Connection['user'];
	sessionId: string;
	confirms: boolean;
	release: Release;
};

function refuse(socket: Duplex, { status, message }: Refusal) {
	const reason = {
		400: 'Bad Request',
		401: 'Unauthorized',
		403: 'Forbidden',
		429: 'Too Many Requests',
		503: 'Service Unavailable'
	}[status];
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`
	);
}

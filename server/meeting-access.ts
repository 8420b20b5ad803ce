import { validateSessionToken } from '../src/lib/server/auth';
import type { Db } from '../src/lib/server/db';
import type { SocketData } from './meeting-presence';

/** What this needs of a socket.io socket of the channel. */
type AnySocket = {
	data: SocketData;
	readonly connected: boolean;
	readonly handshake: { issued: number };
	disconnect(close: boolean): unknown;
};

/** How long a change is remembered for the handshakes under way as it was made. */
const CHANGE_MEMORY_MS = 60_000;
type Serially = (task: () => Promise<void>) => void;

/**
 * Reads the access of the meeting channel's sockets again when it changes (an admin changed a
 * role or deactivated the person, a session ended: src/lib/server/access-changes.ts): the
 * session is validated as the handshake does (server/handshake.ts) and `socket.data.user` takes
 * the role it now holds, which is what every steering rule reads (src/lib/domain/roles.ts). A
 * socket whose session has ended is disconnected. The check runs in the socket's own queue of
 * events, so an event it sends after the change is judged by the new role.
 */
export class MeetingAccess {
	readonly #db: Db;
	readonly #broadcastPresence: (meetingId: string) => Promise<unknown>;
	/** Each socket's session token: kept here, never in `socket.data` (shared through Redis). */
	readonly #tokens = new WeakMap<AnySocket, string>();
	readonly #queues = new WeakMap<AnySocket, Serially>();
	/** Users whose access changed, by when (Date.now(), as socket.io's `handshake.issued`). */
	readonly #changed = new Map<string, number>();

	/** `broadcastPresence` tells a meeting's room who is there, with their roles, again. */
	constructor(db: Db, broadcastPresence: (meetingId: string) => Promise<unknown>) {
		this.#db = db;
		this.#broadcastPresence = broadcastPresence;
	}

	/** At the handshake: the token its session was validated with. */
	admit(socket: AnySocket, token: string): void {
		this.#tokens.set(socket, token);
	}

	/**
	 * Once connected: the queue its events are handled in, one after the other. A socket whose
	 * handshake was under way when its user's access changed is checked again first.
	 */
	connected(socket: AnySocket, serially: Serially): void {
		this.#queues.set(socket, serially);
		const changedAt = this.#changed.get(socket.data.user.id);
		if (changedAt !== undefined && changedAt >= socket.handshake.issued) {
			serially(() => this.#recheck(socket));
		}
	}

	/**
	 * Queues a check of each of these users' sockets among `sockets` (this process's), ahead of
	 * any event they send from now on.
	 */
	recheckUsers(sockets: Iterable<AnySocket>, userIds: readonly string[]): void {
		const ids = new Set(userIds);
		const now = Date.now();
		for (const [id, at] of this.#changed) if (at < now - CHANGE_MEMORY_MS) this.#changed.delete(id);
		for (const id of ids) this.#changed.set(id, now);
		for (const socket of sockets) {
			if (!socket.data.user || !ids.has(socket.data.user.id)) continue;
			this.#queues.get(socket)?.(() => this.#recheck(socket));
		}
	}

	/**
	 * Before a steering event: the session and role read again, whatever this process heard (a
	 * change whose message was lost on its way through Redis is caught here). False when the
	 * session has ended (the socket is then disconnected).
	 */
	async refresh(socket: AnySocket): Promise<boolean> {
		await this.#recheck(socket);
		return socket.connected;
	}

	async #recheck(socket: AnySocket): Promise<void> {
		const token = this.#tokens.get(socket);
		if (!socket.connected || !token) return;
		const valid = await validateSessionToken(this.#db, token);
		if (!valid) {
			socket.disconnect(true);
			return;
		}
		const changed = valid.user.role !== socket.data.user.role;
		socket.data.user = valid.user;
		if (!changed) return;
		await Promise.all(Object.keys(socket.data.meetings).map((id) => this.#broadcastPresence(id)));
	}
}

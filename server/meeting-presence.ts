/**
 * Presence in a meeting room, as the meeting channel keeps it: in each socket's `data`, which
 * every process can read through the Redis adapter. Several tabs of one user are one person, and
 * a person leaves (for the minutes' attendance) when their last tab goes.
 */
import type { PresenceEntry } from '../src/lib/domain/meeting-channel';
import type { SessionUser } from '../src/lib/server/auth';
import type { Db } from '../src/lib/server/db';
import { recordLeave } from '../src/lib/server/meeting-room';

/** One meeting a socket has joined. */
export type Joined = {
	since: string;
	handRaised: boolean;
	/** When the hand last changed: with several tabs of one user, the latest change wins. */
	handChangedAt: number;
};

/** Kept in socket.data because fetchSockets() reads it from every process. */
export type SocketData = {
	user: SessionUser;
	sessionId: string;
	meetings: Record<string, Joined>;
};

/** One entry per user in the meeting, from the sockets in its room, earliest arrival first. */
export function presenceIn(sockets: { data: SocketData }[], meetingId: string): PresenceEntry[] {
	const byUser = new Map<string, PresenceEntry & { handChangedAt: number }>();
	for (const { data } of sockets) {
		const joined = data.meetings?.[meetingId];
		if (!joined) continue;
		const seen = byUser.get(data.user.id);
		if (!seen) {
			byUser.set(data.user.id, {
				userId: data.user.id,
				name: data.user.name,
				role: data.user.role,
				since: joined.since,
				handRaised: joined.handRaised,
				handChangedAt: joined.handChangedAt
			});
			continue;
		}
		if (joined.since < seen.since) seen.since = joined.since;
		if (joined.handChangedAt > seen.handChangedAt) {
			seen.handRaised = joined.handRaised;
			seen.handChangedAt = joined.handChangedAt;
		}
	}
	return [...byUser.values()]
		.sort((a, b) => a.since.localeCompare(b.since))
		.map(({ handChangedAt: _, ...entry }) => entry);
}

/**
 * Who is in each meeting's room, read from the sockets of every process, and told to the room.
 * `socketsIn` answers a meeting's sockets (socket.io's fetchSockets on its room); `tell` sends
 * the room its presence.
 */
export class RoomPresence {
	readonly #db: Db;
	readonly #socketsIn: (meetingId: string) => Promise<{ data: SocketData }[]>;
	readonly #tell: (meetingId: string, presence: PresenceEntry[]) => void;

	constructor(
		db: Db,
		socketsIn: (meetingId: string) => Promise<{ data: SocketData }[]>,
		tell: (meetingId: string, presence: PresenceEntry[]) => void
	) {
		this.#db = db;
		this.#socketsIn = socketsIn;
		this.#tell = tell;
	}

	/** One entry per user in the meeting, earliest arrival first. */
	async of(meetingId: string): Promise<PresenceEntry[]> {
		return presenceIn(await this.#socketsIn(meetingId), meetingId);
	}

	async broadcast(meetingId: string): Promise<PresenceEntry[]> {
		const presence = await this.of(meetingId);
		this.#tell(meetingId, presence);
		return presence;
	}

	/**
	 * After a socket has left a meeting's room: the person has left only when no other tab of
	 * theirs, in any process, is still there (one attendance entry, merged across tabs).
	 */
	async left(user: SessionUser, meetingId: string): Promise<void> {
		const presence = await this.of(meetingId);
		if (!presence.some((entry) => entry.userId === user.id)) {
			await recordLeave(this.#db, user, meetingId);
		}
		this.#tell(meetingId, presence);
	}
}

/**
 * The socket.io channel of a live MDT meeting room: who is in the room (presence, raised
 * hands), which agenda item is being discussed, the item timer, and action notifications.
 * Live state is kept in the `meeting` row and presence in `socket.data`, so that several server
 * processes sharing rooms through Redis all agree.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { ActionNotice } from '../src/lib/server/realtime-bridge';
import type { Role } from '../src/lib/domain/roles';
import { SESSION_COOKIE, validateSessionToken, type SessionUser } from '../src/lib/server/auth';
import type { Db } from '../src/lib/server/db';
import { meeting, meetingAttendance } from '../src/lib/server/db/schema';

export type MeetingChannelOptions = {
	db: Db;
	/** Origins allowed to connect (the app's own origin); undefined = same host only. */
	allowedOrigins?: string[];
	/**
	 * With Redis, several server processes share rooms through @socket.io/redis-adapter.
	 * `key` prefixes the Redis channels (default 'socket.io'); every process must use the same.
	 */
	redis?: { pub: Redis; sub: Redis; key?: string };
};

export type MeetingState = {
	meetingId: string;
	currentItemId: string | null;
	timer: { itemId: string | null; startedAt: string | null; elapsedMs: number };
};

export type PresenceEntry = {
	userId: string;
	name: string;
	role: Role;
	since: string;
	handRaised: boolean;
};

export type { ActionNotice };

export type Answer = ({ ok: true } & Record<string, unknown>) | { ok: false; error: string };
type Ack = (answer: Answer) => void;
type ClientEvent = (payload: unknown, ack?: Ack) => void;

export type ClientToServerEvents = {
	'meeting:join': ClientEvent;
	'meeting:leave': ClientEvent;
	'meeting:current-item': ClientEvent;
	'meeting:timer': ClientEvent;
	'meeting:hand': ClientEvent;
};

export type ServerToClientEvents = {
	'meeting:state': (state: MeetingState) => void;
	'meeting:presence': (event: { meetingId: string; presence: PresenceEntry[] }) => void;
	'action:changed': (event: Pick<ActionNotice, 'kind' | 'action'>) => void;
	'action:assigned': (event: Pick<ActionNotice, 'kind' | 'action'>) => void;
};

/** One meeting this socket has joined. */
type Joined = {
	attendanceId: string;
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

type ChannelServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;
type ChannelSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

export type MeetingChannel = {
	io: ChannelServer;
	/** Called by the actions service after an action is created, updated or reassigned. */
	notifyAction(event: ActionNotice): void;
	/** Disconnects every socket of a session that has ended (sign-out, deactivation). */
	endSessions(sessionIds: string[]): void;
	/** Stops the channel; the HTTP server stays open (its owner closes it). */
	close(): Promise<void>;
};

const RATE = { perSecond: 20, burst: 20 };
/** Refused events within FLOOD_WINDOW_MS after which a socket is disconnected. */
const FLOOD_LIMIT = 100;
const FLOOD_WINDOW_MS = 10_000;
const MAX_MEETINGS_PER_SOCKET = 10;
const STEERING_ROLES: readonly Role[] = ['care_coordinator', 'gp'];

const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

const MeetingRef = z.object({ meetingId: z.uuid() });
const ItemRef = MeetingRef.extend({ itemId: z.string().min(1).max(100) });
const TimerCommand = ItemRef.extend({ action: z.enum(['start', 'stop']) });
const HandCommand = MeetingRef.extend({ raised: z.boolean() });

const liveColumns = {
	id: meeting.id,
	chairId: meeting.chairId,
	currentItemId: meeting.currentItemId,
	timerItemId: meeting.timerItemId,
	timerStartedAt: meeting.timerStartedAt,
	timerElapsedMs: meeting.timerElapsedMs
};
type LiveRow = {
	id: string;
	chairId: string | null;
	currentItemId: string | null;
	timerItemId: string | null;
	timerStartedAt: Date | null;
	timerElapsedMs: number;
};

function stateOf(row: LiveRow): MeetingState {
	return {
		meetingId: row.id,
		currentItemId: row.currentItemId,
		timer: {
			itemId: row.timerItemId,
			startedAt: row.timerStartedAt?.toISOString() ?? null,
			elapsedMs: row.timerElapsedMs
		}
	};
}

function log(message: string, error?: unknown): void {
	const detail = error instanceof Error ? error.message : error === undefined ? '' : String(error);
	console.error(`[meeting-channel] ${message}${detail ? `: ${detail}` : ''}`);
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

function normaliseOrigin(origin: string): string | undefined {
	try {
		return new URL(origin).origin;
	} catch {
		return undefined;
	}
}

/**
 * Cross-site WebSocket hijacking guard. Browsers send Origin on every WebSocket handshake and
 * cross-origin request, so a request without one is not a cross-site browser request.
 */
function originAllowed(request: IncomingMessage, allowed: Set<string> | undefined): boolean {
	const origin = request.headers.origin;
	if (!origin) return true;
	const normalised = normaliseOrigin(origin);
	if (!normalised) return false;
	if (allowed) return allowed.has(normalised);
	return new URL(normalised).host === request.headers.host;
}

/** A token bucket: `burst` events at once, refilled at `perSecond`. */
class TokenBucket {
	#tokens: number;
	#refilledAt = Date.now();

	constructor(
		readonly burst: number,
		readonly perSecond: number
	) {
		this.#tokens = burst;
	}

	take(): boolean {
		const now = Date.now();
		this.#tokens = Math.min(
			this.burst,
			this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond
		);
		this.#refilledAt = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}

/**
 * Attaches the meeting channel to an HTTP server at /socket.io. Other upgrade paths on the same
 * server are left alone (`destroyUpgrade: false`) for the collaboration router.
 */
export function attachMeetingChannel(
	server: HttpServer,
	options: MeetingChannelOptions
): MeetingChannel {
	const { db } = options;
	const allowed = options.allowedOrigins
		? new Set(options.allowedOrigins.map((o) => normaliseOrigin(o) ?? o))
		: undefined;
	const io: ChannelServer = new Server(server, {
		path: '/socket.io',
		serveClient: false,
		destroyUpgrade: false,
		maxHttpBufferSize: 64 * 1024,
		// Long-polling from another allowed origin (the dev server) needs CORS with cookies.
		...(options.allowedOrigins
			? { cors: { origin: options.allowedOrigins, credentials: true } }
			: {})
	});
	if (options.redis) {
		const { pub, sub, key } = options.redis;
		io.adapter(createAdapter(pub, sub, key ? { key } : {}));
	}

	let closed = false;
	/** Handler chains still running; close() waits for them (attendance writes). */
	const pending = new Set<Promise<void>>();

	io.use(async (socket, next) => {
		try {
			if (closed) return next(new Error('shutting down'));
			const request = socket.request;
			if (!originAllowed(request, allowed)) return next(new Error('forbidden origin'));
			const token = readCookie(request.headers.cookie, SESSION_COOKIE);
			const valid = token ? await validateSessionToken(db, token) : null;
			if (!valid) return next(new Error('unauthorised'));
			socket.data.user = valid.user;
			socket.data.sessionId = valid.session.id;
			socket.data.meetings = {};
			next();
		} catch (error) {
			log('authentication failed', error);
			next(new Error('unavailable'));
		}
	});

	async function readMeeting(meetingId: string, organisationId: string) {
		const [row] = await db
			.select(liveColumns)
			.from(meeting)
			.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, organisationId)));
		return row as LiveRow | undefined;
	}

	/** One entry per user (several tabs are one person), read from every process's sockets. */
	async function presenceOf(meetingId: string): Promise<PresenceEntry[]> {
		const sockets = await io.in(meetingRoom(meetingId)).fetchSockets();
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

	async function broadcastPresence(meetingId: string): Promise<PresenceEntry[]> {
		const presence = await presenceOf(meetingId);
		io.to(meetingRoom(meetingId)).emit('meeting:presence', { meetingId, presence });
		return presence;
	}

	function broadcastState(row: LiveRow): MeetingState {
		const state = stateOf(row);
		io.to(meetingRoom(row.id)).emit('meeting:state', state);
		return state;
	}

	/** The checks before steering a meeting: a participant, not an observer, and the chair. */
	async function steerable(
		socket: ChannelSocket,
		meetingId: string
	): Promise<{ ok: false; error: string } | { ok: true; row: LiveRow }> {
		const { user } = socket.data;
		if (user.role === 'observer') return { ok: false, error: 'read only' };
		if (!socket.data.meetings[meetingId]) return { ok: false, error: 'not joined' };
		const row = await readMeeting(meetingId, user.organisationId);
		if (!row) return { ok: false, error: 'not found' };
		const chair = row.chairId ? row.chairId === user.id : STEERING_ROLES.includes(user.role);
		return chair ? { ok: true, row } : { ok: false, error: 'forbidden' };
	}

	async function join(socket: ChannelSocket, { meetingId }: z.infer<typeof MeetingRef>) {
		const { user, meetings } = socket.data;
		const row = await readMeeting(meetingId, user.organisationId);
		if (!row) return { ok: false, error: 'not found' } as const;
		if (!meetings[meetingId]) {
			if (Object.keys(meetings).length >= MAX_MEETINGS_PER_SOCKET) {
				return { ok: false, error: 'too many meetings' } as const;
			}
			const [attendance] = await db
				.insert(meetingAttendance)
				.values({ organisationId: user.organisationId, meetingId, userId: user.id })
				.returning({ id: meetingAttendance.id, joinedAt: meetingAttendance.joinedAt });
			if (!socket.connected) {
				// Gone while we were writing: joining the room now would leave a ghost in presence.
				await db
					.update(meetingAttendance)
					.set({ leftAt: new Date() })
					.where(eq(meetingAttendance.id, attendance.id));
				return { ok: false, error: 'disconnected' } as const;
			}
			meetings[meetingId] = {
				attendanceId: attendance.id,
				since: attendance.joinedAt.toISOString(),
				handRaised: false,
				handChangedAt: 0
			};
			await socket.join(meetingRoom(meetingId));
			const presence = await broadcastPresence(meetingId);
			return { ok: true, state: stateOf(row), presence } as const;
		}
		return { ok: true, state: stateOf(row), presence: await presenceOf(meetingId) } as const;
	}

	async function leave(socket: ChannelSocket, { meetingId }: z.infer<typeof MeetingRef>) {
		const joined = socket.data.meetings[meetingId];
		if (!joined) return { ok: true } as const;
		delete socket.data.meetings[meetingId];
		await socket.leave(meetingRoom(meetingId));
		await db
			.update(meetingAttendance)
			.set({ leftAt: new Date() })
			.where(eq(meetingAttendance.id, joined.attendanceId));
		await broadcastPresence(meetingId);
		return { ok: true } as const;
	}

	async function setCurrentItem(socket: ChannelSocket, command: z.infer<typeof ItemRef>) {
		const check = await steerable(socket, command.meetingId);
		if (!check.ok) return check;
		const [row] = await db
			.update(meeting)
			.set({ currentItemId: command.itemId })
			.where(eq(meeting.id, check.row.id))
			.returning(liveColumns);
		return { ok: true, state: broadcastState(row as LiveRow) } as const;
	}

	// Both timer commands are single UPDATEs on the database clock, so that two processes (or two
	// tabs of the chair) cannot lose or double-count running time.
	function startTimer(meetingId: string, itemId: string) {
		const sameItem = sql`${meeting.timerItemId} = ${itemId}`;
		return db
			.update(meeting)
			.set({
				timerItemId: itemId,
				timerStartedAt: sql`case when ${sameItem} and ${meeting.timerStartedAt} is not null
					then ${meeting.timerStartedAt} else now() end`,
				// A different item starts from zero.
				timerElapsedMs: sql`case when ${sameItem} then ${meeting.timerElapsedMs} else 0 end`
			})
			.where(eq(meeting.id, meetingId))
			.returning(liveColumns);
	}

	function stopTimer(meetingId: string, itemId: string) {
		const running = sql`extract(epoch from (now() - ${meeting.timerStartedAt})) * 1000`;
		return db
			.update(meeting)
			.set({
				timerElapsedMs: sql`${meeting.timerElapsedMs} + greatest(0, (${running})::integer)`,
				timerStartedAt: null
			})
			.where(
				and(
					eq(meeting.id, meetingId),
					eq(meeting.timerItemId, itemId),
					isNotNull(meeting.timerStartedAt)
				)
			)
			.returning(liveColumns);
	}

	async function timer(socket: ChannelSocket, command: z.infer<typeof TimerCommand>) {
		const check = await steerable(socket, command.meetingId);
		if (!check.ok) return check;
		const update = command.action === 'start' ? startTimer : stopTimer;
		const [row] = await update(check.row.id, command.itemId);
		// Stopping a timer that is not running changes nothing; everyone still gets the state.
		return { ok: true, state: broadcastState((row as LiveRow | undefined) ?? check.row) } as const;
	}

	async function hand(socket: ChannelSocket, command: z.infer<typeof HandCommand>) {
		if (socket.data.user.role === 'observer') return { ok: false, error: 'read only' } as const;
		const joined = socket.data.meetings[command.meetingId];
		if (!joined) return { ok: false, error: 'not joined' } as const;
		joined.handRaised = command.raised;
		joined.handChangedAt = Date.now();
		return { ok: true, presence: await broadcastPresence(command.meetingId) } as const;
	}

	async function disconnected(socket: ChannelSocket) {
		const meetingIds = Object.keys(socket.data.meetings ?? {});
		if (meetingIds.length === 0) return;
		const attendanceIds = meetingIds.map((id) => socket.data.meetings[id].attendanceId);
		socket.data.meetings = {};
		await db
			.update(meetingAttendance)
			.set({ leftAt: new Date() })
			.where(inArray(meetingAttendance.id, attendanceIds));
		// The socket has already left its rooms, so presence no longer includes it.
		await Promise.all(meetingIds.map((id) => broadcastPresence(id)));
	}

	io.on('connection', (socket) => {
		const { user, sessionId } = socket.data;
		void socket.join([userRoom(user.id), sessionRoom(sessionId)]);

		// One client's events are handled in the order sent (a join before the hand that follows
		// it), and a disconnect is handled after them.
		let queue = Promise.resolve();
		const serially = (task: () => Promise<void>) => {
			const next = queue.then(task).catch((error) => log('handler failed', error));
			queue = next;
			pending.add(next);
			void next.finally(() => pending.delete(next));
		};

		const bucket = new TokenBucket(RATE.burst, RATE.perSecond);
		let refused = 0;
		let refusingSince = 0;
		socket.use(([, ...args], next) => {
			if (bucket.take()) return next();
			const ack = args.at(-1);
			if (typeof ack === 'function') ack({ ok: false, error: 'rate limited' });
			const now = Date.now();
			if (now - refusingSince > FLOOD_WINDOW_MS) {
				refused = 0;
				refusingSince = now;
			}
			if (++refused > FLOOD_LIMIT && socket.connected) {
				log(`disconnecting a flooding socket of user ${user.id}`);
				socket.disconnect(true);
			}
		});

		function handle<T>(
			event: keyof ClientToServerEvents,
			schema: z.ZodType<T>,
			run: (socket: ChannelSocket, payload: T) => Promise<Answer>
		) {
			socket.on(event, (...args: unknown[]) => {
				const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
				const parsed = schema.safeParse(args[0]);
				if (!parsed.success) {
					const issue = parsed.error.issues[0];
					const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
					ack?.({ ok: false, error: `invalid payload: ${where}${issue?.message ?? 'invalid'}` });
					return;
				}
				serially(async () => {
					let answer: Answer;
					try {
						answer = await run(socket, parsed.data);
					} catch (error) {
						log(`${event} failed`, error);
						answer = { ok: false, error: 'server error' };
					}
					try {
						ack?.(answer);
					} catch (error) {
						log(`${event} acknowledgement failed`, error);
					}
				});
			});
		}

		handle('meeting:join', MeetingRef, join);
		handle('meeting:leave', MeetingRef, leave);
		handle('meeting:current-item', ItemRef, setCurrentItem);
		handle('meeting:timer', TimerCommand, timer);
		handle('meeting:hand', HandCommand, hand);

		socket.on('disconnect', () => {
			serially(async () => {
				try {
					await disconnected(socket);
				} catch (error) {
					log('recording a disconnect failed', error);
				}
			});
		});
	});

	return {
		io,
		notifyAction({ kind, meetingId, assigneeId, action }) {
			try {
				const event = { kind, action };
				if (meetingId) io.to(meetingRoom(meetingId)).emit('action:changed', event);
				if (kind === 'created' || kind === 'assigned') {
					io.to(userRoom(assigneeId)).emit('action:assigned', event);
				}
			} catch (error) {
				log('notifyAction failed', error);
			}
		},
		endSessions(sessionIds) {
			// io.in([]) would mean every socket.
			if (sessionIds.length === 0) return;
			try {
				io.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
			} catch (error) {
				log('endSessions failed', error);
			}
		},
		async close() {
			if (closed) return;
			closed = true;
			// Not io.close(): that would also close the HTTP server, which belongs to the caller.
			io.local.disconnectSockets(true);
			await Promise.allSettled([...pending]);
			io.engine.close();
			try {
				await io.of('/').adapter.close();
			} catch (error) {
				log('closing the adapter failed', error);
			}
		}
	};
}

/**
 * The socket.io channel of a live MDT meeting room. It only transports: it checks who is
 * connecting (server/handshake.ts), validates each event against the contract
 * (src/lib/domain/meeting-channel.ts), asks the meeting-room service (src/lib/server/meeting-room.ts)
 * to record or refuse it, and broadcasts the result. Presence (who is in the room, raised hands)
 * lives in `socket.data`, which every process can read through the Redis adapter.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import {
	MEETING_CHANNEL_PATH,
	type ActionNotice,
	type Answer,
	type ClientEventName,
	type ClientPayload,
	type ClientToServerEvents,
	type MeetingEnded,
	type MeetingState,
	type ServerToClientEvents
} from '../src/lib/domain/meeting-channel';
import { CLIENT_EVENTS } from '../src/lib/domain/meeting-channel-payloads';
import { isReadOnly } from '../src/lib/domain/roles';
import type { Db } from '../src/lib/server/db';
import * as room from '../src/lib/server/meeting-room';
import { realtime } from '../src/lib/server/realtime-bridge';
import type { AddressOptions, ConnectionLimiter } from './connection-limiter';
import { authenticate } from './handshake';
import { MeetingAccess } from './meeting-access';
import { RoomPresence, type SocketData } from './meeting-presence';
import { connectionsForLibrary } from './redis-connections';
import { TokenBucket } from './token-bucket';

export type MeetingChannelOptions = {
	db: Db;
	/** Origins allowed to connect (the app's own origin); undefined = same host only. */
	allowedOrigins?: string[];
	/**
	 * With Redis, several server processes share rooms through @socket.io/redis-adapter, on
	 * connections of its own copied from these (the caller keeps and closes `pub` and `sub`).
	 * `key` prefixes the Redis channels (default 'socket.io'); every process must use the same.
	 */
	redis?: { pub: Redis; sub: Redis; key?: string };
	/** Events a socket may send: `burst` at once, refilled at `perSecond`. */
	rate?: { burst: number; perSecond: number };
	/** The caps per session and per address, shared with /collab (server/realtime.ts). */
	limiter?: ConnectionLimiter;
	address?: AddressOptions;
	/**
	 * socket.io pings every `heartbeatMs` and drops a client that has not answered within as long
	 * again, as /collab does (socket.io's own defaults are 25 s and 20 s).
	 */
	heartbeatMs?: number;
};

export type MeetingChannel = {
	io: ChannelServer;
	/** Called by the actions service after an action is created, updated or reassigned. */
	notifyAction(event: ActionNotice): void;
	/** Called once a meeting has ended: everyone in its room is told. */
	notifyMeetingEnded(event: MeetingEnded): void;
	/** Disconnects every socket of a session that has ended (sign-out, deactivation). */
	endSessions(sessionIds: string[]): void;
	/** Reads these users' sessions and roles again on this process's sockets (access changes). */
	recheckUsers(userIds: readonly string[]): void;
	/** Stops the channel; the HTTP server stays open (its owner closes it). */
	close(): Promise<void>;
};

export type { SocketData };

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
type Handlers = {
	[E in ClientEventName]: (socket: ChannelSocket, payload: ClientPayload<E>) => Promise<Answer<E>>;
};

const RATE = { burst: 20, perSecond: 20 };
/** Refused events within FLOOD_WINDOW_MS after which a socket is disconnected. */
const FLOOD_LIMIT = 100;
const FLOOD_WINDOW_MS = 10_000;
const MAX_MEETINGS_PER_SOCKET = 10;

// socket.io rooms (not documents): everyone in a meeting, each user's tabs, each session's sockets.
const meetingRoom = (meetingId: string) => `room:meeting:${meetingId}`;
const userRoom = (userId: string) => `room:user:${userId}`;
const sessionRoom = (sessionId: string) => `room:session:${sessionId}`;

function log(message: string, error?: unknown): void {
	const detail = error instanceof Error ? error.message : error === undefined ? '' : String(error);
	console.error(`[meeting-channel] ${message}${detail ? `: ${detail}` : ''}`);
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
	const io: ChannelServer = new Server(server, {
		path: MEETING_CHANNEL_PATH,
		serveClient: false,
		destroyUpgrade: false,
		maxHttpBufferSize: 64 * 1024,
		...(options.heartbeatMs
			? { pingInterval: options.heartbeatMs, pingTimeout: options.heartbeatMs }
			: {}),
		// Long-polling from another allowed origin (the dev server) needs CORS with cookies.
		...(options.allowedOrigins
			? { cors: { origin: options.allowedOrigins, credentials: true } }
			: {})
	});
	// Connections of the adapter's own, made safe for it (see connectionsForLibrary).
	const adapterRedis = options.redis && connectionsForLibrary(options.redis, 'meeting channel');
	if (adapterRedis) {
		const key = options.redis?.key;
		io.adapter(createAdapter(adapterRedis.pub, adapterRedis.sub, key ? { key } : {}));
	}

	let closed = false;
	/** Handler chains still running; close() waits for them (attendance writes). */
	const pending = new Set<Promise<void>>();
	/** Who is in each room: presence, and the attendance recorded as the last tab leaves. */
	const presence = new RoomPresence(
		db,
		(meetingId) => io.in(meetingRoom(meetingId)).fetchSockets(),
		(meetingId, entries) =>
			io.to(meetingRoom(meetingId)).emit('meeting:presence', { meetingId, presence: entries })
	);
	const access = new MeetingAccess(db, (meetingId) => presence.broadcast(meetingId));

	io.use(async (socket, next) => {
		try {
			if (closed) return next(new Error('shutting down'));
			const handshake = await authenticate(socket.request, options);
			if (!handshake.ok) {
				const why = { 401: 'unauthorised', 403: 'forbidden origin', 429: 'too many connections' };
				return next(new Error(why[handshake.status]));
			}
			// The places are given back when the socket goes, or its transport (if it never connects).
			if (socket.conn.readyState !== 'open') handshake.release();
			socket.conn.once('close', handshake.release);
			socket.once('disconnect', handshake.release);
			socket.data.user = handshake.user;
			socket.data.sessionId = handshake.sessionId;
			socket.data.meetings = {};
			access.admit(socket, handshake.token);
			next();
		} catch (error) {
			log('authentication failed', error);
			next(new Error('unavailable'));
		}
	});

	function broadcastState(state: MeetingState): MeetingState {
		io.to(meetingRoom(state.meetingId)).emit('meeting:state', state);
		return state;
	}

	/** Steering goes through the service, for a socket that has joined the meeting. */
	async function steer(
		socket: ChannelSocket,
		meetingId: string,
		run: () => Promise<room.Steered>
	): Promise<room.Steered> {
		if (!socket.data.meetings[meetingId]) return { ok: false, error: 'not joined' };
		if (!(await access.refresh(socket))) return { ok: false, error: 'disconnected' };
		const result = await run();
		return result.ok ? { ok: true, state: broadcastState(result.state) } : result;
	}

	const handlers: Handlers = {
		async 'meeting:join'(socket, { meetingId }) {
			const { user, meetings } = socket.data;
			if (meetings[meetingId]) {
				const live = await room.readLiveMeeting(db, user, meetingId);
				if (!live) return { ok: false, error: 'not found' };
				return { ok: true, state: room.stateOf(live), presence: await presence.of(meetingId) };
			}
			if (Object.keys(meetings).length >= MAX_MEETINGS_PER_SOCKET) {
				return { ok: false, error: 'too many meetings' };
			}
			const first = await room.recordJoin(db, user, meetingId);
			if (!first) return { ok: false, error: 'not found' };
			meetings[meetingId] = {
				since: first.joinedAt.toISOString(),
				handRaised: false,
				handChangedAt: 0
			};
			await socket.join(meetingRoom(meetingId));
			// Not started when the join was read: look again now that this socket is in the room,
			// since a Start meeting committed in between did not find it there (room.startMeeting).
			const joined =
				first.live.status === 'scheduled'
					? ((await room.recordJoin(db, user, meetingId)) ?? first)
					: first;
			meetings[meetingId].since = joined.joinedAt.toISOString();
			if (!socket.connected) {
				// Gone while we were writing: out of the room again, so no ghost in presence.
				delete meetings[meetingId];
				await socket.leave(meetingRoom(meetingId));
				await presence.left(user, meetingId);
				return { ok: false, error: 'disconnected' };
			}
			return {
				ok: true,
				state: room.stateOf(joined.live),
				presence: await presence.broadcast(meetingId)
			};
		},

		async 'meeting:leave'(socket, { meetingId }) {
			const joined = socket.data.meetings[meetingId];
			if (!joined) return { ok: true };
			delete socket.data.meetings[meetingId];
			await socket.leave(meetingRoom(meetingId));
			await presence.left(socket.data.user, meetingId);
			return { ok: true };
		},

		'meeting:start': (socket, { meetingId }) =>
			steer(socket, meetingId, () =>
				room.startMeeting(db, realtime(), socket.data.user, meetingId, async () =>
					(await presence.of(meetingId)).map((entry) => entry.userId)
				)
			),

		'meeting:current-item': (socket, { meetingId, itemId }) =>
			steer(socket, meetingId, () =>
				room.setCurrentItem(db, realtime(), socket.data.user, meetingId, itemId)
			),

		'meeting:timer': (socket, { meetingId, itemId, action }) =>
			steer(socket, meetingId, () =>
				room.runTimer(db, realtime(), socket.data.user, meetingId, itemId, action)
			),

		async 'meeting:hand'(socket, { meetingId, raised }) {
			if (!(await access.refresh(socket))) return { ok: false, error: 'disconnected' };
			if (isReadOnly(socket.data.user.role)) return { ok: false, error: 'read only' };
			const joined = socket.data.meetings[meetingId];
			if (!joined) return { ok: false, error: 'not joined' };
			joined.handRaised = raised;
			joined.handChangedAt = Date.now();
			return { ok: true, presence: await presence.broadcast(meetingId) };
		}
	};

	async function disconnected(socket: ChannelSocket) {
		const joined = Object.keys(socket.data.meetings ?? {});
		socket.data.meetings = {};
		// The socket has already left its rooms, so presence no longer includes it.
		await Promise.all(joined.map((id) => presence.left(socket.data.user, id)));
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
		access.connected(socket, serially);

		const bucket = new TokenBucket(options.rate ?? RATE);
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

		for (const event of Object.keys(CLIENT_EVENTS) as ClientEventName[]) {
			socket.on(event, (...args: unknown[]) => {
				const ack = typeof args.at(-1) === 'function' ? (args.pop() as Ack) : undefined;
				const parsed = CLIENT_EVENTS[event].safeParse(args[0]);
				if (!parsed.success) {
					const issue = parsed.error.issues[0];
					const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
					ack?.({ ok: false, error: `invalid payload: ${where}${issue?.message ?? 'invalid'}` });
					return;
				}
				serially(async () => {
					let answer: Answer<ClientEventName>;
					try {
						const handler = handlers[event] as (
							s: ChannelSocket,
							p: unknown
						) => Promise<Answer<ClientEventName>>;
						answer = await handler(socket, parsed.data);
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
		notifyAction({ kind, meetingId, assigneeId, previousAssigneeId, action }) {
			try {
				const event = { kind, action };
				// The one who had it hears too, wherever they are: their banner must follow it.
				const rooms = [
					...(meetingId ? [meetingRoom(meetingId)] : []),
					...(previousAssigneeId ? [userRoom(previousAssigneeId)] : [])
				];
				if (rooms.length > 0) io.to(rooms).emit('action:changed', event);
				if (kind === 'created' || kind === 'assigned') {
					io.to(userRoom(assigneeId)).emit('action:assigned', event);
				}
			} catch (error) {
				log('notifyAction failed', error);
			}
		},
		notifyMeetingEnded(event) {
			try {
				io.to(meetingRoom(event.meetingId)).emit('meeting:ended', event);
			} catch (error) {
				log('notifyMeetingEnded failed', error);
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
		recheckUsers: (userIds) => access.recheckUsers(io.of('/').sockets.values(), userIds),
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
			adapterRedis?.close();
		}
	};
}

type Ack = (answer: Answer<ClientEventName>) => void;

export type { MeetingState, PresenceEntry } from '../src/lib/domain/meeting-channel';

/**
 * Fixtures for the tests of the meeting channel: a real server with the channel attached, real
 * socket.io clients with session cookies, and the meetings and attendance they act on.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
	attachMeetingChannel,
	type MeetingChannel,
	type MeetingChannelOptions,
	type MeetingState,
	type PresenceEntry
} from '../../server/meeting-channel';
import { SESSION_COOKIE } from '../../src/lib/server/auth';
import { schema, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { signedInAs } from './fixtures';
import { EVENT_TIMEOUT_MS } from './wait';
import { ensureSeries } from '../../src/lib/server/meeting-series';

export type { MeetingState, PresenceEntry };
export type Presence = { meetingId: string; presence: PresenceEntry[] };
export type Answer = {
	ok: boolean;
	error?: string;
	state?: MeetingState;
	presence?: PresenceEntry[];
};

export type RunningChannel = { server: HttpServer; channel: MeetingChannel; url: string };

/** A real server: an HTTP server on a free port with the meeting channel attached. */
export async function startMeetingChannel(options: MeetingChannelOptions): Promise<RunningChannel> {
	const server = createServer();
	const channel = attachMeetingChannel(server, options);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { server, channel, url };
}

export async function stopMeetingChannel({ server, channel }: RunningChannel) {
	await channel.close();
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

const clients = new Set<Socket>();

/** Disconnects every client the tests opened. */
export function disconnectClients() {
	for (const socket of clients) socket.disconnect();
	clients.clear();
}

/** A socket.io client presenting the session cookie (if any), as a browser tab would. */
export function client(url: string, token?: string, headers: Record<string, string> = {}): Socket {
	const socket = connectClient(url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: token ? { cookie: `${SESSION_COOKIE}=${token}`, ...headers } : headers,
		forceNew: true,
		reconnection: false
	});
	clients.add(socket);
	return socket;
}

/** The next `event` on `socket` (that satisfies `matches`); rejects if it never comes. */
export function once<T>(
	socket: Socket,
	event: string,
	matches: (value: T) => boolean = () => true
) {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener);
			reject(new Error(`timed out waiting for ${event}`));
		}, EVENT_TIMEOUT_MS);
		function listener(value: T) {
			if (!matches(value)) return;
			clearTimeout(timer);
			socket.off(event, listener);
			resolve(value);
		}
		socket.on(event, listener);
	});
}

export async function connected(url: string, token: string): Promise<Socket> {
	const socket = client(url, token);
	await Promise.race([
		once(socket, 'connect'),
		once<Error>(socket, 'connect_error').then((error) => Promise.reject(error))
	]);
	return socket;
}

/** Emits `event` and resolves with the server's answer. */
export function send(socket: Socket, event: string, payload?: unknown): Promise<Answer> {
	return socket.timeout(EVENT_TIMEOUT_MS).emitWithAck(event, payload);
}

export const hasUsers =
	(...names: string[]) =>
	(event: Presence) =>
		names.every((name) => event.presence.some((entry) => entry.name === name));

export async function userId(db: Db, email: string): Promise<string> {
	const [row] = await db.select().from(schema.user).where(eq(schema.user.email, email));
	return row.id;
}

/** The agenda items of a test meeting, in order: the room steers only to items on its agenda. */
export const AGENDA = ['item-1', 'item-2', 'item-3'];

/** Puts AGENDA on the meeting's agenda (as the document's projection would). */
export async function withAgenda(db: Db, organisationId: string, meetingId: string) {
	await db
		.insert(schema.agendaItem)
		.values(AGENDA.map((id, position) => ({ meetingId, id, organisationId, position })));
}

/** A fresh Riverside meeting with AGENDA, so that rooms and attendance never overlap. */
export async function newMeeting(
	db: Db,
	chair: string | null = 'gp@riverside.test'
): Promise<string> {
	const [pcn] = await db
		.select()
		.from(schema.organisation)
		.where(eq(schema.organisation.odsCode, 'U99901'));
	const [row] = await db
		.insert(schema.meeting)
		.values({
			organisationId: pcn.id,
			seriesId: await ensureSeries(db, pcn.id, 'Riverside MDT'),
			title: 'Riverside MDT',
			startsAt: new Date(),
			chairId: chair ? await userId(db, chair) : null
		})
		.returning({ id: schema.meeting.id });
	await withAgenda(db, pcn.id, row.id);
	return row.id;
}

/**
 * A fresh Riverside meeting with AGENDA, already in progress (as if its chair had started it
 * before anyone joined): attendance is recorded only while a meeting is in progress.
 */
export async function meetingInProgress(
	db: Db,
	chair: string | null = 'gp@riverside.test'
): Promise<string> {
	const meetingId = await newMeeting(db, chair);
	await db
		.update(schema.meeting)
		.set({ status: 'in_progress', startedAt: new Date() })
		.where(eq(schema.meeting.id, meetingId));
	return meetingId;
}

/** The meeting's row: its status and when it started. */
export async function meetingRow(db: Db, meetingId: string) {
	const [row] = await db.select().from(schema.meeting).where(eq(schema.meeting.id, meetingId));
	return row;
}

export async function attendance(db: Db, meetingId: string, email: string) {
	return db
		.select()
		.from(schema.meetingAttendance)
		.where(
			and(
				eq(schema.meetingAttendance.meetingId, meetingId),
				eq(schema.meetingAttendance.userId, await userId(db, email))
			)
		);
}

/**
 * The seeded demo and one server with the meeting channel; clients are disconnected after each
 * test. Call inside `describeEachDatabase`.
 */
export function meetingChannelDemo(db: () => Db, options: Omit<MeetingChannelOptions, 'db'> = {}) {
	const tokens: Record<string, string> = {};
	const demo = {
		running: undefined as unknown as RunningChannel,
		get url() {
			return demo.running.url;
		},
		/** A connected socket of a demo user; each call is a new tab. */
		async as(email: string): Promise<Socket> {
			tokens[email] ??= (await signedInAs(db(), email)).token;
			return connected(demo.url, tokens[email]);
		}
	};
	beforeAll(async () => {
		await seedDemo(db());
		demo.running = await startMeetingChannel({ ...options, db: db() });
	});
	afterEach(disconnectClients);
	afterAll(async () => {
		disconnectClients();
		await stopMeetingChannel(demo.running);
	});
	return demo;
}

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { describeEachDatabase, signedInAs } from './fixtures';

const REDIS_URL = process.env.TEST_REDIS_URL;
const TIMEOUT_MS = 5000;

type Presence = { meetingId: string; presence: PresenceEntry[] };
type Answer = { ok: boolean; error?: string; state?: MeetingState; presence?: PresenceEntry[] };

/** A real server: an HTTP server on a free port with the meeting channel attached. */
async function startServer(options: MeetingChannelOptions) {
	const server = createServer();
	const channel = attachMeetingChannel(server, options);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return { server, channel, url };
}

async function stopServer({ server, channel }: { server: HttpServer; channel: MeetingChannel }) {
	await channel.close();
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

const clients = new Set<Socket>();

function client(url: string, token?: string, headers: Record<string, string> = {}): Socket {
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

/** The next `event` on `socket` (that satisfies `matches`), or a rejection after a timeout. */
function once<T>(socket: Socket, event: string, matches: (value: T) => boolean = () => true) {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener);
			reject(new Error(`timed out waiting for ${event}`));
		}, TIMEOUT_MS);
		function listener(value: T) {
			if (!matches(value)) return;
			clearTimeout(timer);
			socket.off(event, listener);
			resolve(value);
		}
		socket.on(event, listener);
	});
}

async function connected(url: string, token: string): Promise<Socket> {
	const socket = client(url, token);
	await Promise.race([
		once(socket, 'connect'),
		once<Error>(socket, 'connect_error').then((error) => Promise.reject(error))
	]);
	return socket;
}

function send(socket: Socket, event: string, payload?: unknown): Promise<Answer> {
	return socket.timeout(TIMEOUT_MS).emitWithAck(event, payload);
}

const hasUsers =
	(...names: string[]) =>
	(event: Presence) =>
		names.every((name) => event.presence.some((entry) => entry.name === name));

async function userId(db: Db, email: string): Promise<string> {
	const [row] = await db.select().from(schema.user).where(eq(schema.user.email, email));
	return row.id;
}

/** A fresh Riverside meeting for each test, so that rooms and attendance never overlap. */
async function newMeeting(db: Db, chair: string | null = 'gp@riverside.test'): Promise<string> {
	const [pcn] = await db
		.select()
		.from(schema.organisation)
		.where(eq(schema.organisation.odsCode, 'U99901'));
	const [row] = await db
		.insert(schema.meeting)
		.values({
			organisationId: pcn.id,
			title: 'Riverside MDT',
			startsAt: new Date(),
			chairId: chair ? await userId(db, chair) : null
		})
		.returning({ id: schema.meeting.id });
	return row.id;
}

async function attendance(db: Db, meetingId: string, email: string) {
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

afterEach(() => {
	for (const socket of clients) socket.disconnect();
	clients.clear();
});

describeEachDatabase('meeting channel', (db) => {
	let running: Awaited<ReturnType<typeof startServer>>;
	let url: string;
	const tokens: Record<string, string> = {};

	/** A connected socket of a demo user; each call is a new tab. */
	async function as(email: string): Promise<Socket> {
		tokens[email] ??= (await signedInAs(db(), email)).token;
		return connected(url, tokens[email]);
	}

	beforeAll(async () => {
		await seedDemo(db());
		running = await startServer({ db: db() });
		url = running.url;
	});

	afterAll(async () => {
		for (const socket of clients) socket.disconnect();
		await stopServer(running);
	});

	it('refuses a connection without a session cookie', async () => {
		const error = await once<Error>(client(url), 'connect_error');
		expect(error.message).toBe('unauthorised');
	});

	it('refuses a connection with a forged session token', async () => {
		const error = await once<Error>(client(url, 'abc.def'), 'connect_error');
		expect(error.message).toBe('unauthorised');
	});

	it('refuses a connection from another origin', async () => {
		const { token } = await signedInAs(db(), 'gp@riverside.test');
		const socket = client(url, token, { origin: 'https://evil.example' });
		const error = await once<Error>(socket, 'connect_error');
		expect(error.message).toBe('forbidden origin');
	});

	it('a member of another PCN cannot join a Riverside meeting', async () => {
		const meetingId = await newMeeting(db());
		const hillside = await as('coordinator@hillside.test');
		expect(await send(hillside, 'meeting:join', { meetingId })).toEqual({
			ok: false,
			error: 'not found'
		});
		expect(await attendance(db(), meetingId, 'coordinator@hillside.test')).toHaveLength(0);
	});

	it('two members who join see each other in presence, with their roles', async () => {
		const meetingId = await newMeeting(db());
		const gp = await as('gp@riverside.test');
		const first = await send(gp, 'meeting:join', { meetingId });
		expect(first.ok).toBe(true);
		expect(first.state).toEqual({
			meetingId,
			currentItemId: null,
			timer: { itemId: null, startedAt: null, elapsedMs: 0 }
		});

		const coordinator = await as('coordinator@riverside.test');
		const gpSees = once<Presence>(gp, 'meeting:presence', hasUsers('Dr Tom Okafor', 'Priya Shah'));
		const second = await send(coordinator, 'meeting:join', { meetingId });
		const expected = [
			expect.objectContaining({ name: 'Dr Tom Okafor', role: 'gp', handRaised: false }),
			expect.objectContaining({ name: 'Priya Shah', role: 'care_coordinator', handRaised: false })
		];
		expect(second.presence).toEqual(expected);
		expect((await gpSees).presence).toEqual(expected);
	});

	it('several tabs of one user are one entry in presence', async () => {
		const meetingId = await newMeeting(db());
		const tab1 = await as('nurse@riverside.test');
		const tab2 = await as('nurse@riverside.test');
		const joined = await send(tab1, 'meeting:join', { meetingId });
		const again = await send(tab2, 'meeting:join', { meetingId });
		expect(again.presence).toHaveLength(1);
		expect(again.presence![0].since).toBe(joined.presence![0].since);
	});

	it('the chair sets the current item and everyone in the room receives it', async () => {
		const meetingId = await newMeeting(db());
		const chair = await as('gp@riverside.test');
		const member = await as('linkworker@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(member, 'meeting:join', { meetingId });

		const received = once<MeetingState>(member, 'meeting:state');
		const answer = await send(chair, 'meeting:current-item', { meetingId, itemId: 'item-2' });
		expect(answer.ok).toBe(true);
		expect((await received).currentItemId).toBe('item-2');
		const [row] = await db().select().from(schema.meeting).where(eq(schema.meeting.id, meetingId));
		expect(row.currentItemId).toBe('item-2');
	});

	it('a member who is not the chair cannot set the current item or the timer', async () => {
		const meetingId = await newMeeting(db());
		const coordinator = await as('coordinator@riverside.test');
		await send(coordinator, 'meeting:join', { meetingId });
		const command = { meetingId, itemId: 'item-1' };
		expect(await send(coordinator, 'meeting:current-item', command)).toEqual({
			ok: false,
			error: 'forbidden'
		});
		expect(await send(coordinator, 'meeting:timer', { ...command, action: 'start' })).toEqual({
			ok: false,
			error: 'forbidden'
		});
	});

	it('without a chair, a care coordinator may steer the meeting', async () => {
		const meetingId = await newMeeting(db(), null);
		const coordinator = await as('coordinator@riverside.test');
		await send(coordinator, 'meeting:join', { meetingId });
		const answer = await send(coordinator, 'meeting:current-item', { meetingId, itemId: 'a' });
		expect(answer.state?.currentItemId).toBe('a');
	});

	it('an observer can watch but not steer the meeting or raise a hand', async () => {
		const meetingId = await newMeeting(db(), null);
		const observer = await as('observer@riverside.test');
		const joined = await send(observer, 'meeting:join', { meetingId });
		expect(joined.ok).toBe(true);
		const readOnly = { ok: false, error: 'read only' };
		const item = { meetingId, itemId: 'item-1' };
		expect(await send(observer, 'meeting:current-item', item)).toEqual(readOnly);
		expect(await send(observer, 'meeting:timer', { ...item, action: 'start' })).toEqual(readOnly);
		expect(await send(observer, 'meeting:hand', { meetingId, raised: true })).toEqual(readOnly);

		const chair = await as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		const received = once<MeetingState>(observer, 'meeting:state');
		await send(chair, 'meeting:current-item', item);
		expect((await received).currentItemId).toBe('item-1');
	});

	it('the timer accumulates elapsed time across start and stop', async () => {
		const meetingId = await newMeeting(db());
		const chair = await as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		// Backdating the start stands in for time passing.
		const backdate = (ms: number) =>
			db()
				.update(schema.meeting)
				.set({ timerStartedAt: new Date(Date.now() - ms) })
				.where(eq(schema.meeting.id, meetingId));
		const timer = (itemId: string, action: 'start' | 'stop') =>
			send(chair, 'meeting:timer', { meetingId, itemId, action });

		const started = await timer('item-1', 'start');
		expect(started.state?.timer).toMatchObject({ itemId: 'item-1', elapsedMs: 0 });
		expect(started.state?.timer.startedAt).not.toBeNull();
		await backdate(5000);
		const stopped = await timer('item-1', 'stop');
		expect(stopped.state?.timer.startedAt).toBeNull();
		expect(stopped.state?.timer.elapsedMs).toBeGreaterThanOrEqual(4990);
		expect(stopped.state?.timer.elapsedMs).toBeLessThan(6000);

		await timer('item-1', 'start');
		await backdate(2000);
		const again = await timer('item-1', 'stop');
		expect(again.state?.timer.elapsedMs).toBeGreaterThanOrEqual(6990);
		expect(again.state?.timer.elapsedMs).toBeLessThan(8000);

		const next = await timer('item-2', 'start');
		expect(next.state?.timer).toMatchObject({ itemId: 'item-2', elapsedMs: 0 });
	});

	it('a raised hand shows in everyone’s presence', async () => {
		const meetingId = await newMeeting(db());
		const chair = await as('gp@riverside.test');
		const pharmacist = await as('pharmacist@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(pharmacist, 'meeting:join', { meetingId });

		const raised = (event: Presence) =>
			event.presence.some((entry) => entry.name === 'Daniel Kowalski' && entry.handRaised);
		const chairSees = once<Presence>(chair, 'meeting:presence', raised);
		expect((await send(pharmacist, 'meeting:hand', { meetingId, raised: true })).ok).toBe(true);
		await chairSees;

		const lowered = once<Presence>(chair, 'meeting:presence', (event) => !raised(event));
		await send(pharmacist, 'meeting:hand', { meetingId, raised: false });
		await lowered;
	});

	it('leaving records leftAt in the attendance list and updates presence', async () => {
		const meetingId = await newMeeting(db());
		const chair = await as('gp@riverside.test');
		const coach = await as('coach@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(coach, 'meeting:join', { meetingId });

		const gone = once<Presence>(chair, 'meeting:presence', (e) => !hasUsers('Sam Whitfield')(e));
		expect(await send(coach, 'meeting:leave', { meetingId })).toEqual({ ok: true });
		await gone;
		const [row] = await attendance(db(), meetingId, 'coach@riverside.test');
		expect(row.joinedAt).toBeInstanceOf(Date);
		expect(row.leftAt).toBeInstanceOf(Date);
	});

	it('disconnecting records leftAt in the attendance list and updates presence', async () => {
		const meetingId = await newMeeting(db());
		const chair = await as('gp@riverside.test');
		const admin = await as('admin@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		await send(admin, 'meeting:join', { meetingId });

		const gone = once<Presence>(chair, 'meeting:presence', (e) => !hasUsers('Claire Donnelly')(e));
		admin.disconnect();
		await gone;
		const [row] = await attendance(db(), meetingId, 'admin@riverside.test');
		expect(row.leftAt).toBeInstanceOf(Date);
	});

	it('a malformed payload gets an error answer and the server keeps serving', async () => {
		const meetingId = await newMeeting(db());
		const socket = await as('gp@riverside.test');
		const bad = await send(socket, 'meeting:join', { meetingId: 'not-a-uuid' });
		expect(bad.ok).toBe(false);
		expect(bad.error).toMatch(/^invalid payload: meetingId/);
		expect((await send(socket, 'meeting:hand', 'nonsense')).ok).toBe(false);
		expect((await send(socket, 'meeting:current-item', { meetingId, itemId: '' })).ok).toBe(false);
		socket.emit('meeting:timer', null); // no acknowledgement at all
		expect((await send(socket, 'meeting:join', { meetingId })).ok).toBe(true);
	});

	it('notifyAction reaches the meeting room and the assignee’s personal room', async () => {
		const meetingId = await newMeeting(db());
		const chair = await as('gp@riverside.test');
		await send(chair, 'meeting:join', { meetingId });
		const assignee = await as('linkworker@riverside.test'); // not in the meeting room
		const assigneeId = await userId(db(), 'linkworker@riverside.test');
		const action = {
			id: crypto.randomUUID(),
			description: 'Refer to the falls prevention group',
			assigneeId,
			dueDate: '2026-06-30',
			priority: 'soon',
			status: 'open',
			patientId: null
		};

		const inRoom = once(chair, 'action:changed');
		const personal = once(assignee, 'action:assigned');
		running.channel.notifyAction({
			kind: 'created',
			meetingId,
			organisationId: 'ignored-here',
			assigneeId,
			action
		});
		expect(await inRoom).toEqual({ kind: 'created', action });
		expect(await personal).toEqual({ kind: 'created', action });
	});

	it('endSessions disconnects every socket of that session, and no other', async () => {
		const ending = await signedInAs(db(), 'nurse@riverside.test');
		const tab1 = await connected(url, ending.token);
		const tab2 = await connected(url, ending.token);
		const other = await as('gp@riverside.test');

		const closed = Promise.all([once(tab1, 'disconnect'), once(tab2, 'disconnect')]);
		running.channel.endSessions([ending.session.id]);
		await closed;
		expect(other.connected).toBe(true);
		expect((await send(other, 'meeting:join', { meetingId: await newMeeting(db()) })).ok).toBe(
			true
		);
	});

	it('a flooding client is rate limited and then disconnected', async () => {
		const socket = await as('coach@riverside.test');
		const answers: Answer[] = [];
		const dropped = once(socket, 'disconnect');
		for (let i = 0; i < 200; i++) {
			socket.emit('meeting:hand', { meetingId: 'x', raised: true }, (a: Answer) => answers.push(a));
		}
		await dropped;
		expect(answers.some((a) => a.error === 'rate limited')).toBe(true);
	});
});

const acrossProcesses = REDIS_URL ? describe : describe.skip;
acrossProcesses(
	`meeting channel across server processes${REDIS_URL ? '' : ' [TEST_REDIS_URL not set]'}`,
	() => {
		describeEachDatabase('over Redis', (db) => {
			// A key of our own, so that other runs on the same Redis never answer our requests.
			const key = `mdt-test-${crypto.randomUUID()}`;
			const redisClients: Redis[] = [];
			let a: Awaited<ReturnType<typeof startServer>>;
			let b: Awaited<ReturnType<typeof startServer>>;

			function redisPair() {
				const pub = new Redis(REDIS_URL!);
				const sub = pub.duplicate();
				redisClients.push(pub, sub);
				return { pub, sub, key };
			}

			async function as(url: string, email: string) {
				return connected(url, (await signedInAs(db(), email)).token);
			}

			beforeAll(async () => {
				await seedDemo(db());
				a = await startServer({ db: db(), redis: redisPair() });
				b = await startServer({ db: db(), redis: redisPair() });
			});

			afterAll(async () => {
				for (const socket of clients) socket.disconnect();
				await Promise.all([a && stopServer(a), b && stopServer(b)]);
				await Promise.all(redisClients.map((redis) => redis.quit()));
			});

			it('a client on server A sees a client on server B in presence', async () => {
				const meetingId = await newMeeting(db());
				const onA = await as(a.url, 'gp@riverside.test');
				await send(onA, 'meeting:join', { meetingId });

				const onB = await as(b.url, 'coordinator@riverside.test');
				const aSees = once<Presence>(onA, 'meeting:presence', hasUsers('Priya Shah'));
				const joined = await send(onB, 'meeting:join', { meetingId });
				expect(joined.presence?.map((entry) => entry.name)).toEqual([
					'Dr Tom Okafor',
					'Priya Shah'
				]);
				expect((await aSees).presence).toHaveLength(2);
			});

			it('the chair on server A sets the current item and a client on server B receives it', async () => {
				const meetingId = await newMeeting(db());
				const chair = await as(a.url, 'gp@riverside.test');
				const member = await as(b.url, 'nurse@riverside.test');
				await send(chair, 'meeting:join', { meetingId });
				await send(member, 'meeting:join', { meetingId });

				const received = once<MeetingState>(member, 'meeting:state');
				await send(chair, 'meeting:current-item', { meetingId, itemId: 'item-3' });
				expect((await received).currentItemId).toBe('item-3');
			});

			it('endSessions on server A disconnects the session’s socket on server B', async () => {
				const ending = await signedInAs(db(), 'pharmacist@riverside.test');
				const onB = await connected(b.url, ending.token);
				const closed = once(onB, 'disconnect');
				a.channel.endSessions([ending.session.id]);
				await closed;
			});
		});
	}
);

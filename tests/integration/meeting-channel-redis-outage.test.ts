/**
 * The meeting channel across processes when Redis is away: a process started, or broadcasting,
 * while Redis cannot be reached neither crashes (no unhandled rejection from the socket.io Redis
 * adapter) nor stays cut off from the others once Redis is back. Starts a redis-server of its
 * own and stops it; the shared one is never touched.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { signedInAs } from './fixtures';
import {
	connected,
	disconnectClients,
	newMeeting,
	once,
	send,
	startMeetingChannel,
	stopMeetingChannel,
	type RunningChannel
} from './meeting-channel-fixtures';
import { startOwnRedis, type OwnRedis } from './own-services';
import { eventually, LONG_TEST_TIMEOUT_MS } from './wait';

describe('meeting channel processes started while Redis is away', () => {
	let redis: OwnRedis | null = null;
	let database: Database;
	const redisClients: Redis[] = [];
	const channels: RunningChannel[] = [];
	const unhandled: unknown[] = [];
	const recordUnhandled = (reason: unknown) => unhandled.push(reason);

	beforeAll(async () => {
		redis = await startOwnRedis();
		database = await openDatabase();
		await seedDemo(database.db);
		process.on('unhandledRejection', recordUnhandled);
	}, LONG_TEST_TIMEOUT_MS);
	afterAll(async () => {
		process.off('unhandledRejection', recordUnhandled);
		disconnectClients();
		await Promise.all(channels.map(stopMeetingChannel));
		for (const client of redisClients) client.disconnect();
		await redis?.destroy();
		await database?.close();
	});

	/** The caller's own connections, as server/realtime.ts makes them. */
	function redisPair(url: string) {
		const pub = new Redis(url);
		const sub = pub.duplicate();
		for (const client of [pub, sub]) {
			client.on('error', () => {});
			redisClients.push(client);
		}
		return { pub, sub, key: `mdt-test-${crypto.randomUUID()}` };
	}

	it(
		'neither crashes while Redis is away, and both share rooms once it is back',
		async (context) => {
			if (!redis) return context.skip();
			await redis.stop();
			const pair = redisPair(redis.url);
			const key = pair.key;
			const a = await startMeetingChannel({ db: database.db, redis: pair });
			const b = await startMeetingChannel({
				db: database.db,
				redis: { ...redisPair(redis.url), key }
			});
			channels.push(a, b);

			// A broadcast while Redis is away: the adapter's PUBLISH fails after its retries. By
			// then its SUBSCRIBEs, sent at the same moment on a connection retrying on the same
			// schedule, have waited as long.
			const logged = vi.spyOn(console, 'error');
			const meetingId = await newMeeting(database.db);
			a.channel.notifyMeetingEnded({ meetingId, endedAt: new Date().toISOString() });
			await eventually(async () =>
				logged.mock.calls.some((call) => String(call[0]).includes('publish failed'))
			);
			logged.mockRestore();
			expect(unhandled).toEqual([]);

			await redis.start();
			const token = async (email: string) => (await signedInAs(database.db, email)).token;
			const onA = await connected(a.url, await token('gp@riverside.test'));
			const onB = await connected(b.url, await token('nurse@riverside.test'));
			await send(onA, 'meeting:join', { meetingId });
			// Presence is read from every process: B's request reaches A, A's answer reaches B.
			const joined = await eventually(async () => {
				const answer = await send(onB, 'meeting:join', { meetingId });
				return answer.presence?.length === 2 && answer;
			});
			expect(joined.presence?.map((entry) => entry.name).sort()).toEqual([
				'Aisha Begum',
				'Dr Tom Okafor'
			]);
			const endedAt = new Date().toISOString();
			const told = once(onB, 'meeting:ended');
			a.channel.notifyMeetingEnded({ meetingId, endedAt });
			expect(await told).toEqual({ meetingId, endedAt });
			expect(unhandled).toEqual([]);
		},
		LONG_TEST_TIMEOUT_MS
	);
});

import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, signedInAs } from './fixtures';
import {
	attendance,
	connected,
	disconnectClients,
	hasUsers,
	meetingRow,
	newMeeting,
	once,
	send,
	startMeetingChannel,
	stopMeetingChannel,
	type MeetingState,
	type Presence
} from './meeting-channel-fixtures';
import { seedDemo } from '../../src/lib/server/demo/seed';

const REDIS_URL = process.env.TEST_REDIS_URL;

const acrossProcesses = REDIS_URL ? describe : describe.skip;
acrossProcesses(
	`meeting channel across server processes${REDIS_URL ? '' : ' [TEST_REDIS_URL not set]'}`,
	() => {
		describeEachDatabase('over Redis', (db) => {
			// A key of our own, so that other runs on the same Redis never answer our requests.
			const key = `mdt-test-${crypto.randomUUID()}`;
			const redisClients: Redis[] = [];
			let a: Awaited<ReturnType<typeof startMeetingChannel>>;
			let b: Awaited<ReturnType<typeof startMeetingChannel>>;

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
				a = await startMeetingChannel({ db: db(), redis: redisPair() });
				b = await startMeetingChannel({ db: db(), redis: redisPair() });
			});
			afterEach(disconnectClients);
			afterAll(async () => {
				disconnectClients();
				await Promise.all([a && stopMeetingChannel(a), b && stopMeetingChannel(b)]);
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
				await send(chair, 'meeting:start', { meetingId });

				const received = once<MeetingState>(
					member,
					'meeting:state',
					(state) => state.currentItemId === 'item-3'
				);
				await send(chair, 'meeting:current-item', { meetingId, itemId: 'item-3' });
				expect((await received).currentItemId).toBe('item-3');
			});

			it('the chair starts on server A: a member in the room on server B attends from the start', async () => {
				const meetingId = await newMeeting(db());
				const chair = await as(a.url, 'gp@riverside.test');
				const member = await as(b.url, 'nurse@riverside.test');
				await send(chair, 'meeting:join', { meetingId });
				await send(member, 'meeting:join', { meetingId });
				expect(await attendance(db(), meetingId, 'nurse@riverside.test')).toEqual([]);
				expect(await send(chair, 'meeting:start', { meetingId })).toMatchObject({ ok: true });
				const { startedAt } = await meetingRow(db(), meetingId);
				const [row] = await attendance(db(), meetingId, 'nurse@riverside.test');
				expect([row.joinedAt, row.leftAt]).toEqual([startedAt, null]);

				// Their last tab, on server B, going is their leaving.
				const gone = once<Presence>(chair, 'meeting:presence', (e) => !hasUsers('Aisha Begum')(e));
				member.disconnect();
				await gone;
				const [left] = await attendance(db(), meetingId, 'nurse@riverside.test');
				expect(left.leftAt).toBeInstanceOf(Date);
			});

			it('the end of a meeting told on server A reaches a client on server B', async () => {
				const meetingId = await newMeeting(db());
				const member = await as(b.url, 'nurse@riverside.test');
				await send(member, 'meeting:join', { meetingId });
				const told = once(member, 'meeting:ended');
				const endedAt = new Date().toISOString();
				a.channel.notifyMeetingEnded({ meetingId, endedAt });
				expect(await told).toEqual({ meetingId, endedAt });
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

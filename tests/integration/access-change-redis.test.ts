import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ACCESS_CHANNEL } from '../../server/access-relay';
import { invalidateSession } from '../../src/lib/server/auth';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { updateMember } from '../../src/lib/server/users';
import {
	expectNotStored,
	httpOf,
	nextClose,
	openDocument,
	openEverything,
	reopenedAfterClose,
	storedBy,
	type
} from './access-change-fixtures';
import {
	demoDocuments,
	startCollabProcess,
	startCollabServer,
	stopCollabProcesses,
	type CollabProcess,
	type CollabServerHandle
} from './collab-fixtures';
import { createPostgresDatabase, signedInAs } from './fixtures';
import { connected, newMeeting, once, send, type Presence } from './meeting-channel-fixtures';
import { startOwnRedis, type OwnRedis } from './own-services';
import { eventually, LONG_TEST_TIMEOUT_MS } from './wait';

const POSTGRES_URL = process.env.TEST_DATABASE_URL;
if (!POSTGRES_URL) {
	console.warn('⚠ TEST_DATABASE_URL is not set: access changes across processes are SKIPPED.');
}

type SignedIn = Awaited<ReturnType<typeof signedInAs>>;

// Two processes share one PostgreSQL database (an embedded one belongs to one process) and a
// Redis of this test's own. The change is made in this process, through the app's own function
// (as the admin's form does); the sockets are held by the other, a real process of its own.
describe.skipIf(!POSTGRES_URL)('an access change made in one process [PostgreSQL, Redis]', () => {
	let ownRedis: OwnRedis | null = null;
	let database: Database;
	let dropDatabase = async () => {};
	let here: CollabServerHandle;
	let there: CollabProcess;
	let careplan: string;
	let admin: SignedIn;
	let coordinator: SignedIn;
	let nurse: SignedIn;

	beforeAll(async () => {
		ownRedis = await startOwnRedis();
		const redisUrl = ownRedis?.url ?? process.env.TEST_REDIS_URL;
		if (!redisUrl) throw new Error('neither redis-server nor TEST_REDIS_URL: cannot run');
		const created = await createPostgresDatabase(POSTGRES_URL!);
		dropDatabase = created.drop;
		database = await openDatabase({ url: created.url });
		await seedDemo(database.db);
		careplan = (await demoDocuments(database.db)).riverside.careplan;
		// Neither process checks its sockets' sessions again in time: only the change can act.
		here = await startCollabServer(database.db, { redisUrl, sessionCheckMs: 60 * 60 * 1000 });
		there = await startCollabProcess(
			{ DATABASE_URL: created.url },
			{ redisUrl, sessionCheckMs: 60 * 60 * 1000 }
		);
		// Both processes listen for access changes before any is made.
		const probe = new Redis(redisUrl);
		await eventually(async () => {
			const [, listeners] = (await probe.pubsub('NUMSUB', ACCESS_CHANNEL)) as [string, number];
			return Number(listeners) >= 2;
		});
		probe.disconnect();
		admin = await signedInAs(database.db, 'admin@riverside.test');
		coordinator = await signedInAs(database.db, 'coordinator@riverside.test');
		nurse = await signedInAs(database.db, 'nurse@riverside.test');
	}, LONG_TEST_TIMEOUT_MS);

	afterAll(async () => {
		await stopCollabProcesses();
		await here?.close();
		await database?.close();
		await dropDatabase();
		await ownRedis?.destroy();
	}, LONG_TEST_TIMEOUT_MS);

	it('a GP made observer here can no longer store edits or steer over sockets held there', async () => {
		const gp = await signedInAs(database.db, 'gp@riverside.test');
		onTestFinished(async () => {
			await updateMember(database.db, admin.user, gp.user.id, { role: 'gp' });
		});
		const meetingId = await newMeeting(database.db, 'gp@riverside.test');
		const names = [careplan, `meeting:${meetingId}`];
		const open = await openEverything({
			collabUrl: there.url,
			token: gp.token,
			careplan,
			meetingId
		});
		const gpDocs = [open.careplan, open.meeting];
		const colleagues = await Promise.all(
			names.map((name) => openDocument(there.url, name, coordinator.token))
		);
		const witnesses = await Promise.all(
			names.map((name) => openDocument(here.url, name, nurse.token))
		);
		const rowsBefore = await Promise.all(
			names.map((name) => storedBy(database.db, name, gp.user.id))
		);
		const reopened = gpDocs.map(reopenedAfterClose);
		const nowObserver = once<Presence>(open.room, 'meeting:presence', ({ presence }) =>
			presence.some((p) => p.userId === gp.user.id && p.role === 'observer')
		);

		expect(await updateMember(database.db, admin.user, gp.user.id, { role: 'observer' })).toBe(
			true
		);

		expect(await Promise.all(reopened)).toEqual([4403, 4403]);
		await nowObserver;
		const itemId = open.items[0];
		expect(await send(open.room, 'meeting:current-item', { meetingId, itemId })).toEqual({
			ok: false,
			error: 'read only'
		});
		expect(await send(open.room, 'meeting:timer', { meetingId, itemId, action: 'start' })).toEqual({
			ok: false,
			error: 'read only'
		});
		for (const [i, name] of names.entries()) {
			type(gpDocs[i], name, `LATE EDIT ${i}`);
			await expectNotStored({
				db: database.db,
				name,
				text: `LATE EDIT ${i}`,
				sender: gpDocs[i],
				senderId: gp.user.id,
				rowsBefore: rowsBefore[i],
				colleague: colleagues[i],
				witness: witnesses[i]
			});
		}
	});

	it('a user deactivated here has their sockets there closed (4401)', async () => {
		const pharmacist = await signedInAs(database.db, 'pharmacist@riverside.test');
		onTestFinished(async () => {
			await updateMember(database.db, admin.user, pharmacist.user.id, { active: true });
		});
		const document = await openDocument(there.url, careplan, pharmacist.token);
		const room = await connected(httpOf(there.url), pharmacist.token);
		const closed = nextClose(document);
		const disconnected = once<string>(room, 'disconnect');

		expect(await updateMember(database.db, admin.user, pharmacist.user.id, { active: false })).toBe(
			true
		);

		expect(await closed).toBe(4401);
		expect(await disconnected).toBe('io server disconnect');
	});

	it('a session signed out here has its sockets there closed (4401)', async () => {
		const coach = await signedInAs(database.db, 'coach@riverside.test');
		const document = await openDocument(there.url, careplan, coach.token);
		const room = await connected(httpOf(there.url), coach.token);
		const closed = nextClose(document);
		const disconnected = once<string>(room, 'disconnect');

		await invalidateSession(database.db, coach.session.id);

		expect(await closed).toBe(4401);
		expect(await disconnected).toBe('io server disconnect');
	});
});

/**
 * Processes that share documents through Redis come back together after Redis was away or a
 * message was lost: every client of every process ends with every edit. Each test starts a
 * redis-server of its own and stops it; the shared one is never touched.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
	aboutMeFragment,
	appendParagraph,
	carePlanToJson
} from '../../src/lib/domain/collab/careplan';
import { openDatabase, schema, type Database } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { RedisFanout } from '../../server/collab/RedisFanout';
import {
	converged,
	startCollabProcess,
	startCollabServer,
	stopCollabProcesses,
	testClient,
	type Client,
	type Store
} from './collab-fixtures';
import { createPostgresDatabase, signedInAs } from './fixtures';
import { startOwnRedis, type OwnRedis } from './own-services';
import { LONG_TEST_TIMEOUT_MS, until, within } from './wait';

const POSTGRES_URL = process.env.TEST_DATABASE_URL;
/** Long enough that only the catch-up on reconnection can repair an outage test. */
const NO_PERIODIC_CHECK_MS = 10 * 60_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const synced = (clients: Client[]) =>
	within(Promise.all(clients.map((c) => c.synced)), 'the clients to sync');

/** A paragraph in "What matters to me" by `client`, which every client must end up with. */
function write(client: Client, text: string) {
	appendParagraph(aboutMeFragment(client.doc, 'whatMattersToMe'), text);
}

/** Every client holds the same care plan, and it has every paragraph written. */
async function everyoneHasEverything(clients: Client[], written: string[]) {
	await converged(clients.map((c) => c.doc));
	const json = carePlanToJson(clients[0].doc);
	for (const text of written) expect(json.aboutMe.whatMattersToMe).toContain(text);
	for (const client of clients) expect(carePlanToJson(client.doc)).toEqual(json);
}

for (const kind of ['PGlite', 'PostgreSQL'] as const) {
	const skip = kind === 'PostgreSQL' && !POSTGRES_URL;
	const where =
		kind === 'PGlite'
			? 'PGlite, two servers in this process'
			: `PostgreSQL, two collab-process processes${skip ? ': TEST_DATABASE_URL not set' : ''}`;

	(skip ? describe.skip : describe)(`processes re-converge after Redis faults [${where}]`, () => {
		let redis: OwnRedis | null = null;
		let database: Database;
		let databaseUrl = '';
		let dropDatabase = async () => {};
		let stopServers = async () => {};
		let tokens: string[] = [];
		let carePlans: string[] = [];

		beforeAll(async () => {
			redis = await startOwnRedis();
			if (kind === 'PostgreSQL') {
				const created = await createPostgresDatabase(POSTGRES_URL!);
				databaseUrl = created.url;
				dropDatabase = created.drop;
				database = await openDatabase({ url: created.url });
			} else {
				database = await openDatabase();
			}
			await seedDemo(database.db);
			tokens = [
				(await signedInAs(database.db, 'coordinator@riverside.test')).token,
				(await signedInAs(database.db, 'gp@riverside.test')).token
			];
			const [riverside] = await database.db
				.select({ id: schema.organisation.id })
				.from(schema.organisation)
				.where(eq(schema.organisation.odsCode, 'U99901'));
			const patients = await database.db
				.select({ id: schema.patient.id })
				.from(schema.patient)
				.where(eq(schema.patient.organisationId, riverside.id))
				.orderBy(asc(schema.patient.nhsNumber))
				.limit(3);
			carePlans = patients.map((p) => `careplan:${p.id}`);
		}, LONG_TEST_TIMEOUT_MS);
		afterEach(async () => {
			await stopServers();
			stopServers = async () => {};
		});
		afterAll(async () => {
			await redis?.destroy();
			await database?.close();
			await dropDatabase();
		});

		/**
		 * Two servers on this test's database and Redis: processes on PostgreSQL (two processes
		 * cannot share one PGlite directory), else in this process; `inProcess` forces the latter.
		 */
		async function twoServers(peerCheckMs: number, inProcess = kind === 'PGlite') {
			if (!inProcess) {
				// The store's variables are the process's environment: PEER_CHECK_MS rides along.
				const store = { DATABASE_URL: databaseUrl, PEER_CHECK_MS: String(peerCheckMs) };
				const urls: string[] = [];
				stopServers = stopCollabProcesses;
				// One after the other: each seeds the demo (idempotently) as it starts.
				for (let i = 0; i < 2; i++) {
					urls.push((await startCollabProcess(store as Store, { redisUrl: redis!.url })).url);
				}
				return urls;
			}
			const handles = [
				await startCollabServer(database.db, { redisUrl: redis!.url, peerCheckMs }),
				await startCollabServer(database.db, { redisUrl: redis!.url, peerCheckMs })
			];
			stopServers = async () => {
				await Promise.all(handles.map((h) => h.close()));
			};
			return handles.map((h) => h.url);
		}

		it(
			'clients of two servers editing through a Redis outage all end with every edit',
			async (context) => {
				if (!redis) return context.skip();
				const servers = await twoServers(NO_PERIODIC_CHECK_MS);
				const clients = [0, 0, 1, 1].map((server, i) =>
					testClient(servers[server], carePlans[0], tokens[i % 2])
				);
				await synced(clients);
				const written: string[] = [];
				const everyoneWrites = (when: string) => {
					clients.forEach((client, i) => {
						const text = `Client ${i}, ${when}`;
						write(client, text);
						written.push(text);
					});
				};
				everyoneWrites('before the outage');
				await everyoneHasEverything(clients, written);

				await redis.stop();
				// Typing goes on while Redis is away (a blip of about two seconds): each server
				// stores and relays to its own clients, but what it publishes is lost.
				for (let round = 0; round < 8; round++) {
					everyoneWrites(`during the outage, round ${round}`);
					await pause(250);
				}
				await converged([clients[0].doc, clients[1].doc]);
				await converged([clients[2].doc, clients[3].doc]);
				await redis.start();

				for (let round = 0; round < 3; round++) {
					everyoneWrites(`after the outage, round ${round}`);
					await pause(100);
				}
				await everyoneHasEverything(clients, written);
			},
			LONG_TEST_TIMEOUT_MS
		);

		it(
			'a care plan opened on both servers while Redis is away is shared once it is back',
			async (context) => {
				if (!redis) return context.skip();
				const servers = await twoServers(NO_PERIODIC_CHECK_MS);
				await redis.stop();
				const a = testClient(servers[0], carePlans[2], tokens[0]);
				const b = testClient(servers[1], carePlans[2], tokens[1]);
				// Each server opens it from the database, Redis or not.
				await synced([a, b]);
				write(a, 'Knitting group on Tuesdays');
				write(b, 'Bowls club in summer');
				await redis.start();
				await everyoneHasEverything([a, b], ['Knitting group on Tuesdays', 'Bowls club in summer']);
			},
			LONG_TEST_TIMEOUT_MS
		);

		/** Two servers checking often, and a client of each on a care plan, in sync. */
		async function clientsOfTwoCheckingServers(carePlan: string) {
			// In this process, so that the fan-out can lose a message on purpose.
			const servers = await twoServers(300, true);
			const a = testClient(servers[0], carePlan, tokens[0]);
			const b = testClient(servers[1], carePlan, tokens[1]);
			await synced([a, b]);
			write(a, 'Walking the dog');
			await everyoneHasEverything([a, b], ['Walking the dog']);
			return [a, b];
		}

		it(
			'an edit whose message to the other server was lost reaches it through the periodic check',
			async (context) => {
				if (!redis) return context.skip();
				const [a, b] = await clientsOfTwoCheckingServers(carePlans[1]);
				const lost = loseNextUpdate();
				write(a, 'Seeing my grandchildren');
				await within(lost, 'the fan-out to lose an update');
				// Nothing follows it: only comparing the two servers' states can find it missing.
				await everyoneHasEverything([a, b], ['Walking the dog', 'Seeing my grandchildren']);
			},
			LONG_TEST_TIMEOUT_MS
		);

		it(
			'edits made after one whose message was lost are not held back on the other server',
			async (context) => {
				if (!redis) return context.skip();
				const [a, b] = await clientsOfTwoCheckingServers(carePlans[1]);
				const lost = loseNextUpdate();
				write(a, 'Gardening');
				await within(lost, 'the fan-out to lose an update');
				// Depends on the lost one: the other server cannot apply it on its own.
				write(a, 'Singing in the choir');
				await everyoneHasEverything([a, b], ['Gardening', 'Singing in the choir']);
			},
			LONG_TEST_TIMEOUT_MS
		);

		it(
			'a deletion whose message to the other server was lost reaches it through the periodic check',
			async (context) => {
				if (!redis) return context.skip();
				const [a, b] = await clientsOfTwoCheckingServers(carePlans[1]);
				const lost = loseNextUpdate();
				// A deletion adds nothing: both servers' state vectors stay the same.
				const fragment = aboutMeFragment(a.doc, 'whatMattersToMe');
				fragment.delete(0, fragment.length);
				await within(lost, 'the fan-out to lose an update');
				const cleared = () => carePlanToJson(b.doc).aboutMe.whatMattersToMe === '';
				await until(b.doc, cleared);
				expect(carePlanToJson(b.doc)).toEqual(carePlanToJson(a.doc));
			},
			LONG_TEST_TIMEOUT_MS
		);
	});
}

/** Makes the next update any fan-out in this process publishes vanish; resolves when it has. */
function loseNextUpdate(): Promise<void> {
	const publish = RedisFanout.prototype.publish;
	return new Promise((resolve) => {
		RedisFanout.prototype.publish = function (docName, fanoutKind, payload) {
			if (fanoutKind !== 'update') return publish.call(this, docName, fanoutKind, payload);
			RedisFanout.prototype.publish = publish;
			resolve();
		};
	});
}

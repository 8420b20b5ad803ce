import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	aboutMeFragment,
	appendParagraph,
	carePlanToJson
} from '../../src/lib/domain/collab/careplan';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { collabUpdate } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	converged,
	demoDocuments,
	startCollabProcess,
	startCollabServer,
	stopCollabProcesses,
	testClient,
	type Client,
	sharedText
} from './collab-fixtures';
import { createPostgresDatabase, signedInAs } from './fixtures';
import { within } from './wait';

const REDIS_URL = process.env.TEST_REDIS_URL;
const POSTGRES_URL = process.env.TEST_DATABASE_URL;

const where = POSTGRES_URL
	? 'PostgreSQL, two collab-process processes'
	: 'PGlite, two servers in this process';
const title = REDIS_URL ? where : 'TEST_REDIS_URL not set';

/** A client (see testClient) that counts the updates it sends. */
function client(url: string, name: string, token: string) {
	const opened = testClient(url, name, token);
	const counted = { ...opened, sent: 0 };
	opened.doc.on('update', (_update: Uint8Array, origin: unknown) => {
		if (origin !== opened.provider) counted.sent += 1;
	});
	return counted;
}

const synced = (clients: Client[]) =>
	within(Promise.all(clients.map((c) => c.synced)), 'the clients to sync');

(REDIS_URL ? describe : describe.skip)(
	`two servers sharing live documents through Redis [${title}]`,
	() => {
		let database: Database;
		let servers: string[] = [];
		let stopServers: () => Promise<void> = async () => {};
		let dropDatabase: () => Promise<void> = async () => {};
		let coordinator: Awaited<ReturnType<typeof signedInAs>>;
		let gp: Awaited<ReturnType<typeof signedInAs>>;

		beforeAll(async () => {
			if (POSTGRES_URL) {
				const created = await createPostgresDatabase(POSTGRES_URL);
				dropDatabase = created.drop;
				database = await openDatabase({ url: created.url });
				await seedDemo(database.db);
				stopServers = stopCollabProcesses;
				// One after the other: each seeds the demo (idempotently) as it starts.
				for (let i = 0; i < 2; i++) {
					const started = await startCollabProcess(
						{ DATABASE_URL: created.url },
						{ redisUrl: REDIS_URL }
					);
					servers.push(started.url);
				}
			} else {
				database = await openDatabase();
				await seedDemo(database.db);
				const handles = [
					await startCollabServer(database.db, { redisUrl: REDIS_URL }),
					await startCollabServer(database.db, { redisUrl: REDIS_URL })
				];
				servers = handles.map((h) => h.url);
				stopServers = async () => {
					await Promise.all(handles.map((h) => h.close()));
				};
			}
			coordinator = await signedInAs(database.db, 'coordinator@riverside.test');
			gp = await signedInAs(database.db, 'gp@riverside.test');
		});
		afterAll(async () => {
			await stopServers();
			await database?.close();
			await dropDatabase();
		});

		it('clients on different servers editing one care plan converge', async () => {
			const { careplan } = (await demoDocuments(database.db)).riverside;
			const a = client(servers[0], careplan, coordinator.token);
			const b = client(servers[1], careplan, gp.token);
			await synced([a, b]);
			for (let i = 0; i < 10; i++) {
				appendParagraph(aboutMeFragment(a.doc, 'whatMattersToMe'), `Gardening, week ${i}`);
				appendParagraph(aboutMeFragment(b.doc, 'whatMattersToMe'), `Choir practice, week ${i}`);
			}
			await converged([a.doc, b.doc]);
			const json = carePlanToJson(a.doc);
			expect(json.aboutMe.whatMattersToMe).toContain('Gardening, week 9');
			expect(json.aboutMe.whatMattersToMe).toContain('Choir practice, week 9');
			expect(carePlanToJson(b.doc)).toEqual(json);
		});

		it('a presence change made through one server reaches a client of the other', async () => {
			const { meeting } = (await demoDocuments(database.db)).riverside;
			const a = client(servers[0], meeting, coordinator.token);
			const b = client(servers[1], meeting, gp.token);
			await synced([a, b]);
			const seen = new Promise<void>((resolve) => {
				const check = () => {
					const state = b.provider.awareness.getStates().get(a.doc.clientID);
					if ((state?.user as { name?: string } | undefined)?.name !== 'Priya Shah') return;
					b.provider.awareness.off('change', check);
					resolve();
				};
				b.provider.awareness.on('change', check);
			});
			a.provider.awareness.setLocalStateField('user', { name: 'Priya Shah', colour: '#005eb8' });
			await within(seen, 'the presence change');
		});

		it('each server stores what its own clients sent, and nothing twice', async () => {
			const { meeting } = (await demoDocuments(database.db)).riverside;
			const a = client(servers[0], meeting, coordinator.token);
			const b = client(servers[1], meeting, gp.token);
			await synced([a, b]);
			for (let i = 0; i < 10; i++) {
				sharedText(a.doc, 'item-1').insert(0, `${i}`);
				sharedText(b.doc, 'item-2').insert(0, `${i}`);
			}
			// Servers pass on an update only once it is stored, so converged means committed. A last
			// round trip each way lets any second copy of an earlier update land before counting.
			await converged([a.doc, b.doc]);
			sharedText(a.doc, 'item-1').insert(0, 'Agreed: ');
			await converged([a.doc, b.doc]);
			sharedText(b.doc, 'item-2').insert(0, 'Agreed: ');
			await converged([a.doc, b.doc]);

			const rows = await database.db
				.select({ userId: collabUpdate.userId })
				.from(collabUpdate)
				.where(eq(collabUpdate.docName, meeting));
			const by = (userId: string) => rows.filter((r) => r.userId === userId).length;
			expect(a.sent).toBe(11);
			expect(b.sent).toBe(11);
			expect(by(coordinator.user.id)).toBe(a.sent);
			expect(by(gp.user.id)).toBe(b.sent);
			expect(rows).toHaveLength(a.sent + b.sent);
		});
	}
);

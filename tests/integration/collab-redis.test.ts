import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import {
	aboutMeFragment,
	appendParagraph,
	carePlanToJson
} from '../../src/lib/domain/collab/careplan';
import { outcomeText } from '../../src/lib/domain/collab/meeting';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { collabUpdate } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { connect, demoDocuments, startCollabServer, type Client } from './collab-fixtures';
import { signedInAs } from './fixtures';

const REDIS_URL = process.env.TEST_REDIS_URL;
const POSTGRES_URL = process.env.TEST_DATABASE_URL;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COLLAB_PROCESS = fileURLToPath(new URL('./collab-process.ts', import.meta.url));

const where = POSTGRES_URL
	? 'PostgreSQL, two collab-process processes'
	: 'PGlite, two servers in this process';
const title = REDIS_URL ? where : 'TEST_REDIS_URL not set';

/** A server process on a shared PostgreSQL database; resolves with its URL once it listens. */
function startCollabProcess(databaseUrl: string, redisUrl: string) {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SESSIONS: '' };
	delete env.DATA_DIR;
	const child = spawn(process.execPath, ['--import', 'tsx', COLLAB_PROCESS], {
		cwd: ROOT,
		env: { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const url = new Promise<string>((resolve, reject) => {
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			const line = stdout.split('\n').find((l, i, all) => i < all.length - 1 && l.startsWith('{'));
			if (line) resolve(`ws://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
		});
		void exited.then(() =>
			reject(new Error(`collab-process ended before it listened:\n${stderr}`))
		);
	});
	return { child: child as ChildProcess, url, exited };
}

/** Resolves once every document holds the same updates. */
function converged(docs: Y.Doc[], ms = 10_000): Promise<void> {
	const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc));
	return new Promise((resolve, reject) => {
		const check = () => {
			if (!docs.every((doc) => vector(doc).equals(vector(docs[0])))) return;
			stop();
			resolve();
		};
		const stop = () => {
			clearTimeout(timer);
			for (const doc of docs) doc.off('update', check);
		};
		const timer = setTimeout(() => {
			stop();
			reject(new Error('the documents did not converge'));
		}, ms);
		for (const doc of docs) doc.on('update', check);
		check();
	});
}

/** A y-websocket client, destroyed when the test ends, that counts the updates it sends. */
function client(url: string, name: string, token: string) {
	const opened: Client = connect(url, name, token);
	const counted = { ...opened, sent: 0 };
	opened.doc.on('update', (_update: Uint8Array, origin: unknown) => {
		if (origin !== opened.provider) counted.sent += 1;
	});
	onTestFinished(() => opened.destroy());
	return counted;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
		promise.then(
			(value) => {
				clearTimeout(timer);
				resolve(value);
			},
			(error: unknown) => {
				clearTimeout(timer);
				reject(error);
			}
		);
	});
}

const synced = (clients: Client[]) =>
	within(Promise.all(clients.map((c) => c.synced)), 10_000, 'the clients to sync');

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
				const name = `mdt_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
				const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
				await admin.unsafe(`create database ${name}`);
				await admin.end();
				dropDatabase = async () => {
					const cleanup = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
					await cleanup.unsafe(`drop database if exists ${name} with (force)`);
					await cleanup.end();
				};
				const url = new URL(POSTGRES_URL);
				url.pathname = `/${name}`;
				database = await openDatabase({ url: url.toString() });
				await seedDemo(database.db);
				const processes: ReturnType<typeof startCollabProcess>[] = [];
				stopServers = async () => {
					for (const p of processes) p.child.kill('SIGTERM');
					const stopped = Promise.all(processes.map((p) => p.exited));
					await within(stopped, 10_000, 'the servers to stop').catch(async () => {
						for (const p of processes) p.child.kill('SIGKILL');
						await stopped;
					});
				};
				// One after the other: each seeds the demo (idempotently) as it starts.
				for (let i = 0; i < 2; i++) {
					const started = startCollabProcess(url.toString(), REDIS_URL!);
					processes.push(started);
					servers.push(await started.url);
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
			await within(seen, 5_000, 'the presence change');
		});

		it('each server stores what its own clients sent, and nothing twice', async () => {
			const { meeting } = (await demoDocuments(database.db)).riverside;
			const a = client(servers[0], meeting, coordinator.token);
			const b = client(servers[1], meeting, gp.token);
			await synced([a, b]);
			for (let i = 0; i < 10; i++) {
				outcomeText(a.doc, 'item-1').insert(0, `${i}`);
				outcomeText(b.doc, 'item-2').insert(0, `${i}`);
			}
			// Servers pass on an update only once it is stored, so converged means committed. A last
			// round trip each way lets any second copy of an earlier update land before counting.
			await converged([a.doc, b.doc]);
			outcomeText(a.doc, 'item-1').insert(0, 'Agreed: ');
			await converged([a.doc, b.doc]);
			outcomeText(b.doc, 'item-2').insert(0, 'Agreed: ');
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

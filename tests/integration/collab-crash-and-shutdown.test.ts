import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	aboutMeFragment,
	appendParagraph,
	carePlanToJson
} from '../../src/lib/domain/collab/careplan';
import { openDatabase } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	converged,
	startCollabProcess,
	stopCollabProcesses,
	testClient,
	type Store,
	sharedText
} from './collab-fixtures';
import { createPostgresDatabase } from './fixtures';
import { LONG_TEST_TIMEOUT_MS, within } from './wait';

const POSTGRES_URL = process.env.TEST_DATABASE_URL;
const COORDINATOR = 'coordinator@riverside.test';
const GP = 'gp@riverside.test';
const SESSIONS = { sessions: [COORDINATOR, GP] };
const ITEM = 'item-1';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// The server as a process of its own, killed and restarted on the same store.
for (const kind of ['PGlite', 'PostgreSQL'] as const) {
	const skip = kind === 'PostgreSQL' && !POSTGRES_URL;
	const why = skip ? ': TEST_DATABASE_URL not set' : '';
	(skip ? describe.skip : describe)(`the real-time server as a process [${kind}${why}]`, () => {
		let store: Store;
		let removeStore: (() => Promise<void> | void) | undefined;

		beforeAll(async () => {
			if (kind === 'PGlite') {
				const dir = mkdtempSync(join(tmpdir(), 'mdt-collab-'));
				store = { DATA_DIR: dir };
				removeStore = () => rmSync(dir, { recursive: true, force: true });
				// Creating a PGlite cluster takes seconds: do it here, not in the tests' own time.
				const database = await openDatabase({ dataDir: dir });
				await seedDemo(database.db);
				await database.close();
			} else {
				const database = await createPostgresDatabase(POSTGRES_URL!);
				store = { DATABASE_URL: database.url };
				removeStore = database.drop;
			}
		});
		afterAll(async () => {
			await stopCollabProcesses();
			await removeStore?.();
		});

		it(
			'every edit another client has received survives kill -9',
			async () => {
				const first = await startCollabProcess(store, SESSIONS);
				const name = first.documents.careplan;
				const a = testClient(first.url, name, first.tokens[COORDINATOR]);
				const b = testClient(first.url, name, first.tokens[GP]);
				await within(Promise.all([a.synced, b.synced]), 'both clients to sync');
				for (let i = 0; i < 200; i++) {
					appendParagraph(aboutMeFragment(a.doc, 'whatMattersToMe'), `Walk ${i} with the dog`);
					if (i % 10 === 9) await nextTurn();
				}
				await converged([a.doc, b.doc]);
				const received = { json: carePlanToJson(b.doc), stateVector: Y.encodeStateVector(b.doc) };
				process.kill(first.pid, 'SIGKILL');
				expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
				a.destroy();
				b.destroy();

				const second = await startCollabProcess(store, SESSIONS);
				const c = testClient(second.url, name, second.tokens[COORDINATOR]);
				await within(c.synced, 'the new client to sync');
				expect(received.json.aboutMe.whatMattersToMe).toContain('Walk 199 with the dog');
				expect(carePlanToJson(c.doc)).toEqual(received.json);
				expect(Y.decodeStateVector(Y.encodeStateVector(c.doc))).toEqual(
					Y.decodeStateVector(received.stateVector)
				);
				c.destroy();
				process.kill(second.pid, 'SIGTERM');
				await second.exited;
			},
			LONG_TEST_TIMEOUT_MS
		);

		it(
			'SIGTERM closes every socket with 1001, exits 0 and keeps the last edits',
			async () => {
				const first = await startCollabProcess(store, SESSIONS);
				const name = first.documents.meeting;
				const a = testClient(first.url, name, first.tokens[COORDINATOR]);
				const b = testClient(first.url, name, first.tokens[GP]);
				await within(Promise.all([a.synced, b.synced]), 'both clients to sync');
				const closes = [a, b].map(
					(c) =>
						new Promise<{ code?: number; reason?: string }>((resolve) =>
							c.provider.once('connection-close', (event) =>
								resolve({ code: event?.code, reason: event?.reason })
							)
						)
				);
				const outcome = sharedText(a.doc, ITEM);
				for (let i = 0; i < 20; i++) outcome.insert(outcome.length, `Action ${i} agreed. `);
				await converged([a.doc, b.doc]);
				const received = sharedText(b.doc, ITEM).toString();

				process.kill(first.pid, 'SIGTERM');
				const going = { code: 1001, reason: 'server shutting down' };
				expect(await within(Promise.all(closes), 'close frames')).toEqual([going, going]);
				expect(await within(first.exited, 'the process to exit')).toEqual({
					code: 0,
					signal: null
				});
				a.destroy();
				b.destroy();

				const second = await startCollabProcess(store, SESSIONS);
				const c = testClient(second.url, name, second.tokens[COORDINATOR]);
				await within(c.synced, 'the new client to sync');
				expect(received).toContain('Action 19 agreed.');
				expect(sharedText(c.doc, ITEM).toString()).toBe(received);
				c.destroy();
				process.kill(second.pid, 'SIGTERM');
				await second.exited;
			},
			LONG_TEST_TIMEOUT_MS
		);
	});
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { CollabServer } from '../../server/collab/CollabServer';
import { DocumentRegistry, type RegistryOptions } from '../../server/collab/DocumentRegistry';
import { encodeSyncStep1, encodeUpdate } from '../../server/collab/protocol';
import { UpdateLog } from '../../server/collab/UpdateLog';
import {
	aboutMeFragment,
	appendParagraph,
	carePlanToJson
} from '../../src/lib/domain/collab/careplan';
import { outcomeText } from '../../src/lib/domain/collab/meeting';
import { openDatabase, type Db } from '../../src/lib/server/db';
import { collabSnapshot, collabUpdate } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	connect,
	demoDocuments,
	eventually,
	rawSocket,
	startCollabServer,
	until,
	type Client
} from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';

const POSTGRES_URL = process.env.TEST_DATABASE_URL;
const COORDINATOR = 'coordinator@riverside.test';
const GP = 'gp@riverside.test';
const ITEM = 'item-1';

// ---------------------------------------------------------------------------------------------
// The server as a process of its own, killed and restarted on the same store
// ---------------------------------------------------------------------------------------------

type Store = { DATA_DIR: string } | { DATABASE_URL: string };

type CollabProcess = {
	pid: number;
	url: string;
	tokens: Record<string, string>;
	documents: { careplan: string; meeting: string };
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COLLAB_PROCESS = fileURLToPath(new URL('./collab-process.ts', import.meta.url));
const children = new Set<ChildProcess>();

/** Starts tests/integration/collab-process.ts on a store; resolves once it listens. */
function startCollabProcess(store: Store): Promise<CollabProcess> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: '0',
		SESSIONS: [COORDINATOR, GP].join(',')
	};
	delete env.DATA_DIR;
	delete env.DATABASE_URL;
	delete env.REDIS_URL;
	const child = spawn(process.execPath, ['--import', 'tsx', COLLAB_PROCESS], {
		cwd: ROOT,
		env: { ...env, ...store },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => {
			children.delete(child);
			resolve({ code, signal });
		})
	);
	return new Promise((resolve, reject) => {
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
			const line = stdout.split('\n').find((l, i, all) => i < all.length - 1 && l.startsWith('{'));
			if (!line) return;
			const started = JSON.parse(line) as Omit<CollabProcess, 'pid' | 'url' | 'exited'> & {
				port: number;
			};
			resolve({ ...started, pid: child.pid!, url: `ws://127.0.0.1:${started.port}`, exited });
		});
		void exited.then(({ code, signal }) =>
			reject(new Error(`collab-process ended (${signal ?? code}) before it listened:\n${stderr}`))
		);
	});
}

async function killChildren() {
	await Promise.all(
		[...children].map(
			(child) =>
				new Promise<void>((resolve) => {
					child.once('exit', () => resolve());
					child.kill('SIGKILL');
				})
		)
	);
}

/** A new, empty PostgreSQL database that the processes migrate and seed themselves. */
async function createPostgresDatabase(url: string) {
	const name = `mdt_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(url, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const target = new URL(url);
	target.pathname = `/${name}`;
	return {
		url: target.toString(),
		async drop() {
			const cleanup = postgres(url, { max: 1, onnotice: () => {} });
			await cleanup.unsafe(`drop database if exists ${name} with (force)`);
			await cleanup.end();
		}
	};
}

/** A y-websocket client that is destroyed when the test ends (or earlier, by the test). */
function client(url: string, name: string, token: string): Client {
	const opened = connect(url, name, token);
	let destroyed = false;
	const destroy = () => {
		if (destroyed) return;
		destroyed = true;
		opened.destroy();
	};
	onTestFinished(destroy);
	return { ...opened, destroy };
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

/** True when `b` has every update `a` has (and nothing else). */
function sameState(a: Y.Doc, b: Y.Doc): boolean {
	return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
			await killChildren();
			await removeStore?.();
		});

		it('every edit another client has received survives kill -9', async () => {
			const first = await startCollabProcess(store);
			const name = first.documents.careplan;
			const a = client(first.url, name, first.tokens[COORDINATOR]);
			const b = client(first.url, name, first.tokens[GP]);
			await within(Promise.all([a.synced, b.synced]), 10_000, 'both clients to sync');
			for (let i = 0; i < 200; i++) {
				appendParagraph(aboutMeFragment(a.doc, 'whatMattersToMe'), `Walk ${i} with the dog`);
				if (i % 10 === 9) await nextTurn();
			}
			await until(b.doc, () => sameState(a.doc, b.doc), 15_000);
			const received = { json: carePlanToJson(b.doc), stateVector: Y.encodeStateVector(b.doc) };
			process.kill(first.pid, 'SIGKILL');
			expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
			a.destroy();
			b.destroy();

			const second = await startCollabProcess(store);
			const c = client(second.url, name, second.tokens[COORDINATOR]);
			await within(c.synced, 10_000, 'the new client to sync');
			expect(received.json.aboutMe.whatMattersToMe).toContain('Walk 199 with the dog');
			expect(carePlanToJson(c.doc)).toEqual(received.json);
			expect(Y.decodeStateVector(Y.encodeStateVector(c.doc))).toEqual(
				Y.decodeStateVector(received.stateVector)
			);
			c.destroy();
			process.kill(second.pid, 'SIGTERM');
			await second.exited;
		}, 60_000);

		it('SIGTERM closes every socket with 1001, exits 0 and keeps the last edits', async () => {
			const first = await startCollabProcess(store);
			const name = first.documents.meeting;
			const a = client(first.url, name, first.tokens[COORDINATOR]);
			const b = client(first.url, name, first.tokens[GP]);
			await within(Promise.all([a.synced, b.synced]), 10_000, 'both clients to sync');
			const closes = [a, b].map(
				(c) =>
					new Promise<{ code?: number; reason?: string }>((resolve) =>
						c.provider.once('connection-close', (event) =>
							resolve({ code: event?.code, reason: event?.reason })
						)
					)
			);
			const outcome = outcomeText(a.doc, ITEM);
			for (let i = 0; i < 20; i++) outcome.insert(outcome.length, `Action ${i} agreed. `);
			await until(b.doc, () => sameState(a.doc, b.doc), 10_000);
			const received = outcomeText(b.doc, ITEM).toString();

			process.kill(first.pid, 'SIGTERM');
			const going = { code: 1001, reason: 'server shutting down' };
			expect(await within(Promise.all(closes), 10_000, 'close frames')).toEqual([going, going]);
			expect(await within(first.exited, 15_000, 'the process to exit')).toEqual({
				code: 0,
				signal: null
			});
			a.destroy();
			b.destroy();

			const second = await startCollabProcess(store);
			const c = client(second.url, name, second.tokens[COORDINATOR]);
			await within(c.synced, 10_000, 'the new client to sync');
			expect(received).toContain('Action 19 agreed.');
			expect(outcomeText(c.doc, ITEM).toString()).toBe(received);
			c.destroy();
			process.kill(second.pid, 'SIGTERM');
			await second.exited;
		}, 60_000);
	});
}

// ---------------------------------------------------------------------------------------------
// Loading, storing and compacting inside one process, with the log observed or made to misbehave
// ---------------------------------------------------------------------------------------------

/** An UpdateLog whose loads are counted and can be made slow or failing, as can its appends. */
class ObservedLog extends UpdateLog {
	loads = 0;
	loadDelayMs = 0;
	failing = false;
	refuseAppends = 0;
	readonly events: string[] = [];

	override append(docName: string, update: Uint8Array, userId: string | null) {
		if (this.refuseAppends === 0) return super.append(docName, update, userId);
		this.refuseAppends -= 1;
		return Promise.reject(new Error('could not extend the log: disk full'));
	}

	override async load(docName: string) {
		this.loads += 1;
		if (this.loadDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.loadDelayMs));
		if (this.failing) throw new Error('the database is unavailable');
		const stored = await super.load(docName);
		this.events.push('load resolved');
		return stored;
	}
}

/**
 * The database, counting the statements that insert log rows; running `beforeFold` inside a
 * compaction once it has read the rows it folds and before it deletes them; and `afterRead` once
 * the next select has its rows, before they are returned.
 */
function observedDb(db: Db) {
	const observed = {
		db,
		inserts: 0,
		beforeFold: undefined as (() => Promise<void>) | undefined,
		afterRead: undefined as (() => Promise<void>) | undefined
	};
	const inTransaction = (tx: Db) =>
		new Proxy(tx, {
			get(target, prop) {
				if (prop === 'delete') {
					return (table: typeof collabUpdate) => {
						const statement = target.delete(table);
						return {
							where: async (condition: SQL | undefined) => {
								const hook = observed.beforeFold;
								observed.beforeFold = undefined;
								await hook?.();
								return statement.where(condition);
							}
						};
					};
				}
				const value: unknown = Reflect.get(target, prop, target);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
	observed.db = new Proxy(db, {
		get(target, prop) {
			if (prop === 'insert') {
				return (table: Parameters<Db['insert']>[0]) => {
					if (table === collabUpdate) observed.inserts += 1;
					return target.insert(table);
				};
			}
			if (prop === 'select' && observed.afterRead) {
				const hook = observed.afterRead;
				observed.afterRead = undefined;
				return (...args: Parameters<Db['select']>) => heldBack(target.select(...args), hook);
			}
			if (prop === 'transaction') {
				const transaction: Db['transaction'] = (run, config) =>
					target.transaction((tx) => run(inTransaction(tx as unknown as Db) as never), config);
				return transaction;
			}
			const value: unknown = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
	return observed;
}

/** A query builder (and the builders it returns) whose rows are held back until `hook` has run. */
function heldBack<T extends object>(builder: T, hook: () => Promise<void>): T {
	return new Proxy(builder, {
		get(target, prop) {
			const value: unknown = Reflect.get(target, prop, target);
			if (typeof value !== 'function') return value;
			if (prop === 'then') {
				return (resolve?: (rows: unknown) => unknown, reject?: (error: unknown) => unknown) =>
					(target as unknown as Promise<unknown>)
						.then(async (rows) => {
							await hook();
							return rows;
						})
						.then(resolve, reject);
			}
			return (...args: unknown[]) => {
				const result: unknown = value.apply(target, args);
				return result && typeof result === 'object' ? heldBack(result, hook) : result;
			};
		}
	});
}

/** CollabServer and DocumentRegistry wired by hand (as server/realtime.ts does), around `log`. */
async function startServer(db: Db, options: RegistryOptions) {
	const registry = new DocumentRegistry(options);
	const collab = new CollabServer({ db, registry });
	const http = createServer((_req, res) => res.writeHead(404).end());
	http.on('upgrade', collab.handleUpgrade);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	onTestFinished(async () => {
		await collab.close();
		await options.log.drain();
		http.closeAllConnections();
		await new Promise<void>((resolve) => http.close(() => resolve()));
	});
	return { url: `ws://127.0.0.1:${port}`, registry };
}

async function logRows(db: Db, name: string) {
	return db
		.select({ id: collabUpdate.id, update: collabUpdate.update })
		.from(collabUpdate)
		.where(eq(collabUpdate.docName, name))
		.orderBy(asc(collabUpdate.id));
}

async function snapshotOf(db: Db, name: string) {
	const [row] = await db
		.select({ state: collabSnapshot.state, updatedAt: collabSnapshot.updatedAt })
		.from(collabSnapshot)
		.where(eq(collabSnapshot.docName, name));
	return row;
}

function outcomeOf(updates: Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	const text = outcomeText(doc, ITEM).toString();
	doc.destroy();
	return text;
}

describeEachDatabase('durable live documents', (db, kind) => {
	let coordinator: Awaited<ReturnType<typeof signedInAs>>;
	let gp: Awaited<ReturnType<typeof signedInAs>>;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = await signedInAs(db(), COORDINATOR);
		gp = await signedInAs(db(), GP);
	});

	const newMeeting = async () => (await demoDocuments(db())).riverside.meeting;

	/** Stores an outcome for the meeting's first item, as an earlier session would have. */
	async function storeOutcome(name: string, text: string) {
		const doc = new Y.Doc();
		outcomeText(doc, ITEM).insert(0, text);
		await new UpdateLog(db()).append(name, Y.encodeStateAsUpdate(doc), coordinator.user.id);
		doc.destroy();
	}

	it('many clients opening an unloaded document at once cause one load', async () => {
		const name = await newMeeting();
		await storeOutcome(name, 'Refer to falls clinic');
		const log = new ObservedLog(db());
		log.loadDelayMs = 200;
		const server = await startServer(db(), { log });
		const clients = Array.from({ length: 20 }, (_, i) =>
			client(server.url, name, i % 2 === 0 ? coordinator.token : gp.token)
		);
		await within(Promise.all(clients.map((c) => c.synced)), 15_000, 'every client to sync');
		expect(log.loads).toBe(1);
		expect(server.registry.size).toBe(1);
		for (const c of clients)
			expect(outcomeText(c.doc, ITEM).toString()).toBe('Refer to falls clinic');
	});

	it('clients that join while a document loads see each other', async () => {
		const name = await newMeeting();
		const log = new ObservedLog(db());
		log.loadDelayMs = 300;
		const server = await startServer(db(), { log });
		const clients = Array.from({ length: 5 }, (_, i) => {
			const c = client(server.url, name, coordinator.token);
			c.provider.awareness.setLocalStateField('user', { name: `Clinician ${i}` });
			return c;
		});
		const everyoneSeen = (c: Client) =>
			new Promise<void>((resolve) => {
				const check = () => {
					if (c.provider.awareness.getStates().size < clients.length) return;
					c.provider.awareness.off('change', check);
					resolve();
				};
				c.provider.awareness.on('change', check);
				check();
			});
		await within(Promise.all(clients.map(everyoneSeen)), 5_000, 'every client to see the others');
		expect(log.loads).toBe(1);
	});

	it('no client is synced before the load has finished', async () => {
		const name = await newMeeting();
		await storeOutcome(name, 'Discussed at MDT');
		const log = new ObservedLog(db());
		log.loadDelayMs = 500;
		const server = await startServer(db(), { log });
		const c = client(server.url, name, coordinator.token);
		const atSync = new Promise<string>((resolve) =>
			c.provider.on('sync', (synced: boolean) => {
				if (!synced) return;
				log.events.push('client synced');
				resolve(outcomeText(c.doc, ITEM).toString());
			})
		);
		expect(await within(atSync, 10_000, 'the client to sync')).toBe('Discussed at MDT');
		expect(log.events).toEqual(['load resolved', 'client synced']);
	});

	it('a failed load closes clients with 1011 and never overwrites the stored document', async () => {
		const name = await newMeeting();
		await storeOutcome(name, 'Start amlodipine 5 mg');
		await new UpdateLog(db()).compact(name, coordinator.user.organisationId);
		const more = new Y.Doc();
		outcomeText(more, 'item-2').insert(0, 'Recheck blood pressure in 2 weeks');
		await new UpdateLog(db()).append(name, Y.encodeStateAsUpdate(more), gp.user.id);
		const rowsBefore = await logRows(db(), name);
		const snapshotBefore = await snapshotOf(db(), name);
		expect(rowsBefore).toHaveLength(1);
		expect(snapshotBefore).toBeDefined();

		const log = new ObservedLog(db());
		log.failing = true;
		const server = await startServer(db(), { log });
		// A raw socket that writes at once, and a stock client holding edits of its own.
		const raw = rawSocket(`${server.url}/collab/${name}`, coordinator.token);
		raw.opened.catch(() => {});
		const overwrite = new Y.Doc();
		outcomeText(overwrite, ITEM).insert(0, 'Stop amlodipine');
		raw.ws.once('open', () => {
			raw.ws.send(encodeSyncStep1(overwrite));
			raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(overwrite)));
		});
		const offline = new Y.Doc();
		outcomeText(offline, ITEM).insert(0, 'Stop amlodipine');
		const stock = client(server.url, name, gp.token);
		Y.applyUpdate(stock.doc, Y.encodeStateAsUpdate(offline));
		const stockClosed = new Promise<number | undefined>((resolve) =>
			stock.provider.once('connection-close', (event) => resolve(event?.code))
		);
		expect((await within(raw.closed, 10_000, 'the raw socket to close')).code).toBe(1011);
		expect(await within(stockClosed, 10_000, 'the stock client to close')).toBe(1011);
		stock.destroy();
		await eventually(async () => server.registry.size === 0);

		expect(log.loads).toBeGreaterThanOrEqual(1);
		expect(await logRows(db(), name)).toEqual(rowsBefore);
		expect(await snapshotOf(db(), name)).toEqual(snapshotBefore);

		log.failing = false;
		const later = client(server.url, name, coordinator.token);
		await within(later.synced, 10_000, 'a later client to sync');
		expect(outcomeText(later.doc, ITEM).toString()).toBe('Start amlodipine 5 mg');
		expect(outcomeText(later.doc, 'item-2').toString()).toBe('Recheck blood pressure in 2 weeks');
	});

	it('an update the database refuses is not applied, and the client sends it again', async () => {
		const name = await newMeeting();
		const log = new ObservedLog(db());
		const server = await startServer(db(), { log });
		const a = client(server.url, name, coordinator.token);
		const b = client(server.url, name, gp.token);
		await within(Promise.all([a.synced, b.synced]), 10_000, 'both clients to sync');
		const closed = new Promise<number | undefined>((resolve) =>
			a.provider.once('connection-close', (event) => resolve(event?.code))
		);
		log.refuseAppends = 1;
		outcomeText(a.doc, ITEM).insert(0, 'Review anticoagulation');
		expect(await within(closed, 10_000, 'the writer to be closed')).toBe(1011);
		await until(b.doc, () => outcomeText(b.doc, ITEM).toString() === 'Review anticoagulation');
		expect(log.refuseAppends).toBe(0);
		expect(await logRows(db(), name)).toHaveLength(1);
	});

	it('updates arriving together are stored in fewer transactions than updates', async () => {
		const name = await newMeeting();
		const observed = observedDb(db());
		const log = new UpdateLog(observed.db);
		const server = await startServer(db(), { log });
		const writers = Array.from({ length: 5 }, () => client(server.url, name, coordinator.token));
		await within(Promise.all(writers.map((w) => w.synced)), 10_000, 'the writers to sync');
		observed.inserts = 0;
		const perWriter = 20;
		for (const [i, w] of writers.entries()) {
			for (let j = 0; j < perWriter; j++) outcomeText(w.doc, `item-${i}`).insert(j, 'x');
		}
		const updates = writers.length * perWriter;
		const rows = await eventually(async () => {
			const stored = await logRows(db(), name);
			return stored.length >= updates && stored;
		}, 10_000);
		expect(rows).toHaveLength(updates);
		expect(observed.inserts).toBeGreaterThan(0);
		expect(observed.inserts).toBeLessThanOrEqual(updates / 4);
		const stored = new Y.Doc();
		for (const row of rows) Y.applyUpdate(stored, new Uint8Array(row.update));
		for (let i = 0; i < writers.length; i++) {
			expect(outcomeText(stored, `item-${i}`).toString()).toBe('x'.repeat(perWriter));
		}
	});

	it('compaction folds the log into a snapshot and keeps rows appended meanwhile', async () => {
		const name = await newMeeting();
		const observed = observedDb(db());
		const log = new UpdateLog(observed.db);
		const server = await startServer(db(), { log, compactAfter: 1_000_000 });
		const a = client(server.url, name, coordinator.token);
		await within(a.synced, 10_000, 'the client to sync');
		const outcome = outcomeText(a.doc, ITEM);
		for (let i = 0; i < 10; i++) outcome.insert(outcome.length, `Goal ${i}. `);
		const folded = await eventually(async () => {
			const rows = await logRows(db(), name);
			return rows.length === 10 && rows;
		});
		const foldedText = outcome.toString();

		observed.beforeFold = async () => {
			outcomeText(a.doc, 'item-2').insert(0, 'Typed during compaction');
			// PostgreSQL commits the row while the compaction's transaction is open; PGlite has one
			// connection, so there the row is committed just after it.
			if (kind === 'PostgreSQL') {
				await eventually(async () => (await logRows(db(), name)).length > folded.length);
			}
		};
		await server.registry.compact(server.registry.get(name)!);
		expect(observed.beforeFold).toBeUndefined();

		const snapshot = await snapshotOf(db(), name);
		expect(snapshot).toBeDefined();
		expect(outcomeOf([new Uint8Array(snapshot!.state)])).toBe(foldedText);
		const kept = await eventually(async () => {
			const rows = await logRows(db(), name);
			return rows.length > 0 && rows;
		});
		const foldedIds = new Set(folded.map((r) => r.id));
		expect(kept).toHaveLength(1);
		expect(foldedIds.has(kept[0].id)).toBe(false);

		const elsewhere = await startCollabServer(db());
		onTestFinished(() => elsewhere.close());
		const c = client(elsewhere.url, name, gp.token);
		await within(c.synced, 10_000, 'a new client to sync');
		expect(outcomeText(c.doc, ITEM).toString()).toBe(foldedText);
		expect(outcomeText(c.doc, 'item-2').toString()).toBe('Typed during compaction');
	});

	it('a load that races a compaction still finds every update', async () => {
		const name = await newMeeting();
		await storeOutcome(name, 'Blood tests before the next review');
		const observed = observedDb(db());
		// Another process compacts between the load's reads of the log and of the snapshot.
		observed.afterRead = async () => {
			expect(await new UpdateLog(db()).compact(name, coordinator.user.organisationId)).toBe(1);
		};
		const loaded = await new UpdateLog(observed.db).load(name);
		expect(observed.afterRead).toBeUndefined();
		expect(outcomeOf(loaded.updates)).toBe('Blood tests before the next review');
	});

	it('an idle document is compacted, unloaded, and loaded again with all its content', async () => {
		const name = await newMeeting();
		const server = await startCollabServer(db(), { idleMs: 100 });
		onTestFinished(() => server.close());
		const { registry } = server.realtime;
		const a = client(server.url, name, coordinator.token);
		await within(a.synced, 10_000, 'the client to sync');
		outcomeText(a.doc, ITEM).insert(0, 'Review in 6 weeks');
		await eventually(async () => (await logRows(db(), name)).length === 1);
		expect(registry.size).toBe(1);
		a.destroy();

		await eventually(async () => registry.size === 0);
		await eventually(async () => (await logRows(db(), name)).length === 0);
		const snapshot = await snapshotOf(db(), name);
		expect(outcomeOf([new Uint8Array(snapshot!.state)])).toBe('Review in 6 weeks');

		const c = client(server.url, name, gp.token);
		await within(c.synced, 10_000, 'the client to sync again');
		expect(registry.size).toBe(1);
		expect(outcomeText(c.doc, ITEM).toString()).toBe('Review in 6 weeks');
	});
});

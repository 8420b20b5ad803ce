/**
 * Fixtures for the tests of how live documents are loaded, stored and compacted: the collab
 * server wired by hand around a log the test can observe or make misbehave, and readers of what
 * the database holds.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq, type SQL } from 'drizzle-orm';
import { beforeAll, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { CollabServer, type CollabServerOptions } from '../../server/collab/CollabServer';
import { DocumentRegistry, type RegistryOptions } from '../../server/collab/DocumentRegistry';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { UpgradeRouter } from '../../server/upgrade-router';
import type { Db } from '../../src/lib/server/db';
import { collabSnapshot, collabUpdate } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { demoDocuments, sharedText } from './collab-fixtures';
import { signedInAs } from './fixtures';

/** The agenda item whose outcome these tests write. */
export const ITEM = 'item-1';

/** An UpdateLog whose loads are counted and can be held back or made to fail, as can appends. */
export class ObservedLog extends UpdateLog {
	loads = 0;
	failing = false;
	refuseAppends = 0;
	readonly events: string[] = [];
	#held: Promise<void> | undefined;

	/** Holds every load, from now on, until the returned function is called. */
	holdLoads(): () => void {
		let release!: () => void;
		this.#held = new Promise((resolve) => (release = resolve));
		return () => {
			this.#held = undefined;
			release();
		};
	}

	#appendsHeld: Promise<void> | undefined;

	/**
	 * Holds the next append until the returned function is called; it then fails (as a database
	 * gone away would) or goes on, as `fail` says.
	 */
	holdNextAppend(fail: boolean): () => void {
		let release!: () => void;
		this.#appendsHeld = new Promise((resolve) => (release = resolve));
		if (fail) this.refuseAppends += 1;
		return release;
	}

	override async append(docName: string, update: Uint8Array, userId: string | null) {
		const held = this.#appendsHeld;
		this.#appendsHeld = undefined;
		await held;
		if (this.refuseAppends === 0) return super.append(docName, update, userId);
		this.refuseAppends -= 1;
		return Promise.reject(new Error('could not extend the log: disk full'));
	}

	override async load(docName: string) {
		this.loads += 1;
		await this.#held;
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
export function observedDb(db: Db) {
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

/**
 * CollabServer and DocumentRegistry wired by hand (as server/realtime.ts does) around the log in
 * `options`, on an HTTP server of their own; stopped when the test ends.
 */
export async function startCollabCore(
	db: Db,
	options: RegistryOptions,
	limits?: CollabServerOptions['limits']
) {
	const registry = new DocumentRegistry(options);
	const collab = new CollabServer({ db, registry, limits });
	const http = createServer((_req, res) => res.writeHead(404).end());
	new UpgradeRouter(http).route('/collab', collab.handleUpgrade);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	onTestFinished(async () => {
		await collab.close();
		await options.log.drain();
		http.closeAllConnections();
		await new Promise<void>((resolve) => http.close(() => resolve()));
	});
	return { url: `ws://127.0.0.1:${port}`, registry, collab };
}

/** The rows of a document's log, oldest first. */
export async function logRows(db: Db, name: string) {
	return db
		.select({ id: collabUpdate.id, update: collabUpdate.update })
		.from(collabUpdate)
		.where(eq(collabUpdate.docName, name))
		.orderBy(asc(collabUpdate.id));
}

/** A document's snapshot row, if it has one. */
export async function snapshotOf(db: Db, name: string) {
	const [row] = await db
		.select({ state: collabSnapshot.state, updatedAt: collabSnapshot.updatedAt })
		.from(collabSnapshot)
		.where(eq(collabSnapshot.docName, name));
	return row;
}

/** Everything stored of a document (snapshot first, then its log), applied to a fresh Y.Doc. */
export async function storedDocument(db: Db, name: string): Promise<Y.Doc> {
	const snapshot = await snapshotOf(db, name);
	const updates = (await logRows(db, name)).map((row) => new Uint8Array(row.update));
	if (snapshot) updates.unshift(new Uint8Array(snapshot.state));
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

/** The outcome of ITEM in the document these updates make. */
export function outcomeOf(updates: Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	const text = sharedText(doc, ITEM).toString();
	doc.destroy();
	return text;
}

/**
 * The seeded demo with a Riverside coordinator and GP signed in, new meetings to write to, and
 * outcomes stored as an earlier session would have. Call inside `describeEachDatabase`.
 */
export function storageDemo(db: () => Db) {
	const demo = {
		coordinator: undefined as unknown as Awaited<ReturnType<typeof signedInAs>>,
		gp: undefined as unknown as Awaited<ReturnType<typeof signedInAs>>,
		/** The document name of a new Riverside meeting. */
		async newMeeting() {
			return (await demoDocuments(db())).riverside.meeting;
		},
		/** Stores an outcome for the meeting's first item, as an earlier session would have. */
		async storeOutcome(name: string, text: string) {
			const doc = new Y.Doc();
			sharedText(doc, ITEM).insert(0, text);
			await new UpdateLog(db()).append(name, Y.encodeStateAsUpdate(doc), demo.coordinator.user.id);
			doc.destroy();
		}
	};
	beforeAll(async () => {
		await seedDemo(db());
		demo.coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		demo.gp = await signedInAs(db(), 'gp@riverside.test');
	});
	return demo;
}

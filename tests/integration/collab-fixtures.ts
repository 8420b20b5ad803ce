import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { aboutMeFragment } from '../../src/lib/domain/collab/careplan';
import { itemText } from '../../src/lib/domain/collab/meeting';
import { signedInAs } from './fixtures';
import { within } from './wait';
import type { Db } from '../../src/lib/server/db';
import { meeting, patient, organisation } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { attachRealtime, type Realtime, type RealtimeOptions } from '../../server/realtime';
import { ensureSeries } from '../../src/lib/server/meeting-series';

export type CollabServerHandle = {
	url: string;
	http: Server;
	realtime: Realtime;
	close(): Promise<void>;
};

/** The real-time side of the app on an HTTP server of its own (port 0), as in production. */
export async function startCollabServer(
	db: Db,
	options: Partial<RealtimeOptions> = {}
): Promise<CollabServerHandle> {
	const http = createServer((_req, res) => res.writeHead(404).end());
	const realtime = attachRealtime(http, { db, dev: false, ...options });
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		url: `ws://127.0.0.1:${port}`,
		http,
		realtime,
		async close() {
			await realtime.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}

/**
 * A shared text of a meeting document, for tests of the live-document server: a plain Y.Text on
 * the notes of agenda item `key`, an item the tests never put on the agenda (so nothing reads it
 * as rich text). The server accepts only the top-level names of a document's schema
 * (server/collab/schema-guard.ts); it does not look at their content.
 */
export function sharedText(doc: Y.Doc, key: string): Y.Text {
	return doc.getText(`item.${key}.notes`);
}

/**
 * A rich text each kind of document has, for an edit that must reach everyone: a care plan's
 * "Also worth knowing about me", or the notes of a meeting's agenda item `probe`.
 */
export function probeText(client: Client): Y.XmlFragment {
	return client.provider.roomname.startsWith('careplan:')
		? aboutMeFragment(client.doc, 'alsoWorthKnowing')
		: itemText(client.doc, 'probe', 'notes');
}

/** A WebSocket class for y-websocket that presents a session cookie, as a browser would. */
export function cookieWebSocket(token: string | null, extraHeaders: Record<string, string> = {}) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, {
				headers: { ...(token ? { cookie: `mdt_session=${token}` } : {}), ...extraHeaders }
			});
		}
	};
}

export type Client = {
	doc: Y.Doc;
	provider: WebsocketProvider;
	synced: Promise<void>;
	destroy(): void;
};

/** A stock y-websocket client (no BroadcastChannel: the two must meet through the server). */
export function connect(
	serverUrl: string,
	docName: string,
	token: string | null,
	doc = new Y.Doc()
): Client {
	const provider = new WebsocketProvider(`${serverUrl}/collab`, docName, doc, {
		WebSocketPolyfill: cookieWebSocket(token) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
	});
	return {
		doc,
		provider,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** A stock client (see `connect`) that is destroyed when the test ends, or earlier by the test. */
export function testClient(serverUrl: string, docName: string, token: string | null): Client {
	const opened = connect(serverUrl, docName, token);
	let destroyed = false;
	const destroy = () => {
		if (destroyed) return;
		destroyed = true;
		opened.destroy();
	};
	onTestFinished(destroy);
	return { ...opened, destroy };
}

/** Resolves once every document holds the same updates, re-checking on every change. */
export function converged(docs: Y.Doc[]): Promise<void> {
	const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc));
	const same = () => docs.every((doc) => vector(doc).equals(vector(docs[0])));
	return within(
		new Promise<void>((resolve) => {
			const check = () => {
				if (!same()) return;
				for (const doc of docs) doc.off('update', check);
				resolve();
			};
			for (const doc of docs) doc.on('update', check);
			check();
		}),
		'the documents to converge'
	);
}

/** Opens a raw socket and reports the HTTP status of a refused upgrade, or 101. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', () => {});
	});
}

/** Opens a raw socket to a document; resolves with the close code when the server closes it. */
export function rawSocket(url: string, token: string) {
	const ws = new WebSocket(url, { headers: { cookie: `mdt_session=${token}` } });
	const opened = new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', () => reject(new Error('refused')));
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	ws.on('error', () => {});
	return { ws, opened, closed };
}

/** Ids to build document names from: a patient and a new meeting in each demo PCN. */
export async function demoDocuments(db: Db) {
	const pcn = async (ods: string) => {
		const [org] = await db.select().from(organisation).where(eq(organisation.odsCode, ods));
		const [somePatient] = await db
			.select({ id: patient.id })
			.from(patient)
			.where(eq(patient.organisationId, org.id))
			.limit(1);
		const [someMeeting] = await db
			.insert(meeting)
			.values({
				organisationId: org.id,
				seriesId: await ensureSeries(db, org.id, 'Test MDT'),
				title: 'Test MDT',
				startsAt: new Date()
			})
			.returning({ id: meeting.id });
		return {
			organisationId: org.id,
			careplan: `careplan:${somePatient.id}`,
			meeting: `meeting:${someMeeting.id}`
		};
	};
	return { riverside: await pcn('U99901'), hillside: await pcn('U99902') };
}

/**
 * The usual setting of a live-document test: the seeded demo PCNs, their documents, a signed-in
 * Riverside coordinator and a running real-time server. Call inside `describeEachDatabase`.
 */
export function liveDemo(db: () => Db) {
	const live = {} as {
		server: CollabServerHandle;
		docs: Awaited<ReturnType<typeof demoDocuments>>;
		coordinator: Awaited<ReturnType<typeof signedInAs>>;
	};
	beforeAll(async () => {
		await seedDemo(db());
		live.docs = await demoDocuments(db());
		live.coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		live.server = await startCollabServer(db());
	});
	afterAll(async () => {
		await live.server?.close();
	});
	return live;
}

/** Where a collab-process keeps its data: a PGlite folder or a PostgreSQL database. */
export type Store = { DATA_DIR: string } | { DATABASE_URL: string };

export type CollabProcess = {
	pid: number;
	url: string;
	/** Session tokens of the users named in `sessions`, by email. */
	tokens: Record<string, string>;
	documents: { careplan: string; meeting: string };
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COLLAB_PROCESS = fileURLToPath(new URL('./collab-process.ts', import.meta.url));
const collabProcesses = new Set<ChildProcess>();

/**
 * Starts tests/integration/collab-process.ts, the real-time server in a process of its own, on
 * `store` (and Redis when given); resolves once it listens.
 */
export function startCollabProcess(
	store: Store,
	options: { sessions?: string[]; redisUrl?: string; sessionCheckMs?: number } = {}
): Promise<CollabProcess> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: '0',
		SESSIONS: (options.sessions ?? []).join(',')
	};
	delete env.DATA_DIR;
	delete env.DATABASE_URL;
	delete env.REDIS_URL;
	delete env.SESSION_CHECK_MS;
	if (options.redisUrl) env.REDIS_URL = options.redisUrl;
	if (options.sessionCheckMs) env.SESSION_CHECK_MS = String(options.sessionCheckMs);
	const child = spawn(process.execPath, ['--import', 'tsx', COLLAB_PROCESS], {
		cwd: ROOT,
		env: { ...env, ...store },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	collabProcesses.add(child);
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => {
			collabProcesses.delete(child);
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

/** Stops every collab-process still running: SIGTERM, then SIGKILL if one does not exit. */
export async function stopCollabProcesses(): Promise<void> {
	await Promise.all(
		[...collabProcesses].map(async (child) => {
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			await within(exited, 'a collab-process to stop').catch(async () => {
				child.kill('SIGKILL');
				await exited;
			});
		})
	);
}

/** Resolves once `client` sees another client's awareness state that passes `check`. */
export function seesAwareness(client: Client, check: (state: Record<string, unknown>) => boolean) {
	const { awareness } = client.provider;
	const found = () => [...awareness.getStates().values()].some(check);
	return within(
		new Promise<void>((resolve) => {
			if (found()) return resolve();
			const onChange = () => {
				if (!found()) return;
				awareness.off('change', onChange);
				resolve();
			};
			awareness.on('change', onChange);
		}),
		'an awareness state'
	);
}

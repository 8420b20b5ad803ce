/**
 * The setting of `npm run bench:reconvergence` (see reconvergence.ts): a database holding the
 * demo, sessions and documents on it, two real-time servers on that database sharing a Redis,
 * and stock y-websocket clients.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { aboutMeFragment } from '../../src/lib/domain/collab/careplan';
import { itemText } from '../../src/lib/domain/collab/meeting';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth';
import { openDatabase, schema, type Database, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { ensureSeries } from '../../src/lib/server/meeting-series';
import { attachRealtime, type Realtime } from '../../server/realtime';
import { onCleanup, sleep, startNode, type Child } from './processes';

/** A live document the clients type into, and the rich text they type in. */
export type BenchDocument = { name: string; text(doc: Y.Doc): Y.XmlFragment };

/** Two servers on the setting's database; `urls` are their ws:// addresses. */
export type Servers = { urls: string[]; stop(): Promise<void> };

export type Setting = {
	label: string;
	/** Session tokens of Riverside's care coordinator and GP. */
	tokens: string[];
	documents: BenchDocument[];
	/** Two servers sharing `redisUrl`; `peerCheckMs` undefined keeps the default interval. */
	startServers(
		redisUrl: string,
		peerCheckMs: number | undefined,
		verbose: boolean
	): Promise<Servers>;
	close(): Promise<void>;
};

const EMAILS = ['coordinator@riverside.test', 'gp@riverside.test'];
const MEETING_TITLE = 'Re-convergence benchmark MDT';

/**
 * PostgreSQL (a fresh database beside `baseUrl`, dropped at the end; each server a process of
 * its own) when `baseUrl` is given, else an in-memory PGlite (two servers in this process: two
 * processes cannot share one PGlite). Holds the demo and `documents` documents.
 */
export async function openSetting(
	baseUrl: string | undefined,
	documents: number
): Promise<Setting> {
	let databaseUrl = '';
	let drop = async () => {};
	if (baseUrl) {
		const name = `mdt_bench_reconvergence_${randomBytes(4).toString('hex')}`;
		const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(baseUrl);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		drop = onCleanup(`drop database ${name}`, async () => {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		});
	}
	const database: Database = await openDatabase(baseUrl ? { url: databaseUrl } : {});
	const closeDatabase = onCleanup('close the database', async () => {
		await database.close();
		await drop();
	});
	const { db } = database;
	await seedDemo(db);
	const [riverside] = await db
		.select({ id: schema.organisation.id })
		.from(schema.organisation)
		.where(eq(schema.organisation.odsCode, 'U99901'));
	const tokens = await Promise.all(EMAILS.map((email) => signIn(db, email, riverside.id)));
	return {
		label: baseUrl
			? `PostgreSQL (${new URL(databaseUrl).pathname.slice(1)}), two server processes`
			: 'PGlite (in memory), two servers in this process',
		tokens,
		documents: await benchDocuments(db, riverside.id, documents),
		startServers: baseUrl
			? (redisUrl, peerCheckMs, verbose) =>
					serverProcesses(databaseUrl, redisUrl, peerCheckMs, verbose)
			: (redisUrl, peerCheckMs) => serversInProcess(db, redisUrl, peerCheckMs),
		close: closeDatabase
	};
}

async function signIn(db: Db, email: string, organisationId: string): Promise<string> {
	const [user] = await db
		.select({ id: schema.user.id })
		.from(schema.user)
		.where(eq(schema.user.email, email));
	return (await createSession(db, user.id, organisationId)).token;
}

/**
 * Care plans and meetings in turn: the care plans of Riverside's first patients ("What matters
 * to me") and new meetings (the notes of an item of each).
 */
async function benchDocuments(
	db: Db,
	organisationId: string,
	count: number
): Promise<BenchDocument[]> {
	const patients = await db
		.select({ id: schema.patient.id })
		.from(schema.patient)
		.where(eq(schema.patient.organisationId, organisationId))
		.orderBy(asc(schema.patient.nhsNumber))
		.limit(Math.ceil(count / 2));
	if (patients.length < Math.ceil(count / 2)) throw new Error('too few demo patients');
	const seriesId = await ensureSeries(db, organisationId, MEETING_TITLE);
	const documents: BenchDocument[] = [];
	for (let i = 0; i < count; i++) {
		if (i % 2 === 0) {
			documents.push({
				name: `careplan:${patients[i / 2].id}`,
				text: (doc) => aboutMeFragment(doc, 'whatMattersToMe')
			});
			continue;
		}
		const [meeting] = await db
			.insert(schema.meeting)
			.values({ organisationId, seriesId, title: MEETING_TITLE, startsAt: new Date() })
			.returning({ id: schema.meeting.id });
		const itemId = randomUUID();
		documents.push({
			name: `meeting:${meeting.id}`,
			text: (doc) => itemText(doc, itemId, 'notes')
		});
	}
	return documents;
}

/** Two servers in this process, each on an HTTP server of its own, as in production. */
async function serversInProcess(
	db: Db,
	redisUrl: string,
	peerCheckMs: number | undefined
): Promise<Servers> {
	const servers: { http: Server; realtime: Realtime; port: number }[] = [];
	for (let i = 0; i < 2; i++) {
		const http = createServer((_req, res) => res.writeHead(404).end());
		const realtime = attachRealtime(http, { db, dev: false, redisUrl, peerCheckMs });
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
		servers.push({ http, realtime, port: (http.address() as AddressInfo).port });
	}
	const stop = onCleanup('stop the servers', async () => {
		for (const { http, realtime } of servers) {
			await realtime.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	});
	return { urls: servers.map((s) => `ws://127.0.0.1:${s.port}`), stop };
}

/**
 * Two processes of tests/integration/collab-process.ts (the real-time server alone, as tests
 * run it) on `databaseUrl`, started one after the other: each seeds the demo as it starts
 * (nothing to add: it is there) and prints its port.
 */
async function serverProcesses(
	databaseUrl: string,
	redisUrl: string,
	peerCheckMs: number | undefined,
	verbose: boolean
): Promise<Servers> {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of ['DATA_DIR', 'PEER_CHECK_MS', 'SESSIONS', 'SESSION_CHECK_MS']) {
		delete env[name];
	}
	Object.assign(env, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PORT: '0' });
	if (peerCheckMs !== undefined) env.PEER_CHECK_MS = String(peerCheckMs);
	const children: Child[] = [];
	const urls = [];
	for (const name of ['server A', 'server B']) {
		const child = startNode(name, 'tests/integration/collab-process.ts', { env, echo: verbose });
		children.push(child);
		const deadline = Date.now() + 60_000;
		let port: number | undefined;
		while (port === undefined) {
			const line = child
				.stdout()
				.split('\n')
				.find((l) => l.startsWith('{') && l.endsWith('}'));
			if (line) port = (JSON.parse(line) as { port: number }).port;
			else if (child.process.exitCode !== null || Date.now() > deadline) {
				throw new Error(`${name} did not start:\n${child.tail(30)}`);
			} else await sleep(50);
		}
		urls.push(`ws://127.0.0.1:${port}`);
	}
	return { urls, stop: async () => void (await Promise.all(children.map((c) => c.stop()))) };
}

export type BenchClient = {
	doc: Y.Doc;
	document: BenchDocument;
	/** Which server it is connected to (0 or 1). */
	server: number;
	synced: Promise<void>;
	destroy(): void;
};

/** A stock y-websocket client with a session cookie, as a browser's (no BroadcastChannel). */
export function connectClient(
	url: string,
	server: number,
	document: BenchDocument,
	token: string
): BenchClient {
	class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${url}/collab`, document.name, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		const onSync = (isSynced: boolean) => {
			if (!isSynced) return;
			provider.off('sync', onSync);
			resolve();
		};
		provider.on('sync', onSync);
	});
	return {
		doc,
		document,
		server,
		synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

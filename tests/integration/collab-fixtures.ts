import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { signedInAs } from './fixtures';
import type { Db } from '../../src/lib/server/db';
import { meeting, patient, organisation } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { attachRealtime, type Realtime, type RealtimeOptions } from '../../server/realtime';

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

/** Resolves when `check` holds, re-checking on every change of `doc`; rejects after `ms`. */
export function until(doc: Y.Doc, check: () => boolean, ms = 5000): Promise<void> {
	return new Promise((resolve, reject) => {
		if (check()) return resolve();
		const timer = setTimeout(() => {
			doc.off('update', onUpdate);
			reject(new Error('timed out waiting for the document'));
		}, ms);
		const onUpdate = () => {
			if (!check()) return;
			clearTimeout(timer);
			doc.off('update', onUpdate);
			resolve();
		};
		doc.on('update', onUpdate);
	});
}

/** Polls `check` (for state outside a Y.Doc, such as database rows). */
export async function eventually<T>(
	check: () => Promise<T | undefined | null | false>,
	ms = 5000
): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 25));
	}
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
			.values({ organisationId: org.id, title: 'Test MDT', startsAt: new Date() })
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

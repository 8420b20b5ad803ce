import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it, onTestFinished, vi } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CollabServer } from '../../server/collab/CollabServer';
import { DocumentRegistry } from '../../server/collab/DocumentRegistry';
import {
	CLOSE,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC
} from '../../server/collab/protocol';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { UpgradeRouter } from '../../server/upgrade-router';
import { schema, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	connect,
	demoDocuments,
	rawSocket,
	startCollabServer,
	until,
	type Client,
	type CollabServerHandle
} from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';

type SignedIn = Awaited<ReturnType<typeof signedInAs>>;

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

const updateFrame = (update: Uint8Array) =>
	syncFrame((encoder) => syncProtocol.writeUpdate(encoder, update));

const syncStep2Frame = (update: Uint8Array) =>
	syncFrame((encoder) => {
		encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
		encoding.writeVarUint8Array(encoder, update);
	});

function awarenessFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

const queryAwarenessFrame = () => Uint8Array.of(MESSAGE_QUERY_AWARENESS);

/** An update in Yjs's v1 encoding, written field by field (Yjs itself never writes these). */
function handWritten(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** Updates that Y.decodeUpdate accepts but Y.applyUpdate throws on, half-way through. */
const unappliable: [string, Uint8Array][] = [
	[
		'an item placed after a later item of its own client',
		handWritten((e) => {
			[1, 1, 7, 0].forEach((n) => encoding.writeVarUint(e, n)); // 1 client, 1 struct, 7:0
			encoding.writeUint8(e, 0x84); // an item with an origin, holding a string
			[7, 5].forEach((n) => encoding.writeVarUint(e, n)); // origin 7:5
			encoding.writeVarString(e, 'x');
			encoding.writeVarUint(e, 0); // no deletions
		})
	],
	[
		'an empty deletion',
		handWritten((e) => {
			encoding.writeVarUint(e, 0); // no structs
			[1, 7, 1, 0, 0].forEach((n) => encoding.writeVarUint(e, n)); // client 7: delete 0 from 0
		})
	],
	[
		'an empty struct',
		handWritten((e) => {
			[1, 2, 7, 0].forEach((n) => encoding.writeVarUint(e, n)); // 1 client, 2 structs, 7:0
			encoding.writeUint8(e, 1); // deleted content, in a root type
			encoding.writeVarUint(e, 1);
			encoding.writeVarString(e, 'notes');
			encoding.writeVarUint(e, 0); // of length 0
			encoding.writeUint8(e, 4); // a string, in a root type
			encoding.writeVarUint(e, 1);
			encoding.writeVarString(e, 'notes');
			encoding.writeVarString(e, 'x');
			encoding.writeVarUint(e, 0); // no deletions
		})
	]
];

/** Rejects if `promise` has not settled within `ms`, so that a missing event fails fast. */
function within<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
	return Promise.race([
		promise,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms)
		)
	]);
}

/** Mulberry32: a small seeded PRNG, so that a failing fuzz run can be replayed. */
function prng(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (max: number) => Math.floor(next() * max);
	const bytes = (length: number) => Uint8Array.from({ length }, () => int(256));
	return { next, int, bytes, pick: <T>(list: T[]) => list[int(list.length)] };
}

/** Every update in the document's log (snapshot first), applied to a fresh Y.Doc. */
async function loadStoredLog(db: Db, name: string) {
	const [snapshot] = await db
		.select({ state: schema.collabSnapshot.state })
		.from(schema.collabSnapshot)
		.where(eq(schema.collabSnapshot.docName, name));
	const rows = await db
		.select({ update: schema.collabUpdate.update })
		.from(schema.collabUpdate)
		.where(eq(schema.collabUpdate.docName, name))
		.orderBy(asc(schema.collabUpdate.id));
	const doc = new Y.Doc();
	const updates = rows.map((row) => new Uint8Array(row.update));
	if (snapshot) updates.unshift(new Uint8Array(snapshot.state));
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

const FUZZ_FRAMES = 3000;
const FUZZ_LANES = 8;

/** Valid frames to mangle, made with the y-protocols encoders from a document of our own. */
function fuzzCorpus(random: ReturnType<typeof prng>): Uint8Array[] {
	const source = new Y.Doc();
	source.clientID = 4242;
	const updates: Uint8Array[] = [];
	source.on('update', (update: Uint8Array) => updates.push(update));
	const text = source.getText('notes');
	const map = source.getMap<unknown>('agenda');
	const list = source.getArray<unknown>('attendees');
	const fragment = source.getXmlFragment('outcome');
	for (let i = 0; i < 40; i++) {
		text.insert(random.int(text.length + 1), `line ${i} `);
		if (i % 3 === 0) text.delete(random.int(Math.max(1, text.length - 3)), 2);
		if (i % 4 === 0) text.format(0, 4, { bold: true });
		map.set(`item-${i % 7}`, { order: i, title: `Item ${i}`, done: i % 2 === 0 });
		list.push([`attendee-${i}`, i, null]);
		if (i % 5 === 0) list.delete(0, 1);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(`Outcome ${i}`)]);
		fragment.insert(fragment.length, [paragraph]);
		map.set('nested', new Y.Map([['depth', i]]));
	}
	const awareness = new awarenessProtocol.Awareness(source);
	awareness.setLocalState({ user: { name: 'Fuzz', colour: '#005eb8' }, cursor: 3 });
	return [
		...updates.map(updateFrame),
		...updates.map(syncStep2Frame),
		syncFrame((e) => syncProtocol.writeSyncStep1(e, source)),
		syncFrame((e) => syncProtocol.writeSyncStep2(e, source)),
		updateFrame(Y.mergeUpdates(updates.slice(0, 10))),
		awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [source.clientID])),
		queryAwarenessFrame()
	];
}

/** One to three random edits: bytes replaced, flipped, inserted, deleted, cut off, repeated. */
function mangle(random: ReturnType<typeof prng>, frame: Uint8Array): Uint8Array {
	const bytes = [...frame];
	for (let n = 1 + random.int(3); n > 0; n--) {
		const at = random.int(bytes.length + 1);
		const last = Math.max(0, Math.min(at, bytes.length - 1));
		switch (random.int(6)) {
			case 0:
				bytes[last] = random.int(256);
				break;
			case 1:
				bytes[last] ^= 1 << random.int(8);
				break;
			case 2:
				bytes.splice(at, 0, ...random.bytes(1 + random.int(8)));
				break;
			case 3:
				bytes.splice(at, 1 + random.int(8));
				break;
			case 4:
				bytes.length = at;
				break;
			default:
				bytes.splice(at, 0, ...bytes.slice(random.int(bytes.length), at));
		}
	}
	return Uint8Array.from(bytes);
}

/** Random bytes, random bytes behind a known message type, valid frames and mangled ones. */
function fuzzFrames(seed: number, count: number): Uint8Array[] {
	const random = prng(seed);
	const valid = fuzzCorpus(random);
	return Array.from({ length: count }, () => {
		const roll = random.next();
		if (roll < 0.2) return random.bytes(random.int(64));
		if (roll < 0.3) return Uint8Array.of(random.int(4), ...random.bytes(random.int(64)));
		if (roll < 0.35) return random.pick(valid);
		return mangle(random, random.pick(valid));
	});
}

/**
 * Sends the frames one at a time, each followed by a ping: the server handles a frame before it
 * answers the ping behind it, and answers none once it has decided to close. After a close the
 * next frame goes over a new connection.
 */
async function sendOneByOne(url: string, token: string, frames: Uint8Array[]) {
	const closes = new Map<number, number>();
	let connections = 0;
	let next = 0;
	while (next < frames.length) {
		const { ws, opened, closed } = rawSocket(url, token);
		connections++;
		const greeted = new Promise<void>((resolve) => ws.once('message', () => resolve()));
		await opened;
		await greeted;
		let open = true;
		void closed.then(({ code }) => {
			open = false;
			closes.set(code, (closes.get(code) ?? 0) + 1);
		});
		while (open && next < frames.length) {
			ws.send(frames[next++]);
			const pong = new Promise((resolve) => ws.once('pong', resolve));
			ws.ping();
			await Promise.race([pong, closed]);
		}
		ws.terminate();
		await closed;
	}
	return { connections, closes };
}

describeEachDatabase('a live document under abuse', (db) => {
	let server: CollabServerHandle;
	let docs: Awaited<ReturnType<typeof demoDocuments>>;
	let coordinator: SignedIn;
	let gp: SignedIn;
	let nurse: SignedIn;

	beforeAll(async () => {
		await seedDemo(db());
		docs = await demoDocuments(db());
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		gp = await signedInAs(db(), 'gp@riverside.test');
		nurse = await signedInAs(db(), 'nurse@riverside.test');
		server = await startCollabServer(db());
	});
	afterAll(async () => {
		await server.close();
	});

	const socketUrl = (name: string) => `${server.url}/collab/${name}`;

	/** Two honest clients of the document, synced, closed when the test ends. */
	async function bystanders(name: string, url = server.url): Promise<[Client, Client]> {
		const a = connect(url, name, coordinator.token);
		const b = connect(url, name, gp.token);
		onTestFinished(() => {
			a.destroy();
			b.destroy();
		});
		await Promise.all([a.synced, b.synced]);
		return [a, b];
	}

	/** An edit of one bystander reaches the other. */
	async function carryOn([a, b]: [Client, Client], text: string) {
		a.doc.getText('notes').insert(0, `${text} `);
		await until(b.doc, () => b.doc.getText('notes').toString().includes(text));
	}

	/**
	 * A raw socket to the document that has had its greeting, so the document is loaded. A nurse
	 * may edit: what she sends is not simply dropped, as an observer's updates are.
	 */
	async function attacker(name: string) {
		const socket = rawSocket(socketUrl(name), nurse.token);
		onTestFinished(() => socket.ws.terminate());
		const greeted = new Promise<void>((resolve) => socket.ws.once('message', () => resolve()));
		await socket.opened;
		await greeted;
		return socket;
	}

	it('a frame over 2 MB closes that connection (1009) and the others carry on', async () => {
		const pair = await bystanders(docs.riverside.careplan);
		const { ws, closed } = await attacker(docs.riverside.careplan);
		ws.send(new Uint8Array(2 * 1024 * 1024 + 1));
		expect((await within(closed)).code).toBe(CLOSE.tooBig.code);
		await carryOn(pair, 'after a huge frame');
	});

	const nonsense: [string, (ws: WebSocket) => void][] = [
		['an unknown message type', (ws) => ws.send(Uint8Array.of(9, 0, 0))],
		['an auth message, which only a server sends', (ws) => ws.send(Uint8Array.of(2, 0))],
		['an unknown sync message', (ws) => ws.send(Uint8Array.of(MESSAGE_SYNC, 7, 0))],
		[
			'a sync message whose update Yjs cannot decode',
			(ws) => ws.send(updateFrame(Uint8Array.of(0xff, 0xff, 0xff)))
		],
		[
			'a truncated frame',
			(ws) => {
				const doc = new Y.Doc();
				doc.getText('notes').insert(0, 'a valid update, cut short');
				const frame = updateFrame(Y.encodeStateAsUpdate(doc));
				ws.send(frame.subarray(0, frame.length - 5));
			}
		],
		['a frame with trailing bytes', (ws) => ws.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS, 0))],
		['an empty frame', (ws) => ws.send(new Uint8Array(0))],
		[
			'an awareness update with a state that is not JSON',
			(ws) => {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, 1);
				encoding.writeVarUint(encoder, 1234);
				encoding.writeVarUint(encoder, 1);
				encoding.writeVarString(encoder, '{not json');
				ws.send(awarenessFrame(encoding.toUint8Array(encoder)));
			}
		],
		['a text (non-binary) frame', (ws) => ws.send('{"type":"sync"}')]
	];

	it.each(nonsense)('%s closes with 4400 and a reason; the others carry on', async (what, send) => {
		const pair = await bystanders(docs.riverside.careplan);
		const { ws, closed } = await attacker(docs.riverside.careplan);
		send(ws);
		expect(await within(closed)).toEqual({
			code: CLOSE.badMessage.code,
			reason: CLOSE.badMessage.reason
		});
		await carryOn(pair, `after ${what}`);
	});

	it.each(unappliable)(
		'an update Yjs decodes but cannot apply (%s) is refused before it is stored',
		async (_, update) => {
			const name = (await demoDocuments(db())).riverside.careplan;
			const pair = await bystanders(name);
			const { ws, closed } = await attacker(name);
			ws.send(updateFrame(update));
			expect(await within(closed)).toEqual({
				code: CLOSE.badMessage.code,
				reason: CLOSE.badMessage.reason
			});
			const stored = await db()
				.select({ userId: schema.collabUpdate.userId })
				.from(schema.collabUpdate)
				.where(eq(schema.collabUpdate.docName, name));
			expect(stored.filter((row) => row.userId === nurse.user.id)).toEqual([]);
			await carryOn(pair, 'after an unappliable update');
		}
	);

	it.each([
		['query-awareness', () => queryAwarenessFrame()],
		[
			'awareness',
			(() => {
				const doc = new Y.Doc();
				const awareness = new awarenessProtocol.Awareness(doc);
				let cursor = 0;
				return () => {
					awareness.setLocalStateField('cursor', cursor++);
					return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
				};
			})()
		]
	])('a flood of valid %s messages closes with 4429; the others carry on', async (_, frame) => {
		const pair = await bystanders(docs.riverside.meeting);
		const { ws, closed } = await attacker(docs.riverside.meeting);
		for (let i = 0; i < 5000 && ws.readyState === ws.OPEN; i++) ws.send(frame());
		expect(await within(closed)).toEqual({
			code: CLOSE.rateLimited.code,
			reason: CLOSE.rateLimited.reason
		});
		await carryOn(pair, 'after a flood');
	});

	it('thousands of random and mangled frames neither crash the server nor corrupt documents', async () => {
		// Lanes run side by side, each on a document of its own, so that what each document
		// receives, and in which order, depends only on the seed (FUZZ_SEED runs another).
		const seed = Number(process.env.FUZZ_SEED ?? 20240611);
		const lanes = await Promise.all(
			Array.from({ length: FUZZ_LANES }, async (_, i) => ({
				name: (await demoDocuments(db())).riverside.meeting,
				frames: fuzzFrames(seed + i, FUZZ_FRAMES / FUZZ_LANES)
			}))
		);

		// Thousands of expected "closing" warnings would only bury the ones that matter.
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		onTestFinished(() => warn.mockRestore());
		const started = performance.now();
		const results = await Promise.all(
			lanes.map(({ name, frames }) => sendOneByOne(socketUrl(name), nurse.token, frames))
		);
		const elapsed = performance.now() - started;
		expect(elapsed).toBeLessThan(20_000);
		const connections = results.reduce((sum, r) => sum + r.connections, 0);
		const refused = results.reduce((sum, r) => sum + (r.closes.get(CLOSE.badMessage.code) ?? 0), 0);
		expect(connections).toBeGreaterThan(FUZZ_FRAMES / 2);
		expect(refused).toBeGreaterThan(FUZZ_FRAMES / 2);

		for (const { name } of lanes) {
			// The server still serves the document: edits round-trip, and a fresh client syncs.
			const pair = await bystanders(name);
			await carryOn(pair, 'after the fuzz');
			const late = connect(server.url, name, gp.token);
			onTestFinished(() => late.destroy());
			await late.synced;
			expect(late.doc.getText('notes').toString()).toContain('after the fuzz');

			// Everything stored loads, and holds what the live document holds.
			const live = server.realtime.registry.get(name);
			expect(live).toBeDefined();
			await live!.settled();
			const stored = await loadStoredLog(db(), name);
			expect(stored.getText('notes').toString()).toContain('after the fuzz');
			expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(live!.doc))).toBe(true);
		}
	});

	it('a client that stops reading is dropped once its send buffer passes the limit', async () => {
		// attachRealtime does not take connection limits, so the server is wired here as it is there.
		const http = createServer((_req, res) => res.writeHead(404).end());
		const log = new UpdateLog(db());
		const registry = new DocumentRegistry({ log });
		const collab = new CollabServer({
			db: db(),
			registry,
			limits: { maxBufferedBytes: 256 * 1024 }
		});
		new UpgradeRouter(http).route('/collab', collab.handleUpgrade);
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
		const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
		onTestFinished(async () => {
			await collab.close();
			await log.drain();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		});

		const name = (await demoDocuments(db())).riverside.meeting;
		const slow = rawSocket(`${url}/collab/${name}`, nurse.token);
		onTestFinished(() => slow.ws.terminate());
		const greeted = new Promise<void>((resolve) => slow.ws.once('message', () => resolve()));
		await slow.opened;
		await greeted;
		const [slowConnection] = registry.get(name)!.connections;
		const dropped = new Promise<number>((resolve) => slowConnection.ws.once('close', resolve));
		(slow.ws as unknown as { _socket: Socket })._socket.pause();

		const [writer, reader] = await bystanders(name, url);
		const bulk = writer.doc.getText('bulk');
		const chunk = 'x'.repeat(1024 * 1024);
		let sent = 0;
		// Each edit is broadcast to the paused client too, until its buffer (and, before it, the
		// kernel's socket buffers, a few MB) overflows.
		while (!slowConnection.closed && sent < 16) {
			bulk.insert(bulk.length, chunk);
			sent++;
			await until(reader.doc, () => reader.doc.getText('bulk').length === sent * chunk.length);
		}
		expect(slowConnection.closed).toBe(true);
		expect([CLOSE.slowClient.code, 1006]).toContain(await dropped);
		expect(collab.connectionCount).toBe(2);
		// The others are not held up by it.
		bulk.insert(0, 'still live');
		await until(reader.doc, () => reader.doc.getText('bulk').toString().startsWith('still live'));
	});
});

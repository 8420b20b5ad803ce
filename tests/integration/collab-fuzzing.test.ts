import { expect, it, onTestFinished, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE } from '../../server/collab/protocol';
import { fragmentText } from '../../src/lib/domain/collab/documents';
import { itemText } from '../../src/lib/domain/collab/meeting';
import {
	abuseDemo,
	awarenessFrame,
	carryOn,
	queryAwarenessFrame,
	syncFrame,
	syncStep2Frame,
	updateFrame
} from './collab-abuse-fixtures';
import { demoDocuments, probeText, rawSocket, sharedText, testClient } from './collab-fixtures';
import { storedDocument } from './collab-storage-fixtures';
import { describeEachDatabase } from './fixtures';
import { LONG_TEST_TIMEOUT_MS, within } from './wait';

const FUZZ_FRAMES = 3000;
const FUZZ_LANES = 8;

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

/** Valid frames to mangle, made with the y-protocols encoders from a document of our own. */
function fuzzCorpus(random: ReturnType<typeof prng>): Uint8Array[] {
	const source = new Y.Doc();
	source.clientID = 4242;
	const updates: Uint8Array[] = [];
	source.on('update', (update: Uint8Array) => updates.push(update));
	// Types of the meeting schema, so that valid frames go deep into the server; the list is not
	// one of them, so some frames are refused for that (4422) too.
	const text = sharedText(source, 'fuzz');
	const map = source.getMap<unknown>('agendaItems');
	const list = source.getArray<unknown>('attendees');
	const fragment = itemText(source, 'fuzz', 'outcome');
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
		await within(opened, 'the socket to open');
		await within(greeted, 'the greeting');
		let open = true;
		void closed.then(({ code }) => {
			open = false;
			closes.set(code, (closes.get(code) ?? 0) + 1);
		});
		while (open && next < frames.length) {
			ws.send(frames[next++]);
			const pong = new Promise((resolve) => ws.once('pong', resolve));
			ws.ping();
			await within(Promise.race([pong, closed]), 'a pong or a close');
		}
		ws.terminate();
		await closed;
	}
	return { connections, closes };
}

describeEachDatabase('a live document under abuse', (db) => {
	const demo = abuseDemo(db);

	it(
		'thousands of random and mangled frames neither crash the server nor corrupt documents',
		async () => {
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
			const results = await Promise.all(
				lanes.map(({ name, frames }) =>
					sendOneByOne(demo.socketUrl(name), demo.nurse.token, frames)
				)
			);
			const connections = results.reduce((sum, r) => sum + r.connections, 0);
			const refused = results.reduce(
				(sum, r) => sum + (r.closes.get(CLOSE.badMessage.code) ?? 0),
				0
			);
			expect(connections).toBeGreaterThan(FUZZ_FRAMES / 2);
			expect(refused).toBeGreaterThan(FUZZ_FRAMES / 2);

			for (const { name } of lanes) {
				// The server still serves the document: edits round-trip, and a fresh client syncs.
				const pair = await demo.bystanders(name);
				await carryOn(pair, 'after the fuzz');
				const late = testClient(demo.live.server.url, name, demo.gp.token);
				await within(late.synced, 'a late client to sync');
				expect(fragmentText(probeText(late))).toContain('after the fuzz');

				// Everything stored loads, and holds what the live document holds.
				const live = demo.live.server.realtime.registry.get(name);
				expect(live).toBeDefined();
				await live!.settled();
				const stored = await storedDocument(db(), name);
				expect(fragmentText(itemText(stored, 'probe', 'notes'))).toContain('after the fuzz');
				expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(live!.doc))).toBe(true);
			}
		},
		LONG_TEST_TIMEOUT_MS
	);
});

/**
 * One load-generator process of the collaboration benchmark (forked by collab.ts, driven over
 * IPC). It opens `clientsPerRoom` clients in each of its rooms, and on 'go' every client appends
 * entries `{ s: sender, n: sequence, t: send time }` to a shared top-level array at its rate, with
 * jitter; every peer records the latency when the entry reaches it. Clients are raw-protocol
 * clients (raw-client.ts: they read what they need from each frame, the default) or full Yjs
 * clients (the stock providers, each with its Y.Doc: `--client-mode=full`).
 */
import {
	HocuspocusProvider,
	HocuspocusProviderWebsocket,
	WebSocketStatus
} from '@hocuspocus/provider';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { RawClient, type Entry } from './raw-client';

export type ClientKind = 'y-websocket' | 'hocuspocus';
export type ClientMode = 'raw' | 'full';

export type ConnectCommand = {
	type: 'connect';
	kind: ClientKind;
	mode: ClientMode;
	/** The top-level array the edits go to: a name the document's schema allows. */
	root: string;
	/** y-websocket: the prefix the document name is appended to; Hocuspocus: the server URL. */
	url: string;
	rooms: string[];
	clientsPerRoom: number;
	/** Session tokens sent as the `mdt_session` cookie, shared round-robin; none for the others. */
	tokens: string[];
	timeoutMs: number;
};

export type GoCommand = {
	type: 'go';
	/** Absolute times on the machine's shared clock (`performance.timeOrigin + now()`). */
	warmupStart: number;
	measureStart: number;
	measureEnd: number;
	/** Edits per second per client. */
	rate: number;
	settleMs: number;
};

export type ToWorker = ConnectCommand | GoCommand | { type: 'stop' };

export type WorkerResult = {
	/** Edit-to-peer latencies (ms) of the edits sent in the measured window. */
	latencies: Float64Array;
	/** Edits sent in the measured window, and all edits (warm-up included). */
	measuredEdits: number;
	allEdits: number;
	/** Peer receipts of measured edits, and how many there should be: edits × (C − 1). */
	deliveries: number;
	expectedDeliveries: number;
	rooms: number;
	/** Rooms whose clients' documents still differ after the settle period. */
	diverged: number;
	/** Connections lost after the first sync (each forces a resync). */
	disconnects: number;
	settleMs: number;
	/** How late the edit timers fired (p99, ms): the generator's own saturation. */
	sendLagP99: number;
	/** Event-loop utilisation of this process over the measured window (1 = saturated). */
	eventLoopUtilisation: number;
	/** Event-loop delay of this process over the measured window (p99, ms). */
	eventLoopDelayP99: number;
};

export type FromWorker =
	| { type: 'connected'; clients: number; ms: number }
	| { type: 'result'; result: WorkerResult }
	| { type: 'error'; message: string };

type Client = {
	index: number;
	room: Room;
	seq: number;
	synced: boolean;
	timer?: NodeJS.Timeout;
	push(entry: Entry): void;
	/** Entries of the room's array this client holds. */
	entries(): number;
	/** What its copy of the document holds, to compare across the room (full clients only). */
	state(): string | null;
	destroy(): void;
};

type Room = { name: string; clients: Client[]; sent: number; measuredSent: number };

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rooms: Room[] = [];
const latencies: number[] = [];
const sendLags: number[] = [];
let deliveries = 0;
let disconnects = 0;
/** Edits sent in [start, end) are measured; the rest are warm-up or tail. */
let measured = { start: Infinity, end: Infinity };

function send(message: FromWorker) {
	process.send?.(message);
}

process.on('message', (message: ToWorker) => {
	const run =
		message.type === 'connect'
			? connectAll(message)
			: message.type === 'go'
				? go(message)
				: Promise.resolve(stop());
	run.catch((error: unknown) =>
		send({ type: 'error', message: error instanceof Error ? error.message : String(error) })
	);
});
// The benchmark ending (or dying) closes the channel: nothing must outlive it.
process.on('disconnect', () => process.exit(0));

type SocketClass = new (address: string | URL, protocols?: string | string[]) => WebSocket;

const cookieSockets = new Map<string, SocketClass>();
/** A `ws` WebSocket that presents the session cookie, as a browser would. */
function cookieWebSocket(token: string | undefined): SocketClass {
	const key = token ?? '';
	let socket = cookieSockets.get(key);
	if (!socket) {
		const headers = token ? { cookie: `mdt_session=${token}` } : {};
		socket = class extends WebSocket {
			constructor(address: string | URL, protocols?: string | string[]) {
				super(address, protocols, { headers, perMessageDeflate: false });
			}
		};
		cookieSockets.set(key, socket);
	}
	return socket;
}

/**
 * The entries a transaction inserted, found from its before and after state vectors. Cheaper than
 * `event.changes`, which walks the whole array on every event: in a growing array that walk was
 * a third of the generator's CPU.
 */
function* inserted(doc: Y.Doc, transaction: Y.Transaction): Generator<Entry> {
	for (const [client, after] of transaction.afterState) {
		const before = transaction.beforeState.get(client) ?? 0;
		if (after <= before) continue;
		const structs = doc.store.clients.get(client) ?? [];
		for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
			const struct = structs[i];
			if (struct.id.clock >= after) break;
			if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
			// Consecutive entries of one client may share a struct: take only this transaction's.
			const entries = struct.content.arr as Entry[];
			const from = Math.max(0, before - struct.id.clock);
			const to = Math.min(entries.length, after - struct.id.clock);
			for (let k = from; k < to; k++) yield entries[k];
		}
	}
}

function record(entries: Iterable<Entry>, received: number) {
	for (const entry of entries) {
		if (entry.t >= measured.start && entry.t < measured.end) {
			latencies.push(received - entry.t);
			deliveries += 1;
		}
	}
}

function openRawClient(command: ConnectCommand, room: Room, index: number, token?: string) {
	let synced = false;
	const raw: RawClient = new RawClient({
		protocol: command.kind,
		url: command.kind === 'y-websocket' ? `${command.url}/${room.name}` : command.url,
		room: room.name,
		root: command.root,
		headers: token ? { cookie: `mdt_session=${token}` } : {},
		onEntries: record,
		onSynced: () => (client.synced = synced = true),
		onClose: () => {
			if (synced) disconnects += 1;
		}
	});
	const client: Client = {
		index,
		room,
		seq: 0,
		synced: false,
		push: (entry) => raw.push(entry),
		entries: () => raw.entries,
		state: () => null,
		destroy: () => raw.close()
	};
	return client;
}

function openClient(command: ConnectCommand, room: Room, index: number, token?: string): Client {
	if (command.mode === 'raw') return openRawClient(command, room, index, token);
	const doc = new Y.Doc();
	const list = doc.getArray<Entry>(command.root);
	const client: Client = {
		index,
		room,
		seq: 0,
		synced: false,
		push: (entry) => list.push([entry]),
		entries: () => list.length,
		state: () =>
			Buffer.from(Y.encodeStateVector(doc)).toString('base64') + JSON.stringify(list.toArray()),
		destroy: () => {}
	};
	list.observe((event) => {
		if (event.transaction.local) return;
		record(inserted(doc, event.transaction), now());
	});
	const Socket = cookieWebSocket(token);
	if (command.kind === 'y-websocket') {
		const provider = new WebsocketProvider(command.url, room.name, doc, {
			WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
			// Essential: same-process providers would otherwise sync over BroadcastChannel.
			disableBc: true,
			maxBackoffTime: 1000
		});
		provider.on('sync', (isSynced: boolean) => {
			if (isSynced) client.synced = true;
		});
		provider.on('status', ({ status }: { status: string }) => {
			if (status === 'disconnected' && client.synced) disconnects += 1;
		});
		client.destroy = () => provider.destroy();
	} else {
		const socket = new HocuspocusProviderWebsocket({ url: command.url, WebSocketPolyfill: Socket });
		const provider = new HocuspocusProvider({
			websocketProvider: socket,
			name: room.name,
			document: doc,
			onSynced: ({ state }) => {
				if (state) client.synced = true;
			},
			onStatus: ({ status }) => {
				if (status === WebSocketStatus.Disconnected && client.synced) disconnects += 1;
			}
		});
		// A provider given its own socket does not attach itself.
		provider.attach();
		client.destroy = () => {
			provider.destroy();
			socket.destroy();
		};
	}
	return client;
}

async function connectAll(command: ConnectCommand) {
	const started = now();
	let opened = 0;
	for (const name of command.rooms) {
		const room: Room = { name, clients: [], sent: 0, measuredSent: 0 };
		rooms.push(room);
		for (let i = 0; i < command.clientsPerRoom; i++) {
			const token = command.tokens.length
				? command.tokens[opened % command.tokens.length]
				: undefined;
			room.clients.push(openClient(command, room, i, token));
			opened += 1;
		}
		// A short pause per room, so that the server sees arrivals rather than one burst.
		await sleep(10);
	}
	const all = rooms.flatMap((r) => r.clients);
	const deadline = started + command.timeoutMs;
	while (all.some((c) => !c.synced)) {
		if (now() > deadline) {
			const synced = all.filter((c) => c.synced).length;
			throw new Error(`${synced}/${all.length} clients synced after ${command.timeoutMs / 1000} s`);
		}
		await sleep(50);
	}
	send({ type: 'connected', clients: all.length, ms: now() - started });
}

function edit(client: Client, plan: GoCommand) {
	const period = 1000 / plan.rate;
	let due = plan.warmupStart + Math.random() * period;
	const tick = () => {
		const t = now();
		if (t >= plan.measureEnd) return;
		const inWindow = t >= plan.measureStart;
		if (inWindow) sendLags.push(t - due);
		client.push({ s: client.index, n: ++client.seq, t });
		client.room.sent += 1;
		if (inWindow) client.room.measuredSent += 1;
		// Uniform jitter of ±50 % around the period keeps the mean rate and spreads the clients.
		due += period * (0.5 + Math.random());
		client.timer = setTimeout(tick, Math.max(0, due - now()));
	};
	client.timer = setTimeout(tick, Math.max(0, due - now()));
}

async function go(plan: GoCommand) {
	measured = { start: plan.measureStart, end: plan.measureEnd };
	for (const room of rooms) for (const client of room.clients) edit(client, plan);

	await sleep(Math.max(0, plan.measureStart - now()));
	const eluStart = performance.eventLoopUtilization();
	const delay = monitorEventLoopDelay({ resolution: 10 });
	delay.enable();
	await sleep(Math.max(0, plan.measureEnd - now()));
	delay.disable();
	const elu = performance.eventLoopUtilization(eluStart).utilization;

	// Settle: every client should hold every entry of its room.
	const settleStart = now();
	const complete = () => rooms.every((r) => r.clients.every((c) => c.entries() === r.sent));
	while (!complete() && now() - settleStart < plan.settleMs) await sleep(100);
	const settleMs = now() - settleStart;

	let diverged = 0;
	let expectedDeliveries = 0;
	for (const room of rooms) {
		expectedDeliveries += room.measuredSent * (room.clients.length - 1);
		// A raw client keeps no document: it has diverged when it lacks some of the room's entries.
		const [first, ...others] = room.clients.map((c) => c.state());
		const incomplete = room.clients.some((c) => c.entries() !== room.sent);
		if (incomplete || others.some((o) => o !== first)) diverged += 1;
	}
	const lags = Float64Array.from(sendLags).sort();
	send({
		type: 'result',
		result: {
			latencies: Float64Array.from(latencies),
			measuredEdits: rooms.reduce((sum, r) => sum + r.measuredSent, 0),
			allEdits: rooms.reduce((sum, r) => sum + r.sent, 0),
			deliveries,
			expectedDeliveries,
			rooms: rooms.length,
			diverged,
			disconnects,
			settleMs,
			sendLagP99: lags.length
				? lags[Math.min(lags.length - 1, Math.ceil(lags.length * 0.99) - 1)]
				: 0,
			eventLoopUtilisation: elu,
			// The histogram holds whole sampling intervals: the delay is what exceeds the 10 ms.
			eventLoopDelayP99: Math.max(0, delay.percentile(99) / 1e6 - 10)
		}
	});
}

function stop() {
	for (const room of rooms) {
		for (const client of room.clients) {
			clearTimeout(client.timer);
			client.destroy();
		}
	}
	setTimeout(() => process.exit(0), 200);
}

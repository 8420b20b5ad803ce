/**
 * A simulated client of the collaboration benchmark that speaks the wire protocol itself (the
 * default client mode): it sends each edit as a hand-encoded Yjs update of one item and, from
 * what it receives, reads only what it needs (each item's id and the entries of the benchmark's
 * array) instead of applying it to a Y.Doc. A generator of full Yjs clients integrates every
 * peer's edit into a growing document, and saturated first: its own lag then showed as the
 * servers' latency.
 *
 * It speaks y-websocket (`[0 sync][type][update]`) and Hocuspocus (the same, after the
 * document's name, with an authentication message first). It holds no history: a socket that
 * closes is not reopened (the generator counts it as a disconnect).
 */
import { randomInt } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

/** One benchmark edit: sender's index in its room, sequence number, send time (epoch ms). */
export type Entry = { s: number; n: number; t: number };

export type Protocol = 'y-websocket' | 'hocuspocus';

export type RawClientOptions = {
	protocol: Protocol;
	/** The socket's URL (for y-websocket, with the document's name). */
	url: string;
	/** The document's name (the Hocuspocus messages carry it). */
	room: string;
	/** The top-level array the entries are appended to. */
	root: string;
	headers: Record<string, string>;
	/** Entries of other clients this client had not seen yet, with their arrival time. */
	onEntries(entries: Entry[], received: number): void;
	onSynced(): void;
	onClose(): void;
};

const SYNC = 0;
const STEP_1 = 0;
const STEP_2 = 1;
const UPDATE = 2;
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_PING = 9;
const HOCUSPOCUS_PONG = 10;
/** Yjs content and struct refs (the low 5 bits of an item's info byte) the scan reads itself. */
const GC = 0;
const CONTENT_DELETED = 1;
const CONTENT_ANY = 8;
const SKIP = 10;

const isEntry = (value: unknown): value is Entry =>
	typeof value === 'object' && value !== null && typeof (value as Entry).t === 'number';

/** A run of one client's structs: its values when they are plain values (ContentAny). */
type Run = { client: number; clock: number; length: number; values: unknown[] | null };

/**
 * Reads the structs of a v1 update without building Yjs objects. Null when it holds content the
 * scan does not read (anything but deletions and plain values: a document's other types), for
 * Y.decodeUpdate to read instead.
 */
function scanUpdate(update: Uint8Array): Run[] | null {
	const runs: Run[] = [];
	const visit = (client: number, clock: number, length: number, values: unknown[] | null) =>
		runs.push({ client, clock, length, values });
	const decoder = decoding.createDecoder(update);
	const clients = decoding.readVarUint(decoder);
	for (let c = 0; c < clients; c++) {
		const structs = decoding.readVarUint(decoder);
		const client = decoding.readVarUint(decoder);
		let clock = decoding.readVarUint(decoder);
		for (let s = 0; s < structs; s++) {
			const info = decoding.readUint8(decoder);
			const ref = info & 0x1f;
			if (ref === GC || ref === SKIP) {
				const length = decoding.readVarUint(decoder);
				if (ref === GC) visit(client, clock, length, null);
				clock += length;
				continue;
			}
			if (info & 0x80) (decoding.readVarUint(decoder), decoding.readVarUint(decoder));
			if (info & 0x40) (decoding.readVarUint(decoder), decoding.readVarUint(decoder));
			if ((info & 0xc0) === 0) {
				if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
				else (decoding.readVarUint(decoder), decoding.readVarUint(decoder));
				if (info & 0x20) decoding.readVarString(decoder);
			}
			if (ref === CONTENT_DELETED) {
				const length = decoding.readVarUint(decoder);
				visit(client, clock, length, null);
				clock += length;
			} else if (ref === CONTENT_ANY) {
				const length = decoding.readVarUint(decoder);
				const values: unknown[] = [];
				for (let i = 0; i < length; i++) values.push(decoding.readAny(decoder));
				visit(client, clock, length, values);
				clock += length;
			} else {
				return null;
			}
		}
	}
	return runs;
}

function decodeRuns(update: Uint8Array): Run[] {
	return Y.decodeUpdate(update)
		.structs.filter((struct) => !(struct instanceof Y.Skip))
		.map((struct) => ({
			client: struct.id.client,
			clock: struct.id.clock,
			length: struct.length,
			values:
				struct instanceof Y.Item && struct.content instanceof Y.ContentAny
					? (struct.content.arr as unknown[])
					: null
		}));
}

export class RawClient {
	/** A Yjs client id, as Y.Doc draws one. */
	readonly clientId = randomInt(2 ** 31);
	/** Entries of the array this client holds: its own and those received. */
	entries = 0;
	synced = false;
	readonly #options: RawClientOptions;
	readonly #ws: WebSocket;
	#clock = 0;
	/** What it holds of each client (a state vector): a resync repeats what it knows. */
	readonly #known = new Map<number, number>();
	/** The newest entry held (by send time): the next edit goes after it, at the array's end. */
	#last: { client: number; clock: number; t: number } | null = null;

	constructor(options: RawClientOptions) {
		this.#options = options;
		this.#ws = new WebSocket(options.url, { headers: options.headers, perMessageDeflate: false });
		this.#ws.binaryType = 'nodebuffer';
		this.#ws.on('open', () => this.#open());
		this.#ws.on('message', (data: Buffer) => this.#receive(data));
		this.#ws.on('close', () => options.onClose());
		this.#ws.on('error', () => {});
	}

	/** Appends `entry` to the array: one item, after the newest entry this client holds. */
	push(entry: Entry): void {
		const update = encoding.createEncoder();
		encoding.writeVarUint(update, 1);
		encoding.writeVarUint(update, 1);
		encoding.writeVarUint(update, this.clientId);
		encoding.writeVarUint(update, this.#clock);
		if (this.#last) {
			encoding.writeUint8(update, 0x80 | CONTENT_ANY);
			encoding.writeVarUint(update, this.#last.client);
			encoding.writeVarUint(update, this.#last.clock);
		} else {
			// The first item of the array names its parent, the top-level type.
			encoding.writeUint8(update, CONTENT_ANY);
			encoding.writeVarUint(update, 1);
			encoding.writeVarString(update, this.#options.root);
		}
		encoding.writeVarUint(update, 1);
		encoding.writeAny(update, entry);
		encoding.writeVarUint(update, 0);
		this.#last = { client: this.clientId, clock: this.#clock, t: entry.t };
		this.#clock += 1;
		this.#known.set(this.clientId, this.#clock);
		this.entries += 1;
		this.#sendSync(UPDATE, encoding.toUint8Array(update));
	}

	close(): void {
		this.#ws.terminate();
	}

	#open() {
		if (this.#options.protocol === 'hocuspocus') {
			const auth = this.#header(HOCUSPOCUS_AUTH);
			encoding.writeVarUint(auth, 0);
			encoding.writeVarString(auth, '');
			encoding.writeVarString(auth, '4.8.0');
			this.#ws.send(encoding.toUint8Array(auth));
		}
		// Sync step 1 with an empty state vector: the server answers with all it has.
		this.#sendSync(STEP_1, Uint8Array.of(0));
	}

	#header(type: number): encoding.Encoder {
		const encoder = encoding.createEncoder();
		if (this.#options.protocol === 'hocuspocus') {
			encoding.writeVarString(encoder, this.#options.room);
		}
		encoding.writeVarUint(encoder, type);
		return encoder;
	}

	#sendSync(type: number, payload: Uint8Array) {
		if (this.#ws.readyState !== WebSocket.OPEN) return;
		const encoder = this.#header(SYNC);
		encoding.writeVarUint(encoder, type);
		encoding.writeVarUint8Array(encoder, payload);
		this.#ws.send(encoding.toUint8Array(encoder));
	}

	#receive(data: Buffer) {
		const received = performance.timeOrigin + performance.now();
		const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
		if (this.#options.protocol === 'hocuspocus' && frame.length === 1) {
			if (frame[0] === HOCUSPOCUS_PING) this.#ws.send(Uint8Array.of(HOCUSPOCUS_PONG));
			return;
		}
		const decoder = decoding.createDecoder(frame);
		if (this.#options.protocol === 'hocuspocus') decoding.readVarString(decoder);
		// Awareness, confirmations, Hocuspocus's authentication and sync status: nothing to read.
		if (decoding.readVarUint(decoder) !== SYNC) return;
		const type = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (type === STEP_1) {
			// What this client holds that the server lacks: nothing, as it never reconnects.
			this.#sendSync(STEP_2, Uint8Array.of(0, 0));
			return;
		}
		this.#read(payload, received);
		if (type === STEP_2 && !this.synced) {
			this.synced = true;
			this.#options.onSynced();
		}
	}

	/** Takes what is new in an update: its entries (reported), and its newest entry's id. */
	#read(update: Uint8Array, received: number) {
		const fresh: Entry[] = [];
		for (const { client, clock, length, values } of scanUpdate(update) ?? decodeRuns(update)) {
			const known = this.#known.get(client) ?? 0;
			if (clock + length <= known) continue;
			this.#known.set(client, clock + length);
			if (!values) continue;
			for (let i = Math.max(0, known - clock); i < length; i++) {
				const value = values[i];
				if (!isEntry(value)) continue;
				fresh.push(value);
				if (!this.#last || value.t > this.#last.t) {
					this.#last = { client, clock: clock + i, t: value.t };
				}
			}
		}
		if (fresh.length === 0) return;
		this.entries += fresh.length;
		this.#options.onEntries(fresh, received);
	}
}

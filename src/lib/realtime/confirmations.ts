/**
 * Which local edits of a live document the server has confirmed storing. The server confirms, in
 * order, each update-bearing message (sync step 2 or update) that a socket carried; this module
 * counts those messages as they are sent and knows what each one held:
 * - an update message holds the one local edit that made it (or another origin's, e.g. the
 *   browser's store: then no local edit);
 * - a sync step 2 holds everything the server lacked, so every local edit made before it.
 * Plain TypeScript, so that it also runs on Node (tests) with `ws` as the socket.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MAX_FRAME_BYTES, MAX_UNCONFIRMED_BYTES } from '../domain/collab/limits';

/** Edits carried over from an earlier page (kept in the browser's store), not yet confirmed. */
export type Carried = { count: number; bytes: number };

/** A local edit: its update's size and, to take it back, the range of ids it inserted. */
type Edit = { bytes: number; from: number; to: number };

/** What a sent message confirms once stored: every edit up to a sequence, or a single edit. */
type Sent = { upTo: number } | { only: number | null };

/** The origin of the edits this module takes back from the document. */
export const TAKEN_BACK = Symbol('taken-back');

type Socket = { send(data: ArrayBufferLike | ArrayBufferView | string | Blob): void };
// A mixin's constructor must take any[] (TypeScript's rule).
type SocketClass = new (...args: any[]) => Socket;

export class Confirmations {
	readonly #doc: Y.Doc;
	readonly #isLocal: (origin: unknown) => boolean;
	readonly #edits = new Map<number, Edit>();
	#sequence = 0;
	/** The local edit whose update is being handed to the provider right now. */
	#current: number | null = null;
	#carried: Carried;
	/** Update-bearing messages sent on the current socket and not yet confirmed, oldest first. */
	#sent: Sent[] = [];
	#confirmedOnSocket = 0;
	#bytes = 0;
	/** Called after every change of what is unconfirmed. */
	onChange: () => void = () => {};
	/** Called when a message too large for the server was held back (see `takeBackOversized`). */
	onOversized: () => void = () => {};

	/**
	 * Listens to `doc` at once: create it before the provider, so that an edit is counted before
	 * the provider sends it.
	 */
	constructor(doc: Y.Doc, options: { isLocal: (origin: unknown) => boolean; carried?: Carried }) {
		this.#doc = doc;
		this.#isLocal = options.isLocal;
		this.#carried = options.carried ?? { count: 0, bytes: 0 };
		this.#bytes = this.#carried.bytes;
		doc.on('update', this.#onUpdate);
	}

	/** Local edits not yet confirmed, those carried over included. */
	get count(): number {
		return this.#edits.size + this.#carried.count;
	}

	/** The size of their updates. */
	get bytes(): number {
		return this.#bytes;
	}

	#onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
		if (!this.#isLocal(origin)) {
			this.#current = null;
			return;
		}
		const client = this.#doc.clientID;
		const sequence = ++this.#sequence;
		this.#current = sequence;
		this.#edits.set(sequence, {
			bytes: update.byteLength,
			from: tr.beforeState.get(client) ?? 0,
			to: tr.afterState.get(client) ?? 0
		});
		this.#bytes += update.byteLength;
		this.onChange();
	};

	/** A WebSocket class for the provider (`WebSocketPolyfill`) that reports what it sends. */
	socketClass<T extends SocketClass>(Base: T): T {
		const confirmations = this;
		return class extends Base {
			constructor(...args: any[]) {
				super(...args);
				confirmations.#newSocket();
			}
			send(data: ArrayBufferLike | ArrayBufferView | string | Blob): void {
				if (confirmations.#beforeSend(data)) super.send(data);
			}
		};
	}

	#newSocket() {
		this.#sent = [];
		this.#confirmedOnSocket = 0;
	}

	/** False when the message must not go: the server would refuse it (1009). */
	#beforeSend(data: unknown): boolean {
		const frame = asBytes(data);
		const kind = frame && updateKind(frame);
		if (!kind) return true;
		if (frame.byteLength > MAX_FRAME_BYTES) {
			// Not from inside the provider's send: the document may be mid-event.
			queueMicrotask(() => this.onOversized());
			return false;
		}
		this.#sent.push(kind === 'step-2' ? { upTo: this.#sequence } : { only: this.#current });
		return true;
	}

	/** The server's confirmation: `count` update-bearing messages of this socket are stored. */
	confirmed(count: number): void {
		let changed = false;
		while (this.#confirmedOnSocket < count && this.#sent.length > 0) {
			const sent = this.#sent.shift()!;
			this.#confirmedOnSocket += 1;
			if ('upTo' in sent) {
				for (const sequence of [...this.#edits.keys()]) {
					if (sequence <= sent.upTo) changed = this.#forget(sequence) || changed;
				}
				if (this.#carried.count > 0) {
					this.#bytes -= this.#carried.bytes;
					this.#carried = { count: 0, bytes: 0 };
					changed = true;
				}
			} else if (sent.only !== null) {
				changed = this.#forget(sent.only) || changed;
			}
		}
		if (changed) this.onChange();
	}

	#forget(sequence: number): boolean {
		const edit = this.#edits.get(sequence);
		if (!edit) return false;
		this.#edits.delete(sequence);
		this.#bytes -= edit.bytes;
		return true;
	}

	/**
	 * After a message was, or would have been, refused as too large: takes the largest unconfirmed
	 * local edit back out of the document, and more, largest first, until the rest fit in what a
	 * reconnection may send. They are deleted, so that only their ids travel. Returns how many
	 * were taken back: none when there is no local edit to blame.
	 */
	takeBackOversized(): number {
		const largestFirst = [...this.#edits].sort(([, a], [, b]) => b.bytes - a.bytes);
		const taken: Edit[] = [];
		for (const [sequence, edit] of largestFirst) {
			if (taken.length > 0 && this.#bytes <= MAX_UNCONFIRMED_BYTES) break;
			this.#forget(sequence);
			if (edit.to > edit.from) taken.push(edit);
		}
		if (taken.length > 0) {
			Y.applyUpdate(this.#doc, deletionOf(this.#doc.clientID, taken), TAKEN_BACK);
		}
		this.onChange();
		return taken.length;
	}

	destroy(): void {
		this.#doc.off('update', this.#onUpdate);
	}
}

/** Whether a y-websocket message carries an update: sync step 2 or update. */
export function updateKind(frame: Uint8Array): 'step-2' | 'update' | null {
	try {
		const decoder = decoding.createDecoder(frame);
		if (decoding.readVarUint(decoder) !== 0) return null; // not a sync message
		const type = decoding.readVarUint(decoder);
		return type === 1 ? 'step-2' : type === 2 ? 'update' : null;
	} catch {
		return null;
	}
}

function asBytes(data: unknown): Uint8Array | null {
	if (data instanceof Uint8Array) return data;
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (ArrayBuffer.isView(data))
		return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
	return null;
}

/** An update (Yjs v1) that deletes the given ranges of one client's ids and adds nothing. */
function deletionOf(client: number, ranges: { from: number; to: number }[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // no structs
	encoding.writeVarUint(encoder, 1); // deletions of one client
	encoding.writeVarUint(encoder, client);
	const sorted = [...ranges].sort((a, b) => a.from - b.from);
	encoding.writeVarUint(encoder, sorted.length);
	for (const { from, to } of sorted) {
		encoding.writeVarUint(encoder, from);
		encoding.writeVarUint(encoder, to - from);
	}
	return encoding.toUint8Array(encoder);
}

/** The y-websocket wire protocol (y-protocols), as the stock WebsocketProvider speaks it. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_CONFIRMED } from '../../src/lib/domain/collab/limits';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export { CLOSE } from '../../src/lib/domain/collab/close-codes';

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Tells a client that asked how many of its update-bearing messages are now stored. */
export function encodeConfirmed(count: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_CONFIRMED);
	encoding.writeVarUint(encoder, count);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwarenessStates(awareness: awarenessProtocol.Awareness, clients: number[]) {
	return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/** A client message, decoded and checked before anything acts on it. */
export type ClientMessage =
	| { type: 'sync-step-1'; stateVector: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' };

export class ProtocolError extends Error {}

/**
 * Decodes one frame. Throws ProtocolError for unknown types, trailing bytes and updates that
 * Yjs cannot decode or apply, so that nothing malformed reaches a document or the database.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		let message: ClientMessage;
		if (type === MESSAGE_SYNC) {
			const syncType = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (syncType === syncProtocol.messageYjsSyncStep1) {
				Y.decodeStateVector(payload);
				message = { type: 'sync-step-1', stateVector: payload };
			} else if (
				syncType === syncProtocol.messageYjsSyncStep2 ||
				syncType === syncProtocol.messageYjsUpdate
			) {
				checkUpdate(payload);
				message = { type: 'update', update: payload };
			} else {
				throw new ProtocolError(`unknown sync message ${syncType}`);
			}
		} else if (type === MESSAGE_AWARENESS) {
			const update = decoding.readVarUint8Array(decoder);
			validateAwareness(update);
			message = { type: 'awareness', update };
		} else if (type === MESSAGE_QUERY_AWARENESS) {
			message = { type: 'query-awareness' };
		} else {
			throw new ProtocolError(`unknown message type ${type}`);
		}
		if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes');
		return message;
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(error instanceof Error ? error.message : 'undecodable');
	}
}

/**
 * Yjs decodes updates that it then throws on half-way through applying: empty structs or deletions,
 * and items that refer to later items of their own client (an item's neighbours and parent existed
 * when it was made). Stored, such an update would fail every load; compacted into the snapshot, it
 * would make the whole document unreadable. Yjs itself never writes them.
 */
function checkUpdate(update: Uint8Array) {
	const { structs, ds } = Y.decodeUpdate(update);
	for (const struct of structs) {
		if (struct.length <= 0) throw new ProtocolError('an empty struct');
		if (!(struct instanceof Y.Item)) continue;
		const { client, clock } = struct.id;
		for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
			if (ref instanceof Y.ID && ref.client === client && ref.clock >= clock) {
				throw new ProtocolError('an item refers to a later item of its own client');
			}
		}
	}
	for (const deletions of ds.clients.values()) {
		if (deletions.some((d) => d.len <= 0)) throw new ProtocolError('an empty deletion');
	}
}

function validateAwareness(update: Uint8Array) {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		JSON.parse(decoding.readVarString(decoder));
	}
	if (decoding.hasContent(decoder)) throw new ProtocolError('trailing awareness bytes');
}

import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE } from '../../server/collab/protocol';
import { MAX_FRAME_BYTES } from '../../src/lib/domain/collab/limits';
import { Confirmations, TAKEN_BACK } from '../../src/lib/realtime/confirmations';
import { closingOf } from '../../src/lib/realtime/reconnection';

const REMOTE = Symbol('remote');

/** A document, its confirmations, and a socket class that records what would be sent. */
function setUp(carried = { count: 0, bytes: 0 }) {
	const doc = new Y.Doc();
	const confirmations = new Confirmations(doc, { isLocal: (o) => o !== REMOTE, carried });
	const sent: Uint8Array[] = [];
	const Socket = confirmations.socketClass(
		class {
			send(data: Uint8Array) {
				sent.push(data);
			}
		}
	);
	let socket = new Socket();
	// As y-websocket does: updates go out while connected; a new socket starts with a step 2.
	let connected = true;
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin !== REMOTE && connected) socket.send(message(syncProtocol.writeUpdate, update));
	});
	return {
		doc,
		confirmations,
		sent,
		text: doc.getText('notes'),
		disconnect() {
			connected = false;
		},
		reconnect() {
			socket = new Socket();
			connected = true;
		},
		sendStep2() {
			socket.send(message(syncProtocol.writeSyncStep2, doc));
		}
	};
}

function message<T>(write: (encoder: encoding.Encoder, value: T) => void, value: T) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	write(encoder, value);
	return encoding.toUint8Array(encoder);
}

describe('which local edits the server has confirmed', () => {
	it('an update message confirms its own edit', () => {
		const { text, confirmations } = setUp();
		text.insert(0, 'Refer to falls clinic.');
		text.insert(0, 'Stop amlodipine. ');
		expect(confirmations.count).toBe(2);
		confirmations.confirmed(1);
		expect(confirmations.count).toBe(1);
		confirmations.confirmed(2);
		expect(confirmations.count).toBe(0);
	});

	it('a sync step 2 confirms every edit made before it, those carried over included', () => {
		const { text, confirmations, disconnect, reconnect, sendStep2 } = setUp({
			count: 3,
			bytes: 60
		});
		disconnect();
		text.insert(0, 'Typed offline.');
		expect(confirmations.count).toBe(4);
		reconnect();
		sendStep2();
		text.insert(0, 'After. ');
		confirmations.confirmed(1);
		expect(confirmations.count).toBe(1);
	});

	it('confirmations of an earlier socket count for nothing on a new one', () => {
		const { text, confirmations, reconnect } = setUp();
		text.insert(0, 'Sent, never confirmed.');
		reconnect();
		confirmations.confirmed(1);
		expect(confirmations.count).toBe(1);
	});

	it('a message over the frame limit is not sent, and the edit can be taken back out', async () => {
		const { doc, text, confirmations, sent } = setUp();
		text.insert(0, 'Kept. ');
		let oversized = 0;
		confirmations.onOversized = () => (oversized += 1);
		text.insert(text.length, 'x'.repeat(MAX_FRAME_BYTES));
		expect(sent).toHaveLength(1);
		await Promise.resolve();
		expect(oversized).toBe(1);
		const origins: unknown[] = [];
		doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		expect(confirmations.takeBackOversized()).toBe(1);
		expect(text.toString()).toBe('Kept. ');
		expect(origins).toEqual([TAKEN_BACK]);
		// What the deletion leaves to send is small: the ids, not the text.
		expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(100);
	});
});

describe('how the browser answers the server closing its socket', () => {
	it.each(Object.entries(CLOSE))('%s', (name, { code, reason }) => {
		const kind = closingOf(code, reason).kind;
		if (name === 'tooBig') expect(kind).toBe('too-big');
		// Too many messages or bytes: nothing was wrong with them, so tried again after a pause.
		else if (['rateLimited', 'tooMuchData', 'tooManyConnections'].includes(name)) {
			expect(kind).toBe('rate-limited');
		}
		// The meeting ended: read the final document again, read-only.
		else if (name === 'meetingEnded') expect(kind).toBe('final');
		// What the person may do changed: the page is loaded again with the new access.
		else if (name === 'accessChanged') expect(kind).toBe('access-changed');
		// The server's deliberate decisions: trying again as before cannot change them.
		else if (code >= 4400 && code < 4500) expect(kind).toBe('refused');
		else expect(kind).toBe('transient');
	});
});

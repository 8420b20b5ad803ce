import { eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import { expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../server/collab/protocol';
import { schema } from '../../src/lib/server/db';
import {
	abuseDemo,
	awarenessFrame,
	carryOn,
	queryAwarenessFrame,
	updateFrame
} from './collab-abuse-fixtures';
import { demoDocuments } from './collab-fixtures';
import { describeEachDatabase } from './fixtures';
import { within } from './wait';

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

describeEachDatabase('a live document under abuse', (db) => {
	const demo = abuseDemo(db);

	it('a frame over 2 MB closes that connection (1009) and the others carry on', async () => {
		const { careplan } = demo.live.docs.riverside;
		const pair = await demo.bystanders(careplan);
		const { ws, closed } = await demo.attacker(careplan);
		ws.send(new Uint8Array(2 * 1024 * 1024 + 1));
		expect((await within(closed, 'the close')).code).toBe(CLOSE.tooBig.code);
		await carryOn(pair, 'after a huge frame');
	});

	it.each(nonsense)('%s closes with 4400 and a reason; the others carry on', async (what, send) => {
		const { careplan } = demo.live.docs.riverside;
		const pair = await demo.bystanders(careplan);
		const { ws, closed } = await demo.attacker(careplan);
		send(ws);
		expect(await within(closed, 'the close')).toEqual({
			code: CLOSE.badMessage.code,
			reason: CLOSE.badMessage.reason
		});
		await carryOn(pair, `after ${what}`);
	});

	it.each(unappliable)(
		'an update Yjs decodes but cannot apply (%s) is refused before it is stored',
		async (_, update) => {
			const name = (await demoDocuments(db())).riverside.careplan;
			const pair = await demo.bystanders(name);
			const { ws, closed } = await demo.attacker(name);
			ws.send(updateFrame(update));
			expect(await within(closed, 'the close')).toEqual({
				code: CLOSE.badMessage.code,
				reason: CLOSE.badMessage.reason
			});
			const stored = await db()
				.select({ userId: schema.collabUpdate.userId })
				.from(schema.collabUpdate)
				.where(eq(schema.collabUpdate.docName, name));
			expect(stored.filter((row) => row.userId === demo.nurse.user.id)).toEqual([]);
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
		const { meeting } = demo.live.docs.riverside;
		const pair = await demo.bystanders(meeting);
		const { ws, closed } = await demo.attacker(meeting);
		for (let i = 0; i < 5000 && ws.readyState === ws.OPEN; i++) ws.send(frame());
		expect(await within(closed, 'the close')).toEqual({
			code: CLOSE.rateLimited.code,
			reason: CLOSE.rateLimited.reason
		});
		await carryOn(pair, 'after a flood');
	});
});

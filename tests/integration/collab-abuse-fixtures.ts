/**
 * Fixtures for the tests of a live document under abuse: y-websocket frames built by hand, two
 * honest clients who must carry on, and a raw socket that sends what it likes.
 */
import * as encoding from 'lib0/encoding';
import { beforeAll, onTestFinished } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import { appendParagraph, fragmentText } from '../../src/lib/domain/collab/documents';
import {
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC
} from '../../server/collab/protocol';
import type { Db } from '../../src/lib/server/db';
import { liveDemo, probeText, rawSocket, testClient, type Client } from './collab-fixtures';
import { signedInAs } from './fixtures';
import { until, within } from './wait';

type SignedIn = Awaited<ReturnType<typeof signedInAs>>;

export function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export const updateFrame = (update: Uint8Array) =>
	syncFrame((encoder) => syncProtocol.writeUpdate(encoder, update));

export const syncStep2Frame = (update: Uint8Array) =>
	syncFrame((encoder) => {
		encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
		encoding.writeVarUint8Array(encoder, update);
	});

export function awarenessFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export const queryAwarenessFrame = () => Uint8Array.of(MESSAGE_QUERY_AWARENESS);

/** An edit of one bystander reaches the other. */
export async function carryOn([a, b]: [Client, Client], text: string) {
	appendParagraph(probeText(a), text);
	await until(b.doc, () => fragmentText(probeText(b)).includes(text));
}

/**
 * The seeded demo, a running real-time server, honest Riverside clients and a nurse who abuses
 * the documents. Call inside `describeEachDatabase`.
 */
export function abuseDemo(db: () => Db) {
	const live = liveDemo(db);
	const demo = {
		live,
		gp: undefined as unknown as SignedIn,
		nurse: undefined as unknown as SignedIn,
		socketUrl: (name: string) => `${live.server.url}/collab/${name}`,

		/** Two honest clients of the document, synced, closed when the test ends. */
		async bystanders(name: string, url = live.server.url): Promise<[Client, Client]> {
			const a = testClient(url, name, live.coordinator.token);
			const b = testClient(url, name, demo.gp.token);
			await within(Promise.all([a.synced, b.synced]), 'the bystanders to sync');
			return [a, b];
		},

		/**
		 * A raw socket to the document that has had its greeting, so the document is loaded. A
		 * nurse may edit: what she sends is not simply dropped, as an observer's updates are.
		 */
		async attacker(name: string) {
			const socket = rawSocket(demo.socketUrl(name), demo.nurse.token);
			onTestFinished(() => socket.ws.terminate());
			const greeted = new Promise<void>((resolve) => socket.ws.once('message', () => resolve()));
			await within(socket.opened, 'the attacker to connect');
			await within(greeted, 'the greeting');
			return socket;
		}
	};
	beforeAll(async () => {
		demo.gp = await signedInAs(db(), 'gp@riverside.test');
		demo.nurse = await signedInAs(db(), 'nurse@riverside.test');
	});
	return demo;
}

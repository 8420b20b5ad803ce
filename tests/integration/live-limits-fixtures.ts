/**
 * Fixtures for the tests of what a live socket may hold: a real-time server of the test's own
 * with its limits set low, raw sockets that keep quiet or knock and never come in, and socket.io
 * clients of the meeting channel on the same server.
 */
import { connect as tcpConnect } from 'node:net';
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { LiveLimits } from '../../src/lib/domain/collab/limits';
import { itemText } from '../../src/lib/domain/collab/meeting';
import type { Db } from '../../src/lib/server/db';
import { startCollabServer, type Client, type CollabServerHandle } from './collab-fixtures';
import { client as channelClient, once } from './meeting-channel-fixtures';
import { until, within } from './wait';

/** The real-time server (documents and meeting channel) with these limits; stopped after the test. */
export async function limitedServer(
	db: Db,
	live: Partial<LiveLimits>,
	idleMs?: number
): Promise<CollabServerHandle> {
	const server = await startCollabServer(db, { live, idleMs });
	onTestFinished(() => server.close());
	return server;
}

export type RawSocket = {
	ws: WebSocket;
	/** The server's first message (the document's greeting): the socket was accepted. */
	greeted: Promise<void>;
	closed: Promise<{ code: number; reason: string }>;
	/** The HTTP status of a refused upgrade. */
	refused: Promise<number>;
};

/**
 * A raw socket to a document, terminated when the test ends. With `silent`, it never answers a
 * ping, as a laptop whose lid was closed (ws answers pings by itself unless told not to).
 */
export function rawDocumentSocket(
	url: string,
	token: string,
	options: { silent?: boolean } = {}
): RawSocket {
	const ws = new WebSocket(url, {
		headers: { cookie: `mdt_session=${token}` },
		autoPong: !options.silent
	});
	onTestFinished(() => ws.terminate());
	ws.on('error', () => {});
	return {
		ws,
		greeted: new Promise((resolve) => ws.once('message', () => resolve())),
		closed: new Promise((resolve) =>
			ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		),
		refused: new Promise((resolve) =>
			ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
		)
	};
}

/**
 * A TCP connection that sends `request` and nothing more; resolves with what the server answered
 * once it closes the connection.
 */
export function heldRequest(url: string, request: string): Promise<string> {
	const { hostname, port } = new URL(url);
	const socket = tcpConnect(Number(port), hostname, () => socket.write(request));
	onTestFinished(() => {
		socket.destroy();
	});
	let answer = '';
	socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
	socket.on('error', () => {});
	return new Promise((resolve) => socket.once('close', () => resolve(answer)));
}

/** A socket.io client of the meeting channel on that server, disconnected after the test. */
export function channelSocket(serverUrl: string, token: string): Socket {
	const socket = channelClient(serverUrl.replace(/^ws/, 'http'), token);
	onTestFinished(() => void socket.disconnect());
	return socket;
}

/** Whether the meeting channel let the socket in (true) or the error it refused it with. */
export function channelAnswer(socket: Socket): Promise<true | string> {
	return within(
		Promise.race([
			once(socket, 'connect').then(() => true as const),
			once<Error>(socket, 'connect_error').then((error) => error.message)
		]),
		'the meeting channel to answer'
	);
}

/** The discussion notes of a meeting's first item: text within the meeting document's schema. */
export function firstItemNotes(doc: Y.Doc): Y.XmlText {
	const fragment = itemText(doc, 'item-1', 'notes');
	if (fragment.length === 0) fragment.insert(0, [new Y.XmlText()]);
	return fragment.get(0) as Y.XmlText;
}

/** An edit of one honest client of a meeting document reaches the other. */
export async function stillLive([a, b]: [Client, Client], text: string) {
	firstItemNotes(a.doc).insert(0, `${text} `);
	await until(b.doc, () => itemText(b.doc, 'item-1', 'notes').toString().includes(text));
}

/**
 * The browser's side of a live document (src/lib/realtime/live-connection.ts) run on Node
 * against the real server, and y-websocket clients that ask for confirmations.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import { onTestFinished } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CollabServer, type CollabServerOptions } from '../../server/collab/CollabServer';
import { DocumentRegistry } from '../../server/collab/DocumentRegistry';
import type { UpdateLog } from '../../server/collab/UpdateLog';
import { encodeSyncStep1 } from '../../server/collab/protocol';
import { UpgradeRouter } from '../../server/upgrade-router';
import { CONFIRM_PARAM, MESSAGE_CONFIRMED } from '../../src/lib/domain/collab/limits';
import type { Db } from '../../src/lib/server/db';
import { updateKind } from '../../src/lib/realtime/confirmations';
import { LiveConnection, type ConnectionView } from '../../src/lib/realtime/live-connection';
import { cookieWebSocket } from './collab-fixtures';
import { sharedText } from './collab-fixtures';
import { within } from './wait';

/** A text in a live meeting document (see sharedText). */
export function notes(doc: Y.Doc, key: string): Y.Text {
	return sharedText(doc, key);
}

/** The collab server on a log of the test's choosing, with server options; stopped at the end. */
export async function startServer(
	db: Db,
	log: UpdateLog,
	options: Partial<Pick<CollabServerOptions, 'maxPayloadBytes' | 'limits'>> = {}
) {
	const registry = new DocumentRegistry({ log });
	const collab = new CollabServer({ db, registry, ...options });
	const http = createServer((_req, res) => res.writeHead(404).end());
	new UpgradeRouter(http).route('/collab', collab.handleUpgrade);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	onTestFinished(async () => {
		await collab.close();
		await log.drain();
		http.closeAllConnections();
		await new Promise<void>((resolve) => http.close(() => resolve()));
	});
	return { url: `ws://127.0.0.1:${port}`, registry, collab };
}

/** A y-websocket client that counts the update-bearing messages it sends and the confirmations. */
export function countingClient(
	serverUrl: string,
	name: string,
	token: string,
	options: { confirm: boolean }
) {
	const doc = new Y.Doc();
	const counts = { sent: 0, confirmed: 0, confirmations: 0 };
	const Base = cookieWebSocket(token);
	class Counting extends Base {
		override send(data: Parameters<InstanceType<typeof Base>['send']>[0]) {
			if (data instanceof Uint8Array && updateKind(data)) counts.sent += 1;
			super.send(data);
		}
	}
	const provider = new WebsocketProvider(`${serverUrl}/collab`, name, doc, {
		WebSocketPolyfill: Counting as unknown as typeof globalThis.WebSocket,
		params: options.confirm ? { [CONFIRM_PARAM]: '1' } : {},
		disableBc: true,
		maxBackoffTime: 200
	});
	const waiting = new Set<() => void>();
	provider.messageHandlers[MESSAGE_CONFIRMED] = (_encoder, decoder) => {
		counts.confirmations += 1;
		counts.confirmed = decoding.readVarUint(decoder);
		for (const check of waiting) check();
	};
	const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	onTestFinished(() => {
		provider.destroy();
		doc.destroy();
	});
	return {
		doc,
		provider,
		counts,
		synced,
		/** Resolves once every update-bearing message sent so far is confirmed. */
		allConfirmed(): Promise<void> {
			return within(
				new Promise<void>((resolve) => {
					const check = () => {
						if (counts.confirmed < counts.sent) return;
						waiting.delete(check);
						resolve();
					};
					waiting.add(check);
					check();
				}),
				'every update to be confirmed'
			);
		},
		/**
		 * Asks the server for its state and resolves on the answer: the server handles a socket's
		 * messages in order, so it has handled (though maybe not stored) all sent before.
		 */
		roundTrip(): Promise<void> {
			const ws = provider.ws!;
			return within(
				new Promise<void>((resolve) => {
					const original = provider.messageHandlers[0];
					provider.messageHandlers[0] = (...args) => {
						original(...args);
						provider.messageHandlers[0] = original;
						resolve();
					};
					ws.send(encodeSyncStep1(new Y.Doc()) as Uint8Array<ArrayBuffer>);
				}),
				'the server to answer'
			);
		}
	};
}

/** The browser's connection to a live document, on Node; destroyed when the test ends. */
export function browserConnection(serverUrl: string, name: string, token: string) {
	const doc = new Y.Doc();
	const waiting = new Set<() => void>();
	const connection = new LiveConnection({
		url: `${serverUrl}/collab`,
		name,
		doc,
		readOnly: false,
		WebSocket: cookieWebSocket(token) as unknown as typeof globalThis.WebSocket,
		onChange: () => {
			for (const check of waiting) check();
		}
	});
	onTestFinished(() => {
		connection.destroy();
		doc.destroy();
	});
	return {
		doc,
		connection,
		/** Resolves once the connection's view satisfies `check`, re-checking on every change. */
		until(check: (view: ConnectionView) => boolean, what: string): Promise<void> {
			return within(
				new Promise<void>((resolve) => {
					const test = () => {
						if (!check(connection.view)) return;
						waiting.delete(test);
						resolve();
					};
					waiting.add(test);
					test();
				}),
				what
			);
		}
	};
}

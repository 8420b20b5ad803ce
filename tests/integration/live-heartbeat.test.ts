import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { CollabServer } from '../../server/collab/CollabServer';
import { DocumentRegistry } from '../../server/collab/DocumentRegistry';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { upgradeTimeouts, UpgradeRouter } from '../../server/upgrade-router';
import { abuseDemo } from './collab-abuse-fixtures';
import { demoDocuments, rawSocket } from './collab-fixtures';
import { observedDb } from './collab-storage-fixtures';
import { describeEachDatabase } from './fixtures';
import { heldRequest, limitedServer, rawDocumentSocket, stillLive } from './live-limits-fixtures';
import { eventually, within } from './wait';

// Long enough that a live socket in this busy process (PGlite shares its event loop) never
// misses a pong; short enough that a silent one is dropped (two intervals) well within the wait.
const HEARTBEAT_MS = 3_000;

describeEachDatabase('live sockets that went silent', (db) => {
	const demo = abuseDemo(db);

	it('a socket that stops answering pings is dropped, and its document unloads', async () => {
		const server = await limitedServer(db(), { heartbeatMs: HEARTBEAT_MS }, 50);
		const { registry, collab } = server.realtime;
		const name = (await demoDocuments(db())).riverside.meeting;
		const silent = rawDocumentSocket(`${server.url}/collab/${name}`, demo.nurse.token, {
			silent: true
		});
		await within(silent.greeted, 'the silent socket to be greeted');
		expect(registry.get(name)).toBeDefined();

		await within(silent.closed, 'the silent socket to be dropped');
		await eventually(async () => collab.connectionCount === 0 && registry.get(name) === undefined);
	});

	it('a socket that answers its pings stays, and edits still reach it', async () => {
		const server = await limitedServer(db(), { heartbeatMs: HEARTBEAT_MS });
		const name = (await demoDocuments(db())).riverside.meeting;
		const silent = rawDocumentSocket(`${server.url}/collab/${name}`, demo.nurse.token, {
			silent: true
		});
		const [a, b] = await demo.bystanders(name, server.url);
		await within(silent.closed, 'the silent socket to be dropped');
		await stillLive([a, b], 'after the silent one went');
	});

	it('a meeting-channel socket that stops answering pings is dropped', async () => {
		const server = await limitedServer(db(), { heartbeatMs: HEARTBEAT_MS });
		const url = `${server.url}/socket.io/?EIO=4&transport=websocket`;
		// An engine.io client spoken by hand: it joins the namespace, then answers nothing.
		const ws = new WebSocket(url, { headers: { cookie: `mdt_session=${demo.nurse.token}` } });
		onTestFinished(() => ws.terminate());
		ws.on('error', () => {});
		const joined = new Promise<void>((resolve) =>
			ws.on('message', (data: Buffer) => {
				const packet = data.toString();
				if (packet.startsWith('0')) ws.send('40');
				if (packet.startsWith('40')) resolve();
			})
		);
		const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
		await within(joined, 'the meeting channel to let the socket in');
		await within(closed, 'the silent meeting-channel socket to be dropped');
	});
});

describeEachDatabase('upgrades that never complete', (db) => {
	const demo = abuseDemo(db);

	it('an upgrade whose authorisation hangs is cut off', async () => {
		const observed = observedDb(db());
		const server = await limitedServer(observed.db, { upgradeTimeoutMs: 300 });
		const name = (await demoDocuments(db())).riverside.meeting;
		// The database never answers the session check.
		observed.afterRead = () => new Promise<void>(() => {});
		const held = rawSocket(`${server.url}/collab/${name}`, demo.nurse.token);
		expect((await within(held.closed, 'the held upgrade to be cut off')).code).toBe(1006);
	});

	it('a request whose headers never finish is answered 408 and closed', async () => {
		const registry = new DocumentRegistry({ log: new UpdateLog(db()) });
		const collab = new CollabServer({ db: db(), registry });
		const http = createServer(upgradeTimeouts(300), (_req, res) => res.writeHead(404).end());
		new UpgradeRouter(http).route('/collab', collab.handleUpgrade);
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
		onTestFinished(async () => {
			await collab.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		});
		const { port } = http.address() as AddressInfo;
		const answer = heldRequest(
			`ws://127.0.0.1:${port}`,
			'GET /collab/meeting:x HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n'
		);
		expect(await within(answer, 'the unfinished request to be closed')).toMatch(/^HTTP\/1.1 408/);
	});
});

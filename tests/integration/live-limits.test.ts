import { expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { pendingBytes } from '../../server/collab/pending-guard';
import { CLOSE } from '../../server/collab/protocol';
import { LIVE_LIMITS } from '../../src/lib/domain/collab/limits';
import { abuseDemo, awarenessFrame, updateFrame } from './collab-abuse-fixtures';
import { demoDocuments } from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import {
	channelAnswer,
	channelSocket,
	firstItemNotes,
	limitedServer,
	rawDocumentSocket,
	stillLive,
	type RawSocket
} from './live-limits-fixtures';
import { eventually, within } from './wait';

/** Opens `count` sockets of one session to a document and waits until each is greeted. */
async function openSockets(url: string, token: string, count: number): Promise<RawSocket[]> {
	const sockets = Array.from({ length: count }, () => rawDocumentSocket(url, token));
	await within(Promise.all(sockets.map((s) => s.greeted)), `${count} sockets to be greeted`);
	return sockets;
}

describeEachDatabase('what one session or address may hold', (db) => {
	const demo = abuseDemo(db);

	it('the socket past a session’s cap is refused and told why; another user still connects', async () => {
		const name = (await demoDocuments(db())).riverside.meeting;
		const url = demo.socketUrl(name);
		const { token } = await signedInAs(db(), 'nurse@riverside.test');
		const held = await openSockets(url, token, LIVE_LIMITS.connectionsPerSession);

		const refused = rawDocumentSocket(url, token);
		expect(await within(refused.closed, 'the socket past the cap to be closed')).toEqual(
			CLOSE.tooManyConnections
		);
		const [a, b] = await demo.bystanders(name);
		await stillLive([a, b], 'others carry on');

		// A place given back is a place free again.
		held[0].ws.close();
		await within(held[0].closed, 'a held socket to close');
		for (;;) {
			const again = rawDocumentSocket(url, token);
			const answer = await within(
				Promise.race([again.greeted.then(() => 'in'), again.closed.then(() => 'refused')]),
				'the next socket to be answered'
			);
			if (answer === 'in') break;
		}
	});

	it('the meeting channel counts toward the same cap', async () => {
		const server = await limitedServer(db(), { connectionsPerSession: 2 });
		const name = (await demoDocuments(db())).riverside.meeting;
		const { token } = await signedInAs(db(), 'nurse@riverside.test');
		await openSockets(`${server.url}/collab/${name}`, token, 2);

		expect(await channelAnswer(channelSocket(server.url, token))).toBe('too many connections');
		expect(await channelAnswer(channelSocket(server.url, demo.gp.token))).toBe(true);
	});

	it('an address past its cap is refused with 429 on both endpoints', async () => {
		const server = await limitedServer(db(), { connectionsPerAddress: 2 });
		const name = (await demoDocuments(db())).riverside.meeting;
		const url = `${server.url}/collab/${name}`;
		await openSockets(url, demo.nurse.token, 1);
		await openSockets(url, demo.gp.token, 1);

		const { token } = await signedInAs(db(), 'coordinator@riverside.test');
		expect(await within(rawDocumentSocket(url, token).refused, 'the refusal')).toBe(429);
		expect(await channelAnswer(channelSocket(server.url, token))).toBe('too many connections');
	});
});

describeEachDatabase('what one socket may send', (db) => {
	const demo = abuseDemo(db);

	it('a socket sending more bytes than its budget is closed as rate limited', async () => {
		const server = await limitedServer(db(), { bytesPerSecond: 1024, byteBurst: 64 * 1024 });
		const name = (await demoDocuments(db())).riverside.meeting;
		const flooder = rawDocumentSocket(`${server.url}/collab/${name}`, demo.nurse.token);
		await within(flooder.greeted, 'the flooder to be greeted');
		const [a, b] = await demo.bystanders(name, server.url);

		const awareness = new awarenessProtocol.Awareness(new Y.Doc());
		awareness.setLocalState({ user: { name: 'x'.repeat(16 * 1024) } });
		const frame = awarenessFrame(
			awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])
		);
		// Sixteen messages are far fewer than the message limit, but four times the byte budget.
		for (let i = 0; i < 16; i++) flooder.ws.send(frame);
		expect(await within(flooder.closed, 'the flooder to be closed')).toEqual(CLOSE.tooMuchData);
		await stillLive([a, b], 'others carry on');
	});

	it('updates that wait for ones never sent are bounded: their sender is closed', async () => {
		const maxPendingBytes = 8 * 1024;
		const server = await limitedServer(db(), { maxPendingBytes });
		const name = (await demoDocuments(db())).riverside.meeting;
		const sender = rawDocumentSocket(`${server.url}/collab/${name}`, demo.nurse.token);
		await within(sender.greeted, 'the sender to be greeted');
		const [a, b] = await demo.bystanders(name, server.url);

		// Edits of one client, each after the one before; the first is never sent, so none of the
		// others can be applied.
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		firstItemNotes(doc);
		doc.on('update', (update: Uint8Array) => updates.push(update));
		for (let i = 0; i < 64; i++) firstItemNotes(doc).insert(0, `${i}`.padEnd(512, '.'));
		const document = server.realtime.registry.get(name)!;
		let closed = false;
		void sender.closed.then(() => (closed = true));
		let sent = 0;
		// One at a time, each once the server holds it, so that the bound alone stops them.
		for (const update of updates.slice(1)) {
			if (closed) break;
			const before = pendingBytes(document.doc);
			sender.ws.send(updateFrame(update));
			sent++;
			await eventually(async () => closed || pendingBytes(document.doc) > before);
		}

		expect(await within(sender.closed, 'the sender to be closed')).toEqual(
			CLOSE.missingDependencies
		);
		expect(sent).toBeLessThan(updates.length - 1);
		const largest = Math.max(...updates.map((u) => u.byteLength));
		expect(pendingBytes(document.doc)).toBeLessThanOrEqual(maxPendingBytes + largest);
		await stillLive([a, b], 'others carry on');
	});
});

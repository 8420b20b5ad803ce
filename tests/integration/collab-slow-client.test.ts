import type { Socket } from 'node:net';
import { expect, it, onTestFinished } from 'vitest';
import { CLOSE } from '../../server/collab/protocol';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { abuseDemo } from './collab-abuse-fixtures';
import { demoDocuments, rawSocket, sharedText } from './collab-fixtures';
import { startCollabCore } from './collab-storage-fixtures';
import { describeEachDatabase } from './fixtures';
import { until, within } from './wait';

describeEachDatabase('a live document under abuse', (db) => {
	const demo = abuseDemo(db);

	it('a client that stops reading is dropped once its send buffer passes the limit', async () => {
		// attachRealtime does not take connection limits, so the server is wired here as it is there.
		const { url, registry, collab } = await startCollabCore(
			db(),
			{ log: new UpdateLog(db()) },
			{ maxBufferedBytes: 256 * 1024 }
		);

		const name = (await demoDocuments(db())).riverside.meeting;
		const slow = rawSocket(`${url}/collab/${name}`, demo.nurse.token);
		onTestFinished(() => slow.ws.terminate());
		const greeted = new Promise<void>((resolve) => slow.ws.once('message', () => resolve()));
		await within(slow.opened, 'the slow client to connect');
		await within(greeted, 'the greeting');
		const [slowConnection] = registry.get(name)!.connections;
		const dropped = new Promise<number>((resolve) => slowConnection.ws.once('close', resolve));
		(slow.ws as unknown as { _socket: Socket })._socket.pause();

		const [writer, reader] = await demo.bystanders(name, url);
		const bulk = sharedText(writer.doc, 'bulk');
		const chunk = 'x'.repeat(1024 * 1024);
		let sent = 0;
		// Each edit is broadcast to the paused client too, until its buffer (and, before it, the
		// kernel's socket buffers, a few MB) overflows.
		while (!slowConnection.closed && sent < 16) {
			bulk.insert(bulk.length, chunk);
			sent++;
			await until(reader.doc, () => sharedText(reader.doc, 'bulk').length === sent * chunk.length);
		}
		expect(slowConnection.closed).toBe(true);
		expect([CLOSE.slowClient.code, 1006]).toContain(await within(dropped, 'the drop'));
		expect(collab.connectionCount).toBe(2);
		// The others are not held up by it.
		bulk.insert(0, 'still live');
		await until(reader.doc, () =>
			sharedText(reader.doc, 'bulk').toString().startsWith('still live')
		);
	});
});

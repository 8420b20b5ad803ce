import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeUpdate } from '../../server/collab/protocol';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { rawSocket, testClient, type Client, sharedText } from './collab-fixtures';
import {
	ITEM,
	logRows,
	ObservedLog,
	snapshotOf,
	startCollabCore,
	storageDemo
} from './collab-storage-fixtures';
import { describeEachDatabase } from './fixtures';
import { eventually, within } from './wait';

describeEachDatabase('loading a live document', (db) => {
	const demo = storageDemo(db);

	/** Resolves once `count` sockets are in, each waiting for the document. */
	const connected = (server: Awaited<ReturnType<typeof startCollabCore>>, count: number) =>
		eventually(async () => server.collab.connectionCount === count);

	it('many clients opening an unloaded document at once cause one load', async () => {
		const name = await demo.newMeeting();
		await demo.storeOutcome(name, 'Refer to falls clinic');
		const log = new ObservedLog(db());
		const release = log.holdLoads();
		const server = await startCollabCore(db(), { log });
		const clients = Array.from({ length: 20 }, (_, i) =>
			testClient(server.url, name, i % 2 === 0 ? demo.coordinator.token : demo.gp.token)
		);
		await connected(server, clients.length);
		release();
		await within(Promise.all(clients.map((c) => c.synced)), 'every client to sync');
		expect(log.loads).toBe(1);
		expect(server.registry.size).toBe(1);
		for (const c of clients)
			expect(sharedText(c.doc, ITEM).toString()).toBe('Refer to falls clinic');
	});

	it('clients that join while a document loads see each other', async () => {
		const name = await demo.newMeeting();
		const log = new ObservedLog(db());
		const release = log.holdLoads();
		const server = await startCollabCore(db(), { log });
		const clients = Array.from({ length: 5 }, (_, i) => {
			const c = testClient(server.url, name, demo.coordinator.token);
			c.provider.awareness.setLocalStateField('user', { name: `Clinician ${i}` });
			return c;
		});
		const everyoneSeen = (c: Client) =>
			new Promise<void>((resolve) => {
				const check = () => {
					if (c.provider.awareness.getStates().size < clients.length) return;
					c.provider.awareness.off('change', check);
					resolve();
				};
				c.provider.awareness.on('change', check);
				check();
			});
		await connected(server, clients.length);
		release();
		await within(Promise.all(clients.map(everyoneSeen)), 'every client to see the others');
		expect(log.loads).toBe(1);
	});

	it('no client is synced before the load has finished', async () => {
		const name = await demo.newMeeting();
		await demo.storeOutcome(name, 'Discussed at MDT');
		const log = new ObservedLog(db());
		const release = log.holdLoads();
		const server = await startCollabCore(db(), { log });
		const c = testClient(server.url, name, demo.coordinator.token);
		const atSync = new Promise<string>((resolve) =>
			c.provider.on('sync', (synced: boolean) => {
				if (!synced) return;
				log.events.push('client synced');
				resolve(sharedText(c.doc, ITEM).toString());
			})
		);
		await connected(server, 1);
		release();
		expect(await within(atSync, 'the client to sync')).toBe('Discussed at MDT');
		expect(log.events).toEqual(['load resolved', 'client synced']);
	});

	it('a failed load closes clients with 1011 and never overwrites the stored document', async () => {
		const { coordinator, gp } = demo;
		const name = await demo.newMeeting();
		await demo.storeOutcome(name, 'Start amlodipine 5 mg');
		await new UpdateLog(db()).compact(name, coordinator.user.organisationId);
		const more = new Y.Doc();
		sharedText(more, 'item-2').insert(0, 'Recheck blood pressure in 2 weeks');
		await new UpdateLog(db()).append(name, Y.encodeStateAsUpdate(more), gp.user.id);
		const rowsBefore = await logRows(db(), name);
		const snapshotBefore = await snapshotOf(db(), name);
		expect(rowsBefore).toHaveLength(1);
		expect(snapshotBefore).toBeDefined();

		const log = new ObservedLog(db());
		log.failing = true;
		const server = await startCollabCore(db(), { log });
		// A raw socket that writes at once, and a stock client holding edits of its own.
		const raw = rawSocket(`${server.url}/collab/${name}`, coordinator.token);
		raw.opened.catch(() => {});
		const overwrite = new Y.Doc();
		sharedText(overwrite, ITEM).insert(0, 'Stop amlodipine');
		raw.ws.once('open', () => {
			raw.ws.send(encodeSyncStep1(overwrite));
			raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(overwrite)));
		});
		const offline = new Y.Doc();
		sharedText(offline, ITEM).insert(0, 'Stop amlodipine');
		const stock = testClient(server.url, name, gp.token);
		Y.applyUpdate(stock.doc, Y.encodeStateAsUpdate(offline));
		const stockClosed = new Promise<number | undefined>((resolve) =>
			stock.provider.once('connection-close', (event) => resolve(event?.code))
		);
		expect(await within(raw.closed, 'the raw socket to close')).toEqual({
			code: 1011,
			reason: 'document could not be loaded'
		});
		expect(await within(stockClosed, 'the stock client to close')).toBe(1011);
		stock.destroy();
		await eventually(async () => server.registry.size === 0);

		expect(log.loads).toBeGreaterThanOrEqual(1);
		expect(await logRows(db(), name)).toEqual(rowsBefore);
		expect(await snapshotOf(db(), name)).toEqual(snapshotBefore);

		log.failing = false;
		const later = testClient(server.url, name, coordinator.token);
		await within(later.synced, 'a later client to sync');
		expect(sharedText(later.doc, ITEM).toString()).toBe('Start amlodipine 5 mg');
		expect(sharedText(later.doc, 'item-2').toString()).toBe('Recheck blood pressure in 2 weeks');
	});
});

import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { testClient, sharedText } from './collab-fixtures';
import {
	ITEM,
	logRows,
	ObservedLog,
	startCollabCore,
	storageDemo,
	storedDocument
} from './collab-storage-fixtures';
import { changeUpdate } from '../../src/lib/domain/collab/documents';
import { markMeetingEnded, meetingEndedAt } from '../../src/lib/domain/collab/meeting';
import { describeEachDatabase } from './fixtures';
import { eventually, until, within } from './wait';

describeEachDatabase('storing edits to a live document', (db) => {
	const demo = storageDemo(db);

	it('an update the database refuses is not applied, and the client sends it again', async () => {
		const name = await demo.newMeeting();
		const log = new ObservedLog(db());
		const server = await startCollabCore(db(), { log });
		const a = testClient(server.url, name, demo.coordinator.token);
		const b = testClient(server.url, name, demo.gp.token);
		await within(Promise.all([a.synced, b.synced]), 'both clients to sync');
		const closed = new Promise<{ code?: number; reason?: string }>((resolve) =>
			a.provider.once('connection-close', (event) =>
				resolve({ code: event?.code, reason: event?.reason })
			)
		);
		log.refuseAppends = 1;
		sharedText(a.doc, ITEM).insert(0, 'Review anticoagulation');
		// Not "could not be loaded": the store failed, and says so with a code of its own.
		expect(await within(closed, 'the writer to be closed')).toEqual({
			code: 1013,
			reason: 'edit could not be stored'
		});
		await until(b.doc, () => sharedText(b.doc, ITEM).toString() === 'Review anticoagulation');
		expect(log.refuseAppends).toBe(0);
		expect(await logRows(db(), name)).toHaveLength(1);
	});

	it('an edit sent while a meeting’s end is being stored is sent again, and stored when the end failed', async () => {
		const name = await demo.newMeeting();
		const log = new ObservedLog(db());
		const server = await startCollabCore(db(), { log });
		const a = testClient(server.url, name, demo.coordinator.token);
		await within(a.synced, 'the client to sync');
		const document = server.registry.get(name)!;
		// The end is on its way to a database that will refuse it.
		const release = log.holdNextAppend(true);
		const ending = document.applyServerUpdate(
			changeUpdate(document.doc, (doc) => markMeetingEnded(doc, new Date().toISOString())),
			demo.gp.user.id,
			{ final: true }
		);
		const closed = new Promise<{ code?: number; reason?: string }>((resolve) =>
			a.provider.once('connection-close', (event) =>
				resolve({ code: event?.code, reason: event?.reason })
			)
		);
		sharedText(a.doc, ITEM).insert(0, 'Typed as the chair ends');
		// Not refused for good (4410): the end is not stored yet.
		expect(await within(closed, 'the writer to be closed')).toEqual({
			code: 1013,
			reason: 'meeting ending'
		});
		release();
		await expect(ending).rejects.toThrow(/disk full/);
		// The end failed, so the meeting goes on: the edit, sent again, is stored.
		await until(document.doc, () => sharedText(document.doc, ITEM).toString().length > 0);
		await document.settled();
		const stored = await storedDocument(db(), name);
		expect(sharedText(stored, ITEM).toString()).toBe('Typed as the chair ends');
		expect(meetingEndedAt(stored)).toBeNull();
	});

	it('updates from five writers at once are all stored, each writer’s in order', async () => {
		const name = await demo.newMeeting();
		const log = new UpdateLog(db());
		const server = await startCollabCore(db(), { log });
		const writers = Array.from({ length: 5 }, () =>
			testClient(server.url, name, demo.coordinator.token)
		);
		await within(Promise.all(writers.map((w) => w.synced)), 'the writers to sync');
		const before = log.commits;
		const perWriter = 20;
		for (const [i, w] of writers.entries()) {
			for (let j = 0; j < perWriter; j++) sharedText(w.doc, `item-${i}`).insert(j, 'x');
		}
		const updates = writers.length * perWriter;
		const rows = await eventually(async () => {
			const stored = await logRows(db(), name);
			return stored.length >= updates && stored;
		});
		expect(rows).toHaveLength(updates);
		expect(log.commits - before).toBeGreaterThan(0);
		const stored = new Y.Doc();
		for (const row of rows) Y.applyUpdate(stored, new Uint8Array(row.update));
		for (let i = 0; i < writers.length; i++) {
			expect(sharedText(stored, `item-${i}`).toString()).toBe('x'.repeat(perWriter));
		}
	});

	it('updates appended in one turn, or while a commit is in flight, share a transaction', async () => {
		const name = await demo.newMeeting();
		const log = new UpdateLog(db());
		const update = (n: number) => {
			const doc = new Y.Doc();
			doc.clientID = n + 1;
			sharedText(doc, 'item-1').insert(0, 'x');
			return Y.encodeStateAsUpdate(doc);
		};
		// One turn of the event loop: one transaction for all of them.
		await Promise.all(Array.from({ length: 50 }, (_, n) => log.append(name, update(n), null)));
		expect(log.commits).toBe(1);
		// One commit in flight: everything appended meanwhile waits for it, then shares the next.
		const first = log.append(name, update(50), null);
		await new Promise((resolve) => setImmediate(resolve));
		expect(log.commits).toBe(2);
		const rest = Array.from({ length: 49 }, (_, n) => log.append(name, update(51 + n), null));
		await Promise.all([first, ...rest]);
		expect(log.commits).toBe(3);
		expect(await logRows(db(), name)).toHaveLength(100);
	});
});

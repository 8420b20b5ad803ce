import { expect, it, onTestFinished } from 'vitest';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { startCollabServer, testClient, sharedText } from './collab-fixtures';
import {
	ITEM,
	logRows,
	observedDb,
	outcomeOf,
	snapshotOf,
	startCollabCore,
	storageDemo
} from './collab-storage-fixtures';
import { describeEachDatabase } from './fixtures';
import { eventually, within } from './wait';

describeEachDatabase('compacting a live document', (db, kind) => {
	const demo = storageDemo(db);

	it('compaction folds the log into a snapshot and keeps rows appended meanwhile', async () => {
		const name = await demo.newMeeting();
		const observed = observedDb(db());
		const log = new UpdateLog(observed.db);
		const server = await startCollabCore(db(), { log, compactAfter: 1_000_000 });
		const a = testClient(server.url, name, demo.coordinator.token);
		await within(a.synced, 'the client to sync');
		const outcome = sharedText(a.doc, ITEM);
		for (let i = 0; i < 10; i++) outcome.insert(outcome.length, `Goal ${i}. `);
		const folded = await eventually(async () => {
			const rows = await logRows(db(), name);
			return rows.length === 10 && rows;
		});
		const foldedText = outcome.toString();

		observed.beforeFold = async () => {
			sharedText(a.doc, 'item-2').insert(0, 'Typed during compaction');
			// PostgreSQL commits the row while the compaction's transaction is open; PGlite has one
			// connection, so there the row is committed just after it.
			if (kind === 'PostgreSQL') {
				await eventually(async () => (await logRows(db(), name)).length > folded.length);
			}
		};
		await server.registry.compact(server.registry.get(name)!);
		expect(observed.beforeFold).toBeUndefined();

		const snapshot = await snapshotOf(db(), name);
		expect(snapshot).toBeDefined();
		expect(outcomeOf([new Uint8Array(snapshot!.state)])).toBe(foldedText);
		const kept = await eventually(async () => {
			const rows = await logRows(db(), name);
			return rows.length > 0 && rows;
		});
		const foldedIds = new Set(folded.map((r) => r.id));
		expect(kept).toHaveLength(1);
		expect(foldedIds.has(kept[0].id)).toBe(false);

		const elsewhere = await startCollabServer(db());
		onTestFinished(() => elsewhere.close());
		const c = testClient(elsewhere.url, name, demo.gp.token);
		await within(c.synced, 'a new client to sync');
		expect(sharedText(c.doc, ITEM).toString()).toBe(foldedText);
		expect(sharedText(c.doc, 'item-2').toString()).toBe('Typed during compaction');
	});

	it('a load that races a compaction still finds every update', async () => {
		const name = await demo.newMeeting();
		await demo.storeOutcome(name, 'Blood tests before the next review');
		const observed = observedDb(db());
		// Another process compacts between the load's reads of the log and of the snapshot.
		observed.afterRead = async () => {
			expect(await new UpdateLog(db()).compact(name, demo.coordinator.user.organisationId)).toBe(1);
		};
		const loaded = await new UpdateLog(observed.db).load(name);
		expect(observed.afterRead).toBeUndefined();
		expect(outcomeOf(loaded.updates)).toBe('Blood tests before the next review');
	});

	it('an idle document is compacted, unloaded, and loaded again with all its content', async () => {
		const name = await demo.newMeeting();
		const server = await startCollabServer(db(), { idleMs: 100 });
		onTestFinished(() => server.close());
		const { registry } = server.realtime;
		const a = testClient(server.url, name, demo.coordinator.token);
		await within(a.synced, 'the client to sync');
		sharedText(a.doc, ITEM).insert(0, 'Review in 6 weeks');
		await eventually(async () => (await logRows(db(), name)).length === 1);
		expect(registry.size).toBe(1);
		a.destroy();

		await eventually(async () => registry.size === 0);
		await eventually(async () => (await logRows(db(), name)).length === 0);
		const snapshot = await snapshotOf(db(), name);
		expect(outcomeOf([new Uint8Array(snapshot!.state)])).toBe('Review in 6 weeks');

		const c = testClient(server.url, name, demo.gp.token);
		await within(c.synced, 'the client to sync again');
		expect(registry.size).toBe(1);
		expect(sharedText(c.doc, ITEM).toString()).toBe('Review in 6 weeks');
	});
});

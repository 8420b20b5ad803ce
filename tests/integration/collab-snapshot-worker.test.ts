import { randomUUID } from 'node:crypto';
import { expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { SnapshotWorker, type Snapshots } from '../../server/collab/SnapshotWorker';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { docName } from '../../src/lib/domain/collab/documents';
import type { Db } from '../../src/lib/server/db';
import { logRows, snapshotOf, storedDocument } from './collab-storage-fixtures';
import { describeEachDatabase } from './fixtures';

/** A meeting's notes typed one character at a time, each character one logged update. */
async function typedDocument(log: UpdateLog, characters: number): Promise<string> {
	const name = docName('meeting', randomUUID());
	const typist = new Y.Doc();
	const updates: Uint8Array[] = [];
	typist.on('update', (update: Uint8Array) => updates.push(update));
	const notes = typist.getText('item-1.notes');
	const words = 'Lives alone; daughter visits daily. ';
	for (let i = 0; i < characters; i++) notes.insert(notes.length, words[i % words.length]);
	notes.delete(0, 6);
	await Promise.all(updates.map((update) => log.append(name, update, null)));
	return name;
}

/** The document as its log and snapshot replay, encoded: what a compaction must not change. */
async function replayed(db: Db, name: string): Promise<Uint8Array> {
	return Y.encodeStateAsUpdate(await storedDocument(db, name));
}

function withWorker(worker: SnapshotWorker): SnapshotWorker {
	onTestFinished(() => worker.close());
	return worker;
}

describeEachDatabase('compacting on the snapshot worker', (db) => {
	it('stores a snapshot that reads exactly as the log it replaces', async () => {
		const worker = withWorker(new SnapshotWorker());
		const log = new UpdateLog(db(), { snapshots: worker });
		const name = await typedDocument(log, 400);
		const before = await replayed(db(), name);

		expect(await log.compact(name, null)).toBe(401);

		expect(worker.thread).toBeDefined();
		expect(await logRows(db(), name)).toHaveLength(0);
		const snapshot = await snapshotOf(db(), name);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, new Uint8Array(snapshot!.state));
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		expect(doc.getText('item-1.notes').toString()).toMatch(/^alone; daughter visits daily\. Lives/);
	});

	it('a worker thread that dies during a compaction is replaced, and nothing is lost', async () => {
		const worker = withWorker(new SnapshotWorker());
		await worker.merge([Y.encodeStateAsUpdate(new Y.Doc())]);
		// The running thread is killed as soon as it has been handed the compaction's merge.
		const dying: Snapshots = {
			merge(parts) {
				const merged = worker.merge(parts);
				void worker.thread!.terminate();
				return merged;
			},
			close: () => worker.close()
		};
		const log = new UpdateLog(db(), { snapshots: dying });
		const name = await typedDocument(log, 300);
		const before = await replayed(db(), name);

		expect(await log.compact(name, null)).toBe(301);

		expect(worker.threadsStarted).toBe(2);
		expect(await logRows(db(), name)).toHaveLength(0);
		expect(await replayed(db(), name)).toEqual(before);
	});

	it('where no worker thread can start, compaction merges on the main thread', async () => {
		const worker = withWorker(
			new SnapshotWorker({ entry: new URL('./no-such-worker.js', import.meta.url) })
		);
		const log = new UpdateLog(db(), { snapshots: worker });
		const name = await typedDocument(log, 200);
		const before = await replayed(db(), name);

		expect(await log.compact(name, null)).toBe(201);

		expect(worker.thread).toBeUndefined();
		expect(await logRows(db(), name)).toHaveLength(0);
		expect(await replayed(db(), name)).toEqual(before);
	});

	it('a compaction that finds its rows folded by another meanwhile writes nothing', async () => {
		const log = new UpdateLog(db());
		const name = await typedDocument(log, 100);
		const before = await replayed(db(), name);
		// Another process compacts while this one's merge is on the worker thread.
		const racing = new UpdateLog(db(), {
			snapshots: {
				async merge(parts) {
					expect(await log.compact(name, null)).toBe(101);
					return Y.mergeUpdates(parts);
				},
				close: async () => {}
			}
		});

		expect(await racing.compact(name, null)).toBe(0);

		expect(await replayed(db(), name)).toEqual(before);
	});
});

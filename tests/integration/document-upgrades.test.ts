import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { setFragmentText } from '../../src/lib/domain/collab/documents';
import { meetingToJson } from '../../src/lib/domain/collab/meeting';
import { schema } from '../../src/lib/server/db';
import { runDocumentUpgrades } from '../../src/lib/server/document-upgrades';
import { connect, liveDemo } from './collab-fixtures';
import { describeEachDatabase } from './fixtures';

const PATIENT = '0b8e7f3c-1d2a-4e5b-8c6d-7e8f9a0b1c2d';

describeEachDatabase('upgrading stored meeting documents', (db) => {
	const live = liveDemo(db);

	it('a version 1 meeting stored before the upgrade opens as version 2, with every word', async () => {
		const name = live.docs.riverside.meeting;
		const old = new Y.Doc();
		const item = new Y.Map<unknown>();
		item.set('id', 'item-1');
		item.set('patientId', PATIENT);
		item.set('reason', 'Falls');
		item.set('questions', new Y.Text('Falls clinic?'));
		item.set('status', 'discussed');
		old.getArray('agenda').push([item]);
		old.getMap('meta').set('schemaVersion', 1);
		setFragmentText(old.getXmlFragment('notes.item-1'), 'Two falls');
		old.getText('outcome.item-1').insert(0, 'Refer to falls clinic');
		await db()
			.insert(schema.collabUpdate)
			.values({ docName: name, update: Y.encodeStateAsUpdate(old), userId: null });
		// As if this release started on a database of the last: the upgrade has not run yet.
		await db().delete(schema.documentUpgrade).where(eq(schema.documentUpgrade.name, 'meeting-v2'));

		expect(await runDocumentUpgrades(db())).toEqual({ 'meeting-v2': 1 });
		expect(await runDocumentUpgrades(db())).toEqual({});

		const client = connect(live.server.url, name, live.coordinator.token);
		await client.synced;
		expect(meetingToJson(client.doc).agenda).toEqual([
			expect.objectContaining({
				id: 'item-1',
				reason: 'Falls',
				questions: 'Falls clinic?',
				notes: 'Two falls',
				outcome: 'Refer to falls clinic',
				status: 'discussed'
			})
		]);
		client.destroy();
	});

	it('leaves documents of other kinds, and version 2 meetings, alone', async () => {
		await db().delete(schema.documentUpgrade).where(eq(schema.documentUpgrade.name, 'meeting-v2'));
		const before = await db().select().from(schema.collabUpdate);
		const upgraded = await runDocumentUpgrades(db());
		const after = await db().select().from(schema.collabUpdate);
		expect(upgraded).toEqual({ 'meeting-v2': 0 });
		expect(after.length).toBe(before.length);
	});
});

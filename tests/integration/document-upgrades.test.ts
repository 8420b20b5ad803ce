import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { carePlanToJson } from '../../src/lib/domain/collab/careplan';
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

	it('a version 1 care plan stored before the upgrade opens with its goals and actions co-editable', async () => {
		const name = live.docs.riverside.careplan;
		const goalId = crypto.randomUUID();
		const actionId = crypto.randomUUID();
		const old = new Y.Doc();
		const goal = new Y.Map<unknown>();
		const action = new Y.Map<unknown>();
		const actions = new Y.Array<unknown>();
		goal.set('id', goalId);
		goal.set('description', new Y.Text('Walk to the shops'));
		goal.set('importance', 8);
		goal.set('status', 'in_progress');
		goal.set('actions', actions);
		action.set('id', actionId);
		action.set('what', new Y.Text('Join the walking group'));
		action.set('confidence', 7);
		actions.push([action]);
		old.getArray('goals').push([goal]);
		old.getMap('meta').set('schemaVersion', 1);
		await db()
			.insert(schema.collabUpdate)
			.values({ docName: name, update: Y.encodeStateAsUpdate(old), userId: null });
		await db().delete(schema.documentUpgrade).where(eq(schema.documentUpgrade.name, 'careplan-v2'));

		expect(await runDocumentUpgrades(db())).toEqual({ 'careplan-v2': 1 });
		expect(await runDocumentUpgrades(db())).toEqual({});

		const client = connect(live.server.url, name, live.coordinator.token);
		await client.synced;
		const plan = carePlanToJson(client.doc);
		expect(plan.schemaVersion).toBe(3);
		expect(plan.carePlan.goals).toEqual([
			expect.objectContaining({
				id: goalId,
				description: 'Walk to the shops',
				importance: 8,
				actions: [expect.objectContaining({ id: actionId, what: 'Join the walking group' })]
			})
		]);
		expect(client.doc.getXmlFragment(`goal.${goalId}.description`).length).toBe(1);
		client.destroy();
	});

	it('a version 2 care plan stored before version 3 opens with who reviews and each who co-editable', async () => {
		// Someone with no plan yet: not the demo's, nor the one the test above wrote.
		const patients = await db()
			.select({ id: schema.patient.id })
			.from(schema.patient)
			.where(eq(schema.patient.organisationId, live.docs.riverside.organisationId));
		const taken = new Set(
			[
				...(await db().select({ name: schema.collabUpdate.docName }).from(schema.collabUpdate)),
				...(await db().select({ name: schema.collabSnapshot.docName }).from(schema.collabSnapshot))
			].map((row) => row.name)
		);
		const patientId = patients.find((p) => !taken.has(`careplan:${p.id}`))!.id;
		const name = `careplan:${patientId}`;
		const goalId = crypto.randomUUID();
		const actionId = crypto.randomUUID();
		const old = new Y.Doc();
		const goal = new Y.Map<unknown>();
		const action = new Y.Map<unknown>();
		const actions = new Y.Array<unknown>();
		goal.set('id', goalId);
		goal.set('actions', actions);
		action.set('id', actionId);
		action.set('who', 'Link worker');
		actions.push([action]);
		old.getArray('goals').push([goal]);
		setFragmentText(old.getXmlFragment(`goal.${goalId}.description`), 'Walk to the shops');
		setFragmentText(old.getXmlFragment(`goalAction.${actionId}.what`), 'Join the walking group');
		old.getMap('review').set('responsible', 'Priya Shah, care coordinator');
		old.getMap('meta').set('schemaVersion', 2);
		await db()
			.insert(schema.collabUpdate)
			.values({ docName: name, update: Y.encodeStateAsUpdate(old), userId: null });
		await db().delete(schema.documentUpgrade).where(eq(schema.documentUpgrade.name, 'careplan-v3'));

		expect(await runDocumentUpgrades(db())).toEqual({ 'careplan-v3': 1 });
		expect(await runDocumentUpgrades(db())).toEqual({});

		const client = connect(live.server.url, name, live.coordinator.token);
		await client.synced;
		const plan = carePlanToJson(client.doc);
		expect(plan.schemaVersion).toBe(3);
		expect(plan.carePlan.review.responsible).toBe('Priya Shah, care coordinator');
		expect(plan.carePlan.goals[0].actions[0]).toMatchObject({
			what: 'Join the walking group',
			who: 'Link worker'
		});
		expect(client.doc.getXmlFragment('review.responsible').length).toBe(1);
		expect(client.doc.getXmlFragment(`goalAction.${actionId}.who`).length).toBe(1);
		client.destroy();
	});
});

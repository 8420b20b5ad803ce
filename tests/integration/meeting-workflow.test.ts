import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	addAgendaItem,
	meetingToJson,
	updateAgendaItem
} from '../../src/lib/domain/collab/meeting';
import { createAction, listMyActions, listOpenActionsBefore } from '../../src/lib/server/actions';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { endMeeting } from '../../src/lib/server/meeting-end';
import { realtime } from '../../src/lib/server/realtime-bridge';
import { suggestedForDiscussion } from '../../src/lib/server/suggestions';
import { connect, startCollabServer, type CollabServerHandle } from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import { until } from './wait';
import { ensureSeries } from '../../src/lib/server/meeting-series';

describeEachDatabase('running an MDT', (db) => {
	let server: CollabServerHandle;
	let coordinator: Awaited<ReturnType<typeof signedInAs>>;
	let gp: Awaited<ReturnType<typeof signedInAs>>;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		gp = await signedInAs(db(), 'gp@riverside.test');
		server = await startCollabServer(db());
	});
	afterAll(async () => {
		await server.close();
	});

	it('suggests patients for discussion with the reason for each', async () => {
		const suggestions = await suggestedForDiscussion(db(), coordinator.user);
		const reasons = suggestions.flatMap((s) => s.reasons);
		expect(reasons.some((r) => r.startsWith('Discharged from hospital on'))).toBe(true);
		expect(reasons).toContain('Open safeguarding concern');
		expect(reasons).toContain('PAM level 1');
		expect(reasons.some((r) => r.startsWith('Referred for MDT:'))).toBe(true);
		expect(reasons.some((r) => /overdue action/.test(r))).toBe(true);
		expect(reasons.some((r) => r === 'Severe frailty' || r === 'Moderate frailty')).toBe(true);
		const counts = suggestions.map((s) => s.reasons.length);
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
		const hillside = await signedInAs(db(), 'coordinator@hillside.test');
		const theirs = new Set(
			(await suggestedForDiscussion(db(), hillside.user)).map((s) => s.patientId)
		);
		expect(suggestions.some((s) => theirs.has(s.patientId))).toBe(false);
	});

	it('ending a meeting carries undiscussed items to a new next meeting, counting the current item as discussed', async () => {
		const patients = await db()
			.select({ id: schema.patient.id })
			.from(schema.patient)
			.where(eq(schema.patient.organisationId, coordinator.user.organisationId))
			.limit(3);
		const [meeting] = await db()
			.insert(schema.meeting)
			.values({
				organisationId: coordinator.user.organisationId,
				seriesId: await ensureSeries(db(), coordinator.user.organisationId, 'Workflow MDT'),
				title: 'Workflow MDT',
				startsAt: new Date(Date.now() + 400 * 24 * 3600 * 1000),
				chairId: gp.user.id
			})
			.returning();
		const client = connect(server.url, `meeting:${meeting.id}`, gp.token);
		await client.synced;
		const ids = patients.map((p, i) =>
			addAgendaItem(client.doc, { patientId: p.id, reason: `Reason ${i}` })
		);
		updateAgendaItem(client.doc, ids[0], { status: 'discussed' });
		await until(client.doc, () => meetingToJson(client.doc).agenda.length === 3);
		await db()
			.update(schema.meeting)
			.set({ currentItemId: ids[1] })
			.where(eq(schema.meeting.id, meeting.id));
		// The server has the client's edits before the chair ends the meeting.
		const onServer = server.realtime.registry.get(`meeting:${meeting.id}`)!.doc;
		await until(onServer, () => meetingToJson(onServer).agenda[0]?.status === 'discussed');

		const result = await endMeeting(db(), realtime()!, gp.user, meeting.id);
		expect(result?.carried).toBe(1);
		const [next] = await db()
			.select()
			.from(schema.meeting)
			.where(eq(schema.meeting.id, result!.nextMeetingId!));
		expect(next.title).toBe('Workflow MDT');
		expect(next.startsAt.getTime() - meeting.startsAt.getTime()).toBe(7 * 24 * 3600 * 1000);
		const nextClient = connect(server.url, `meeting:${next.id}`, gp.token);
		await nextClient.synced;
		await until(nextClient.doc, () => meetingToJson(nextClient.doc).agenda.length === 1);
		expect(meetingToJson(nextClient.doc).agenda[0]).toMatchObject({
			patientId: patients[2].id,
			reason: 'Carried forward: Reason 2'
		});
		await until(client.doc, () => meetingToJson(client.doc).agenda[1].status === 'discussed');
		const [ended] = await db()
			.select()
			.from(schema.meeting)
			.where(eq(schema.meeting.id, meeting.id));
		expect(ended.status).toBe('ended');
		const items = await db()
			.select()
			.from(schema.agendaItem)
			.where(eq(schema.agendaItem.meetingId, meeting.id));
		expect(items).toHaveLength(3);
		client.destroy();
		nextClient.destroy();
	});

	it('stores an action at once, shows it to its assignee, and lists open ones at later meetings', async () => {
		const seriesId = await ensureSeries(db(), coordinator.user.organisationId, 'Follow-up MDT');
		const [earlier, later] = await db()
			.insert(schema.meeting)
			.values([
				{
					organisationId: coordinator.user.organisationId,
					seriesId,
					title: 'Earlier',
					startsAt: new Date('2026-01-01T13:00:00Z')
				},
				{
					organisationId: coordinator.user.organisationId,
					seriesId,
					title: 'Later',
					startsAt: new Date('2026-02-01T13:00:00Z')
				}
			])
			.returning();
		const id = await createAction(db(), coordinator.user, {
			description: 'Phone the daughter about respite',
			assigneeId: gp.user.id,
			dueDate: '2026-01-08',
			priority: 'soon',
			meetingId: earlier.id
		});
		const [stored] = await db().select().from(schema.mdtAction).where(eq(schema.mdtAction.id, id));
		expect(stored.status).toBe('open');
		expect((await listMyActions(db(), gp.user)).map((a) => a.id)).toContain(id);
		expect((await listMyActions(db(), coordinator.user)).map((a) => a.id)).not.toContain(id);
		expect((await listOpenActionsBefore(db(), coordinator.user, later)).map((a) => a.id)).toContain(
			id
		);
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.entityId, id), eq(schema.auditEvent.action, 'create')));
		expect(audit).toHaveLength(1);
	});
});

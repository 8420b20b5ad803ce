import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createAction } from '../../src/lib/server/actions';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { createMeeting } from '../../src/lib/server/meetings';
import { recordJoin, startMeeting } from '../../src/lib/server/meeting-room';
import { getMinutes } from '../../src/lib/server/minutes';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('the minutes of a meeting', (db) => {
	let gp: SessionUser;
	let linkWorker: SessionUser;
	let coach: SessionUser;
	let hillside: SessionUser;

	beforeAll(async () => {
		await seedDemo(db());
		gp = (await signedInAs(db(), 'gp@riverside.test')).user;
		linkWorker = (await signedInAs(db(), 'linkworker@riverside.test')).user;
		coach = (await signedInAs(db(), 'coach@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
	});

	/** A meeting whose chair attended and whose coach did not, with one discussed item. */
	async function heldMeeting() {
		const meetingId = await createMeeting(db(), gp, {
			title: 'Minutes MDT',
			startsAt: new Date(),
			durationMinutes: 60,
			chairId: gp.id,
			inviteeIds: [linkWorker.id, coach.id]
		});
		const [person] = await db()
			.select()
			.from(schema.patient)
			.where(eq(schema.patient.organisationId, gp.organisationId))
			.limit(1);
		await db().insert(schema.agendaItem).values({
			meetingId,
			id: 'item-1',
			organisationId: gp.organisationId,
			position: 0,
			patientId: person.id,
			reason: 'Falls',
			status: 'discussed',
			notes: 'Two falls this month.',
			outcome: 'Refer to falls clinic.'
		});
		await startMeeting(db(), undefined, gp, meetingId);
		await recordJoin(db(), gp, meetingId);
		await recordJoin(db(), linkWorker, meetingId);
		const base = {
			assigneeId: linkWorker.id,
			dueDate: null,
			priority: 'routine',
			meetingId
		} as const;
		await createAction(db(), gp, {
			...base,
			description: 'Refer to falls clinic',
			agendaItemId: 'item-1',
			patientId: person.id
		});
		await createAction(db(), gp, { ...base, description: 'Book next MDT room' });
		return { meetingId, person };
	}

	it('list who attended and who was absent, each item with its patient, outcome and actions', async () => {
		const { meetingId, person } = await heldMeeting();
		const minutes = await getMinutes(db(), gp, meetingId);
		expect(minutes?.meeting).toMatchObject({ title: 'Minutes MDT', chair: gp.name });
		expect(minutes?.attendance.map((a) => a.name).sort()).toEqual(
			[gp.name, linkWorker.name].sort()
		);
		expect(minutes?.absent).toEqual([coach.name]);
		expect(minutes?.items).toHaveLength(1);
		expect(minutes?.items[0]).toMatchObject({
			reason: 'Falls',
			notes: 'Two falls this month.',
			outcome: 'Refer to falls clinic.',
			patient: { id: person.id, nhsNumber: person.nhsNumber }
		});
		expect(minutes?.items[0].actions.map((a) => a.description)).toEqual(['Refer to falls clinic']);
		expect(minutes?.otherActions.map((a) => a.description)).toEqual(['Book next MDT room']);
	});

	it('are audited as a view of the meeting, and another PCN gets none', async () => {
		const { meetingId } = await heldMeeting();
		expect(await getMinutes(db(), hillside, meetingId)).toBeNull();
		await getMinutes(db(), gp, meetingId, { ip: '203.0.113.9' });
		const views = await db()
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.entityId, meetingId), eq(schema.auditEvent.action, 'view')));
		expect(views.map((v) => [v.userId, v.ip])).toEqual([[gp.id, '203.0.113.9']]);
	});
});

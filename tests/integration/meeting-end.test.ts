import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
	meetingEndedAt,
	meetingToJson,
	updateAgendaItem
} from '../../src/lib/domain/collab/meeting';
import { meetingDocument } from '../../src/lib/server/collab-access';
import { schema } from '../../src/lib/server/db';
import { endMeeting, MeetingEndRefused } from '../../src/lib/server/meeting-end';
import { recordJoin, recordLeave, startMeeting } from '../../src/lib/server/meeting-room';
import { getMinutes } from '../../src/lib/server/minutes';
import { realtime } from '../../src/lib/server/realtime-bridge';
import { testClient } from './collab-fixtures';
import { describeEachDatabase } from './fixtures';
import { meetingEndDemo } from './meeting-end-fixtures';
import { until, within } from './wait';

const WEEK = 7 * 24 * 60 * 60 * 1000;

describeEachDatabase('starting and ending a meeting', (db) => {
	const demo = meetingEndDemo(db);

	it('Start meeting stores the first item not yet discussed as the current item', async () => {
		const meeting = await demo.meeting('Start MDT');
		const { client, ids } = await demo.agenda(meeting.id, [
			{ reason: 'Falls' },
			{ reason: 'Carer' }
		]);
		updateAgendaItem(client.doc, ids[0], { status: 'discussed' });
		const onServer = demo.serverDoc(meeting.id);
		await until(onServer, () => meetingToJson(onServer).agenda[0].status === 'discussed');

		const started = await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		expect(started).toMatchObject({
			ok: true,
			state: { status: 'in_progress', currentItemId: ids[1] }
		});
		const [row] = await db().select().from(schema.meeting).where(eq(schema.meeting.id, meeting.id));
		expect(row).toMatchObject({ status: 'in_progress', currentItemId: ids[1] });
		expect(row.startedAt).toBeInstanceOf(Date);
	});

	it('ending on the first item keeps its notes and decision in the minutes, and carries forward only the rest', async () => {
		const meeting = await demo.meeting('One-item MDT');
		const { ids } = await demo.agenda(meeting.id, [
			{ reason: 'Falls', notes: 'Two falls this month.', outcome: 'Refer to falls clinic.' },
			{ reason: 'Carer strain' }
		]);
		// The chair starts the meeting and ends it without ever moving: item 1 is current.
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		const ended = await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		expect(ended?.carried).toBe(1);

		const minutes = await getMinutes(db(), demo.gp.user, meeting.id);
		expect(minutes?.meeting.status).toBe('ended');
		expect(minutes?.meeting.endedAt).toEqual(ended?.endedAt);
		expect(minutes?.items.map((i) => [i.id, i.status])).toEqual([
			[ids[0], 'discussed'],
			[ids[1], 'deferred']
		]);
		expect(minutes?.items[0]).toMatchObject({
			notes: 'Two falls this month.',
			outcome: 'Refer to falls clinic.',
			hasRecord: true
		});
		const next = await realtime()!.withDocument(
			meetingDocument(demo.gp.user.organisationId, ended!.nextMeetingId!),
			(doc) => meetingToJson(doc).agenda.map((i) => i.patientId)
		);
		expect(next).toEqual([demo.patients[1]]);
	});

	it('the chair’s choices decide what is discussed and what is carried forward', async () => {
		const meeting = await demo.meeting('Choices MDT');
		const { ids } = await demo.agenda(meeting.id, [
			{ reason: 'Falls', notes: 'Started on this.' },
			{ reason: 'Carer strain' }
		]);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		const ended = await endMeeting(db(), realtime()!, demo.gp.user, meeting.id, {
			[ids[0]]: 'deferred',
			[ids[1]]: 'discussed'
		});
		expect(ended?.carried).toBe(1);
		const minutes = await getMinutes(db(), demo.gp.user, meeting.id);
		expect(minutes?.items.map((i) => i.status)).toEqual(['deferred', 'discussed']);
		// Deferred, but what was written for it is in the minutes all the same.
		expect(minutes?.items[0]).toMatchObject({ notes: 'Started on this.', hasRecord: true });
	});

	it('ending twice is refused and changes nothing', async () => {
		const meeting = await demo.meeting('Twice MDT');
		await demo.agenda(meeting.id, [{ reason: 'Falls' }, { reason: 'Carer strain' }]);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		const first = await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		const before = {
			meetings: await demo.meetingsOf('Twice MDT'),
			updates: await demo.storedUpdates(meeting.id),
			audit: await db()
				.select()
				.from(schema.auditEvent)
				.where(
					and(eq(schema.auditEvent.entityId, meeting.id), eq(schema.auditEvent.action, 'update'))
				)
		};
		await expect(endMeeting(db(), realtime()!, demo.gp.user, meeting.id)).rejects.toBeInstanceOf(
			MeetingEndRefused
		);
		expect(await demo.meetingsOf('Twice MDT')).toEqual(before.meetings);
		expect(await demo.storedUpdates(meeting.id)).toBe(before.updates);
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.entityId, meeting.id), eq(schema.auditEvent.action, 'update'))
			);
		expect(audit).toHaveLength(before.audit.length);
		const [row] = await db().select().from(schema.meeting).where(eq(schema.meeting.id, meeting.id));
		expect(row.endedAt).toEqual(first?.endedAt);
	});

	it('the end reaches every client through the document', async () => {
		const meeting = await demo.meeting('Broadcast MDT');
		await demo.agenda(meeting.id, [{ reason: 'Falls' }]);
		const other = testClient(demo.server.url, `meeting:${meeting.id}`, demo.nurse.token);
		await within(other.synced, 'the nurse to sync');
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		const ended = await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		await until(other.doc, () => meetingEndedAt(other.doc) !== null);
		expect(meetingEndedAt(other.doc)).toBe(ended!.endedAt.toISOString());
	});

	it('carry-forward goes to the series’ next meeting, not the next meeting of another team', async () => {
		const frailty = await demo.meeting('Frailty series MDT', 900);
		// Another team's meeting comes first; the frailty series' next is a week later.
		await demo.meeting('Mental health MDT', 900.1);
		const nextFrailty = await demo.meeting('Frailty series MDT', 907);
		await demo.agenda(frailty.id, [{ reason: 'Falls' }, { reason: 'Carer strain' }]);
		await startMeeting(db(), realtime(), demo.gp.user, frailty.id);
		const ended = await endMeeting(db(), realtime()!, demo.gp.user, frailty.id);
		expect(ended?.nextMeetingId).toBe(nextFrailty.id);
	});

	it('carry-forward schedules the series’ next meeting a week later when it has none', async () => {
		const meeting = await demo.meeting('Lonely series MDT');
		await demo.meeting('Another team MDT');
		await demo.agenda(meeting.id, [{ reason: 'Falls' }, { reason: 'Carer strain' }]);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		const ended = await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		const series = await demo.meetingsOf('Lonely series MDT');
		expect(series.map((m) => m.id)).toEqual([meeting.id, ended!.nextMeetingId]);
		expect(series[1].startsAt.getTime() - meeting.startsAt.getTime()).toBe(WEEK);
		expect(series[1]).toMatchObject({ status: 'scheduled', chairId: demo.gp.user.id });
	});

	it('whoever ended it was present at the end, though the confirmation took them out of the room', async () => {
		const meeting = await demo.meeting('Present MDT');
		await demo.agenda(meeting.id, [{ reason: 'Falls' }]);
		await startMeeting(db(), realtime(), demo.gp.user, meeting.id);
		await recordJoin(db(), demo.gp.user, meeting.id);
		await recordLeave(db(), demo.gp.user, meeting.id);
		await endMeeting(db(), realtime()!, demo.gp.user, meeting.id);
		const minutes = await getMinutes(db(), demo.gp.user, meeting.id);
		expect(minutes?.attendance.map((a) => [a.name, a.presentAtEnd])).toEqual([
			[demo.gp.user.name, true]
		]);
	});
});

import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { agendaItem, mdtAction, meeting, meetingAttendance, user } from './db/schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A meeting of the caller's organisation with its agenda, attendance and actions; else null. */
export async function getMeetingDetail(
	db: Db,
	actor: SessionUser,
	meetingId: string,
	context: { ip?: string } = {}
) {
	if (!UUID.test(meetingId)) return null;
	const chair = alias(user, 'chair');
	const [row] = await db
		.select({
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			durationMinutes: meeting.durationMinutes,
			status: meeting.status,
			chair: { id: chair.id, name: chair.name },
			currentItemId: meeting.currentItemId
		})
		.from(meeting)
		.leftJoin(chair, eq(chair.id, meeting.chairId))
		.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)));
	if (!row) return null;
	const [agenda, attendance, actions] = await Promise.all([
		db
			.select()
			.from(agendaItem)
			.where(eq(agendaItem.meetingId, meetingId))
			.orderBy(asc(agendaItem.position)),
		db
			.select({
				userId: meetingAttendance.userId,
				name: user.name,
				joinedAt: meetingAttendance.joinedAt,
				leftAt: meetingAttendance.leftAt
			})
			.from(meetingAttendance)
			.innerJoin(user, eq(user.id, meetingAttendance.userId))
			.where(eq(meetingAttendance.meetingId, meetingId))
			.orderBy(asc(meetingAttendance.joinedAt)),
		db
			.select({
				id: mdtAction.id,
				description: mdtAction.description,
				agendaItemId: mdtAction.agendaItemId,
				patientId: mdtAction.patientId,
				assigneeId: mdtAction.assigneeId,
				assignee: user.name,
				dueDate: mdtAction.dueDate,
				priority: mdtAction.priority,
				status: mdtAction.status
			})
			.from(mdtAction)
			.innerJoin(user, eq(user.id, mdtAction.assigneeId))
			.where(eq(mdtAction.meetingId, meetingId))
			.orderBy(asc(mdtAction.createdAt))
	]);
	await recordAudit(db, {
		action: 'view',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'meeting',
		entityId: meetingId,
		ip: context.ip
	});
	return {
		...row,
		agenda: agenda.map(({ organisationId: _o, meetingId: _m, ...item }) => item),
		attendance,
		actions
	};
}

import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import {
	agendaItem,
	mdtAction,
	meeting,
	meetingAttendance,
	meetingInvitee,
	membership,
	user
} from './db/schema';

/** A meeting of the caller's organisation with its agenda, attendance and actions; else null. */
export async function getMeetingDetail(
	db: Db,
	actor: SessionUser,
	meetingId: string,
	context: { ip?: string } = {}
) {
	if (!isUuid(meetingId)) return null;
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

export type MeetingSummary = {
	id: string;
	title: string;
	startsAt: Date;
	durationMinutes: number;
	status: 'scheduled' | 'in_progress' | 'ended' | 'cancelled';
	chairName: string | null;
	agendaCount: number;
};

/** The organisation's meetings: upcoming (soonest first) and past (latest first). */
export async function listMeetings(db: Db, actor: SessionUser) {
	const chair = alias(user, 'chair');
	const rows: MeetingSummary[] = await db
		.select({
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			durationMinutes: meeting.durationMinutes,
			status: meeting.status,
			chairName: chair.name,
			agendaCount: sql<number>`(select count(*)::int from ${agendaItem} where ${agendaItem.meetingId} = ${meeting.id})`
		})
		.from(meeting)
		.leftJoin(chair, eq(chair.id, meeting.chairId))
		.where(eq(meeting.organisationId, actor.organisationId))
		.orderBy(asc(meeting.startsAt));
	const now = Date.now();
	const isPast = (m: MeetingSummary) =>
		m.status === 'ended' ||
		(m.status !== 'in_progress' && m.startsAt.getTime() + m.durationMinutes * 60_000 < now);
	return {
		upcoming: rows.filter((m) => !isPast(m)),
		past: rows.filter(isPast).reverse()
	};
}

/** One meeting of the caller's organisation with its chair and invitees, or null. */
export async function getMeeting(db: Db, actor: SessionUser, meetingId: string) {
	if (!isUuid(meetingId)) return null;
	const [row] = await db
		.select()
		.from(meeting)
		.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)));
	if (!row) return null;
	const invitees = await db
		.select({ id: user.id, name: user.name, email: user.email })
		.from(meetingInvitee)
		.innerJoin(user, eq(user.id, meetingInvitee.userId))
		.where(eq(meetingInvitee.meetingId, meetingId))
		.orderBy(asc(user.name));
	const [chair] = row.chairId
		? await db
				.select({ id: user.id, name: user.name, email: user.email })
				.from(user)
				.where(eq(user.id, row.chairId))
		: [];
	return { ...row, chair: chair ?? null, invitees };
}

export type MeetingInput = {
	title: string;
	startsAt: Date;
	durationMinutes: number;
	chairId: string;
	inviteeIds: string[];
};

export class NotAMemberError extends Error {
	constructor() {
		super('Choose members of your own team');
	}
}

async function checkMembers(db: Db, organisationId: string, ids: string[]) {
	const wanted = [...new Set(ids)];
	if (wanted.length === 0) return;
	const found = await db
		.select({ id: membership.userId })
		.from(membership)
		.where(and(eq(membership.organisationId, organisationId), inArray(membership.userId, wanted)));
	if (found.length !== wanted.length) throw new NotAMemberError();
}

/** Schedules a meeting; the chair is always invited. Audited with its invite list. */
export async function createMeeting(
	db: Db,
	actor: SessionUser,
	input: MeetingInput
): Promise<string> {
	const inviteeIds = [...new Set([input.chairId, ...input.inviteeIds])];
	await checkMembers(db, actor.organisationId, inviteeIds);
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(meeting)
			.values({
				organisationId: actor.organisationId,
				title: input.title,
				startsAt: input.startsAt,
				durationMinutes: input.durationMinutes,
				chairId: input.chairId,
				createdBy: actor.id
			})
			.returning();
		await tx
			.insert(meetingInvitee)
			.values(
				inviteeIds.map((userId) => ({
					meetingId: created.id,
					userId,
					organisationId: actor.organisationId
				}))
			);
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'meeting',
			entityId: created.id,
			after: { ...created, inviteeIds }
		});
		return created.id;
	});
}

/** Changes a meeting's details and invite list; false if it is not the caller's organisation's. */
export async function updateMeeting(
	db: Db,
	actor: SessionUser,
	meetingId: string,
	input: MeetingInput
): Promise<boolean> {
	const before = await getMeeting(db, actor, meetingId);
	if (!before) return false;
	const inviteeIds = [...new Set([input.chairId, ...input.inviteeIds])];
	await checkMembers(db, actor.organisationId, inviteeIds);
	await db.transaction(async (tx) => {
		const [after] = await tx
			.update(meeting)
			.set({
				title: input.title,
				startsAt: input.startsAt,
				durationMinutes: input.durationMinutes,
				chairId: input.chairId
			})
			.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)))
			.returning();
		await tx.delete(meetingInvitee).where(eq(meetingInvitee.meetingId, meetingId));
		await tx
			.insert(meetingInvitee)
			.values(
				inviteeIds.map((userId) => ({ meetingId, userId, organisationId: actor.organisationId }))
			);
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'meeting',
			entityId: meetingId,
			before: {
				title: before.title,
				startsAt: before.startsAt,
				durationMinutes: before.durationMinutes,
				chairId: before.chairId,
				inviteeIds: before.invitees.map((i) => i.id)
			},
			after: {
				title: after.title,
				startsAt: after.startsAt,
				durationMinutes: after.durationMinutes,
				chairId: after.chairId,
				inviteeIds
			}
		});
	});
	return true;
}

export async function cancelMeeting(
	db: Db,
	actor: SessionUser,
	meetingId: string
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(meeting)
			.set({ status: 'cancelled' })
			.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)))
			.returning({ id: meeting.id });
		if (!row) return false;
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'meeting',
			entityId: meetingId,
			after: { status: 'cancelled' }
		});
		return true;
	});
}

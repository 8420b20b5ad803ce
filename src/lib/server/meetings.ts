import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MeetingStatus } from '../domain/meetings';
import { mayChair, mayChangeChair } from '../domain/roles';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import { ensureSeries, resolveSeries, type SeriesChoice } from './meeting-series';
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
			seriesId: meeting.seriesId,
			startedAt: meeting.startedAt,
			endedAt: meeting.endedAt,
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
	status: MeetingStatus;
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
	/**
	 * The team's series the meeting belongs to. Left out: on scheduling, the series named as the
	 * title; on a change, the series it has.
	 */
	series?: SeriesChoice;
};

export class NotAMemberError extends Error {
	constructor() {
		super('Choose members of your own team');
	}
}

/** A field of the meeting that the service refuses, and why. */
export class MeetingInputError extends Error {
	constructor(
		readonly field: 'chairId' | 'seriesId',
		message: string
	) {
		super(message);
	}
}

/**
 * A change the meeting's state does not allow: once it has ended its details and minutes are
 * final (corrections are amendments: hazard "record changed without trace"), and a meeting in
 * progress is ended, not cancelled. The route answers 409 with the message.
 */
export class MeetingStateError extends Error {}

export const ENDED_MEETING_IS_FINAL =
	'This meeting has ended: its details and minutes are final. Correct the minutes with an amendment.';
export const IN_PROGRESS_NOT_CANCELLED =
	'This meeting is in progress: end the meeting instead of cancelling it.';

/** The chair leads a clinical discussion: only a clinical role may be named (roles.ts: mayChair). */
async function checkChair(db: Db, organisationId: string, chairId: string) {
	const [member] = await db
		.select({ role: membership.role })
		.from(membership)
		.where(and(eq(membership.organisationId, organisationId), eq(membership.userId, chairId)));
	if (member && !mayChair(member.role)) {
		throw new MeetingInputError('chairId', 'Choose a clinical member of your team as the chair');
	}
}

async function seriesFor(db: Db, organisationId: string, choice: SeriesChoice): Promise<string> {
	const id = await resolveSeries(db, organisationId, choice);
	if (!id) throw new MeetingInputError('seriesId', 'Choose one of your team’s meeting series');
	return id;
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
	await checkChair(db, actor.organisationId, input.chairId);
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(meeting)
			.values({
				organisationId: actor.organisationId,
				seriesId: input.series
					? await seriesFor(tx, actor.organisationId, input.series)
					: await ensureSeries(tx, actor.organisationId, input.title),
				title: input.title,
				startsAt: input.startsAt,
				durationMinutes: input.durationMinutes,
				chairId: input.chairId,
				createdBy: actor.id
			})
			.returning();
		await tx.insert(meetingInvitee).values(
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

/** Why a change of chair was refused (roles.ts: mayChangeChair). */
export const CHAIR_CHANGE_REFUSED =
	'Only the organiser of this meeting, its chair or an admin can change who chairs it';

/** Why a save was refused when someone else changed the chair after the form was read. */
export const CHAIR_CHANGED_MEANWHILE =
	'Someone else changed who chairs this meeting while you were editing it. Check the chair and save again';

/**
 * Changes a meeting's details and invite list; false if it is not the caller's organisation's.
 * Throws MeetingStateError once it has ended; MeetingInputError (`chairId`) when the caller may
 * not change the chair (mayChangeChair), names one who may not chair, or the chair changed since
 * it was read (CHAIR_CHANGED_MEANWHILE, checked in the update); NotAMemberError for someone
 * outside the team. Audited before/after, `detail: 'chair changed'` when the chair changed.
 */
export async function updateMeeting(
	db: Db,
	actor: SessionUser,
	meetingId: string,
	input: MeetingInput
): Promise<boolean> {
	const before = await getMeeting(db, actor, meetingId);
	if (!before) return false;
	if (before.status === 'ended') throw new MeetingStateError(ENDED_MEETING_IS_FINAL);
	const inviteeIds = [...new Set([input.chairId, ...input.inviteeIds])];
	await checkMembers(db, actor.organisationId, inviteeIds);
	const chairChanged = input.chairId !== before.chairId;
	if (chairChanged && !mayChangeChair(actor, before)) {
		throw new MeetingInputError('chairId', CHAIR_CHANGE_REFUSED);
	}
	// A chair named before the rule stays until someone changes them.
	if (chairChanged) await checkChair(db, actor.organisationId, input.chairId);
	await db.transaction(async (tx) => {
		const [after] = await tx
			.update(meeting)
			.set({
				title: input.title,
				startsAt: input.startsAt,
				durationMinutes: input.durationMinutes,
				chairId: input.chairId,
				...(input.series
					? { seriesId: await seriesFor(tx, actor.organisationId, input.series) }
					: {})
			})
			.where(
				and(
					eq(meeting.id, meetingId),
					eq(meeting.organisationId, actor.organisationId),
					// Ended since it was read: the end wins, this change is rolled back.
					ne(meeting.status, 'ended'),
					// The chair the rule was checked against: a chair changed meanwhile by someone
					// else is neither overwritten nor the basis of a change this person may not make.
					before.chairId === null ? isNull(meeting.chairId) : eq(meeting.chairId, before.chairId)
				)
			)
			.returning();
		if (!after) {
			const now = await getMeeting(tx, actor, meetingId);
			if (!now || now.status === 'ended') throw new MeetingStateError(ENDED_MEETING_IS_FINAL);
			throw new MeetingInputError('chairId', CHAIR_CHANGED_MEANWHILE);
		}
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
			...(chairChanged ? { detail: 'chair changed' } : {}),
			before: {
				title: before.title,
				startsAt: before.startsAt,
				durationMinutes: before.durationMinutes,
				chairId: before.chairId,
				seriesId: before.seriesId,
				inviteeIds: before.invitees.map((i) => i.id)
			},
			after: {
				title: after.title,
				startsAt: after.startsAt,
				durationMinutes: after.durationMinutes,
				chairId: after.chairId,
				seriesId: after.seriesId,
				inviteeIds
			}
		});
	});
	return true;
}

/**
 * Cancels a scheduled meeting (audited); true too if it was already cancelled, false if it is not
 * the caller's organisation's. Throws MeetingStateError for a meeting that has ended
 * (ENDED_MEETING_IS_FINAL) or is in progress (IN_PROGRESS_NOT_CANCELLED: the chair ends it, and
 * its record is kept).
 */
export async function cancelMeeting(
	db: Db,
	actor: SessionUser,
	meetingId: string
): Promise<boolean> {
	if (!isUuid(meetingId)) return false;
	const ours = and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId));
	return db.transaction(async (tx) => {
		// Only from scheduled, in one statement: a meeting started or ended meanwhile is not cancelled.
		const [row] = await tx
			.update(meeting)
			.set({ status: 'cancelled' })
			.where(and(ours, eq(meeting.status, 'scheduled')))
			.returning({ id: meeting.id });
		if (!row) {
			const [current] = await tx.select({ status: meeting.status }).from(meeting).where(ours);
			if (!current) return false;
			if (current.status === 'cancelled') return true;
			throw new MeetingStateError(
				current.status === 'ended' ? ENDED_MEETING_IS_FINAL : IN_PROGRESS_NOT_CANCELLED
			);
		}
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

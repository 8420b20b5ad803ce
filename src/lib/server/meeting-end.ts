import { and, asc, eq, gt, ne } from 'drizzle-orm';
import { changeUpdate } from '../domain/collab/documents';
import { addAgendaItem, meetingToJson, updateAgendaItem } from '../domain/collab/meeting';
import { project } from './projection';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { DocumentAccess } from './collab-access';
import type { Db } from './db';
import { meeting, meetingInvitee } from './db/schema';
import type { RealtimeBridge } from './realtime-bridge';

const WEEK = 7 * 24 * 60 * 60 * 1000;

const access = (actor: SessionUser, id: string): DocumentAccess => ({
	name: `meeting:${id}`,
	kind: 'meeting',
	id,
	organisationId: actor.organisationId,
	readOnly: false
});

/**
 * Ends a meeting: items not discussed are carried to the team's next meeting (a week later
 * with the same chair and invitees when none is scheduled), as a live edit of its agenda.
 * Returns the next meeting's id, or null when nothing was left. Null meeting = not found.
 */
export async function endMeeting(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	meetingId: string
): Promise<{ nextMeetingId: string | null; carried: number } | null> {
	const [current] = await db
		.select()
		.from(meeting)
		.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)));
	if (!current) return null;
	// The item on screen when the chair ends the meeting was being discussed: record it so.
	const here = access(actor, meetingId);
	const marked = await live.withDocument(here, (doc) =>
		current.currentItemId
			? changeUpdate(doc, (working) =>
					updateAgendaItem(working, current.currentItemId!, { status: 'discussed' })
				)
			: null
	);
	if (marked) await live.applyServerUpdate(here, marked, actor.id);
	// The minutes are read from the projection: bring it up to date now, not in a second.
	const agenda = await live.withDocument(here, async (doc) => {
		await project(db, { ...here, doc });
		return meetingToJson(doc).agenda;
	});
	const leftOver = agenda.filter((item) => item.status !== 'discussed');
	let nextMeetingId: string | null = null;
	if (leftOver.length > 0) {
		const [scheduled] = await db
			.select({ id: meeting.id })
			.from(meeting)
			.where(
				and(
					eq(meeting.organisationId, actor.organisationId),
					gt(meeting.startsAt, current.startsAt),
					ne(meeting.status, 'cancelled'),
					ne(meeting.id, meetingId)
				)
			)
			.orderBy(asc(meeting.startsAt))
			.limit(1);
		nextMeetingId = scheduled?.id ?? (await scheduleFollowOn(db, actor, current));
		const next = access(actor, nextMeetingId);
		const update = await live.withDocument(next, (doc) =>
			changeUpdate(doc, (working) => {
				const already = new Set(meetingToJson(working).agenda.map((i) => i.patientId));
				for (const item of leftOver) {
					if (item.patientId && already.has(item.patientId)) continue;
					addAgendaItem(working, {
						patientId: item.patientId,
						reason: `Carried forward: ${item.reason}`.slice(0, 2000),
						presenterId: item.presenterId,
						minutesAllotted: item.minutesAllotted,
						questions: item.questions,
						missingInformation: item.missingInformation
					});
				}
			})
		);
		await live.applyServerUpdate(next, update, actor.id);
	}
	await db.update(meeting).set({ status: 'ended' }).where(eq(meeting.id, meetingId));
	await recordAudit(db, {
		action: 'update',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'meeting',
		entityId: meetingId,
		before: { status: current.status },
		after: { status: 'ended', carriedForward: leftOver.length, nextMeetingId }
	});
	return { nextMeetingId, carried: leftOver.length };
}

async function scheduleFollowOn(db: Db, actor: SessionUser, current: typeof meeting.$inferSelect) {
	const invitees = await db
		.select({ userId: meetingInvitee.userId })
		.from(meetingInvitee)
		.where(eq(meetingInvitee.meetingId, current.id));
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(meeting)
			.values({
				organisationId: actor.organisationId,
				title: current.title,
				startsAt: new Date(current.startsAt.getTime() + WEEK),
				durationMinutes: current.durationMinutes,
				chairId: current.chairId,
				createdBy: actor.id
			})
			.returning();
		if (invitees.length > 0) {
			await tx.insert(meetingInvitee).values(
				invitees.map((i) => ({
					meetingId: created.id,
					userId: i.userId,
					organisationId: actor.organisationId
				}))
			);
		}
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'meeting',
			entityId: created.id,
			after: created,
			detail: 'scheduled to carry forward undiscussed items'
		});
		return created.id;
	});
}

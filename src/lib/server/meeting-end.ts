/**
 * Ending a meeting, in an order that loses nothing: first the end is written into the live
 * document, with each item's status, as one server edit (from then on nothing anyone sends is
 * stored: the minutes are final); then the minutes' projection, the meeting's status and end
 * time; then items not discussed go to the series' next meeting; then everyone is told.
 */
import { and, asc, count, eq, gt, inArray, isNotNull, ne } from 'drizzle-orm';
import { changeUpdate } from '../domain/collab/documents';
import {
	addAgendaItem,
	markMeetingEnded,
	meetingEndedAt,
	meetingToJson,
	updateAgendaItem,
	type AgendaItemJson
} from '../domain/collab/meeting';
import { hasRecord, proposeEndChoices, type EndChoice } from '../domain/meeting-end';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { meetingDocument } from './collab-access';
import { agendaPlanStates, insertMeetingPlanVersions } from './meeting-plan-versions';
import type { Db } from './db';
import {
	mdtAction,
	meeting,
	meetingAttendance,
	meetingInvitee,
	patient,
	type Meeting
} from './db/schema';
import { project } from './projection';
import { isFinalDocumentError, type RealtimeBridge } from './realtime-bridge';

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** Ending refused: the meeting has already ended, or was cancelled. Nothing was changed. */
export class MeetingEndRefused extends Error {}

const ALREADY_ENDED = 'This meeting has already ended: its minutes are final.';

/** How many actions were agreed for each item of the meeting. */
export async function actionCountsByItem(
	db: Db,
	meetingId: string
): Promise<Record<string, number>> {
	const rows = await db
		.select({ itemId: mdtAction.agendaItemId, actions: count() })
		.from(mdtAction)
		.where(and(eq(mdtAction.meetingId, meetingId), isNotNull(mdtAction.agendaItemId)))
		.groupBy(mdtAction.agendaItemId);
	return Object.fromEntries(rows.map((row) => [row.itemId, row.actions]));
}

/**
 * What ending would do, for the chair to confirm: each item of the live agenda with what is
 * proposed for it, and the series' next meeting, if there is one, where the rest would go.
 */
export async function endProposal(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	current: Pick<Meeting, 'id' | 'seriesId' | 'startsAt' | 'currentItemId'>
) {
	const actionCounts = await actionCountsByItem(db, current.id);
	const agenda = await live.withDocument(
		meetingDocument(actor.organisationId, current.id),
		(doc) => meetingToJson(doc).agenda
	);
	const proposed = proposeEndChoices(agenda, {
		currentItemId: current.currentItemId,
		actionCounts
	});
	const ids = agenda.map((item) => item.patientId).filter((id): id is string => id !== null);
	const names = new Map(
		ids.length === 0
			? []
			: (
					await db
						.select({ id: patient.id, given: patient.givenName, family: patient.familyName })
						.from(patient)
						.where(and(eq(patient.organisationId, actor.organisationId), inArray(patient.id, ids)))
				).map((p) => [p.id, `${p.family.toUpperCase()}, ${p.given}`])
	);
	return {
		items: agenda.map((item) => ({
			id: item.id,
			patient: (item.patientId && names.get(item.patientId)) || 'Unknown patient',
			reason: item.reason,
			current: item.id === current.currentItemId,
			recorded: hasRecord(item, actionCounts[item.id] ?? 0),
			proposed: proposed[item.id]
		})),
		next: await nextOfSeries(db, actor, current)
	};
}

/** The series' next meeting still to be held, if any. */
async function nextOfSeries(
	db: Db,
	actor: SessionUser,
	current: Pick<Meeting, 'id' | 'seriesId' | 'startsAt'>
) {
	const [next] = await db
		.select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt })
		.from(meeting)
		.where(
			and(
				eq(meeting.organisationId, actor.organisationId),
				eq(meeting.seriesId, current.seriesId),
				gt(meeting.startsAt, current.startsAt),
				inArray(meeting.status, ['scheduled', 'in_progress']),
				ne(meeting.id, current.id)
			)
		)
		.orderBy(asc(meeting.startsAt))
		.limit(1);
	return next ?? null;
}

/**
 * Ends a meeting. `choices` says, for each item, whether it was discussed or is carried forward;
 * an item it leaves out gets what the confirmation proposed (domain/meeting-end). Items not
 * discussed are carried to the series' next meeting (one a week later with the same chair and
 * invitees when the series has none). Null when the meeting is not found; MeetingEndRefused when
 * it has already ended or was cancelled.
 */
export async function endMeeting(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	meetingId: string,
	choices: Record<string, EndChoice> = {}
): Promise<{ nextMeetingId: string | null; carried: number; endedAt: Date } | null> {
	const [current] = await db
		.select()
		.from(meeting)
		.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)));
	if (!current) return null;
	if (current.status === 'ended') throw new MeetingEndRefused(ALREADY_ENDED);
	if (current.status === 'cancelled') throw new MeetingEndRefused('This meeting was cancelled.');
	const endedAt = new Date();
	const here = meetingDocument(actor.organisationId, meetingId);
	const actionCounts = await actionCountsByItem(db, meetingId);

	const ending = await live.withDocument(here, (doc) => {
		if (meetingEndedAt(doc)) return null;
		const proposed = proposeEndChoices(meetingToJson(doc).agenda, {
			currentItemId: current.currentItemId,
			actionCounts
		});
		return changeUpdate(doc, (working) => {
			for (const [itemId, choice] of Object.entries(proposed)) {
				updateAgendaItem(working, itemId, { status: choices[itemId] ?? choice });
			}
			markMeetingEnded(working, endedAt.toISOString());
		});
	});
	if (!ending) throw new MeetingEndRefused(ALREADY_ENDED);
	try {
		await live.applyServerUpdate(here, ending, actor.id, { final: true });
	} catch (error) {
		if (isFinalDocumentError(error)) throw new MeetingEndRefused(ALREADY_ENDED);
		throw error;
	}

	// Each agenda patient's plan as the meeting ends, saved with the status: the minutes show
	// what the meeting changed in it.
	const plans = await agendaPlanStates(db, live, actor, meetingId);
	// The minutes are read from the projection: brought up to date now, and committed with the
	// status, so that no later projection (which leaves an ended meeting alone) slips in between.
	const agenda = await live.withDocument(here, (doc) =>
		db.transaction(async (tx) => {
			await project(tx as unknown as Db, { ...here, doc }, { final: true });
			const [ended] = await tx
				.update(meeting)
				.set({ status: 'ended', endedAt, timerStartedAt: null })
				.where(
					and(eq(meeting.id, meetingId), inArray(meeting.status, ['scheduled', 'in_progress']))
				)
				.returning({ id: meeting.id });
			// Another process ended it in between: its end stands.
			if (!ended) throw new MeetingEndRefused(ALREADY_ENDED);
			await insertMeetingPlanVersions(tx as unknown as Db, actor, current, 'after', plans);
			return meetingToJson(doc).agenda;
		})
	);
	// Whoever ended it was there at the end, even if the confirmation took them out of the room.
	await db
		.update(meetingAttendance)
		.set({ leftAt: null })
		.where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.userId, actor.id)));

	const leftOver = agenda.filter((item) => item.status !== 'discussed');
	const nextMeetingId =
		leftOver.length > 0 ? await carryForward(db, live, actor, current, leftOver) : null;
	await recordAudit(db, {
		action: 'update',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'meeting',
		entityId: meetingId,
		before: { status: current.status },
		after: {
			status: 'ended',
			endedAt: endedAt.toISOString(),
			discussed: agenda.filter((item) => item.status === 'discussed').map((item) => item.id),
			carriedForward: leftOver.map((item) => item.id),
			nextMeetingId
		}
	});
	live.notifyMeetingEnded({ meetingId, endedAt: endedAt.toISOString() });
	return { nextMeetingId, carried: leftOver.length, endedAt };
}

/** Adds the items to the series' next meeting, scheduling it if there is none; returns its id. */
async function carryForward(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	current: Meeting,
	items: AgendaItemJson[]
): Promise<string> {
	const scheduled = await nextOfSeries(db, actor, current);
	const nextMeetingId = scheduled?.id ?? (await scheduleFollowOn(db, actor, current));
	const next = meetingDocument(actor.organisationId, nextMeetingId);
	const update = await live.withDocument(next, (doc) =>
		changeUpdate(doc, (working) => {
			const already = new Set(meetingToJson(working).agenda.map((i) => i.patientId));
			for (const item of items) {
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
	return nextMeetingId;
}

async function scheduleFollowOn(db: Db, actor: SessionUser, current: Meeting) {
	const invitees = await db
		.select({ userId: meetingInvitee.userId })
		.from(meetingInvitee)
		.where(eq(meetingInvitee.meetingId, current.id));
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(meeting)
			.values({
				organisationId: actor.organisationId,
				seriesId: current.seriesId,
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

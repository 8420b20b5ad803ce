/**
 * The meeting room's record: who attended and when, whether the chair has started the meeting,
 * the item the meeting is on, and the item timer. The meeting channel (server/meeting-channel.ts)
 * only carries these over sockets; everything here is stored in the `meeting` and
 * `meeting_attendance` rows, so that every server process agrees, and can be tested without a
 * socket. The room shows as current only the item stored here (hazard: "minutes lost").
 */
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { agendaOrder, meetingToJson, type AgendaItemStatus } from '../domain/collab/meeting';
import type { MeetingState, Refusal } from '../domain/meeting-channel';
import { isReadOnly, maySteerMeeting } from '../domain/roles';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { meetingDocument } from './collab-access';
import type { Db } from './db';
import { savePlansAtStart } from './meeting-plan-versions';
import { agendaItem, meeting, meetingAttendance } from './db/schema';
import type { RealtimeBridge } from './realtime-bridge';

const liveColumns = {
	id: meeting.id,
	status: meeting.status,
	chairId: meeting.chairId,
	currentItemId: meeting.currentItemId,
	timerItemId: meeting.timerItemId,
	timerStartedAt: meeting.timerStartedAt,
	timerElapsedMs: meeting.timerElapsedMs
};

/** The live columns of one meeting row. */
export type LiveMeeting = {
	id: string;
	status: (typeof meeting.$inferSelect)['status'];
	chairId: string | null;
	currentItemId: string | null;
	timerItemId: string | null;
	timerStartedAt: Date | null;
	timerElapsedMs: number;
};

export type Steered = { ok: true; state: MeetingState } | Refusal;

export function stateOf(row: LiveMeeting): MeetingState {
	return {
		meetingId: row.id,
		status: row.status,
		currentItemId: row.currentItemId,
		timer: {
			itemId: row.timerItemId,
			startedAt: row.timerStartedAt?.toISOString() ?? null,
			elapsedMs: row.timerElapsedMs
		}
	};
}

/** The meeting's live state, or undefined for a meeting of another organisation (or none). */
export async function readLiveMeeting(
	db: Db,
	actor: SessionUser,
	meetingId: string
): Promise<LiveMeeting | undefined> {
	const [row] = await db
		.select(liveColumns)
		.from(meeting)
		.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)));
	return row;
}

/**
 * Records that `actor` is in the room, for the minutes' attendance: only while the meeting is in
 * progress. Opening the room of a scheduled meeting records nothing (whoever is in the room when
 * the chair starts it is recorded then: startMeeting), nor does opening it after the end
 * (attendanceId null in both cases). Undefined when the meeting is not the actor's
 * organisation's. `joinedAt` is when they first joined (now when nothing is recorded).
 */
export async function recordJoin(
	db: Db,
	actor: SessionUser,
	meetingId: string
): Promise<{ attendanceId: string | null; joinedAt: Date; live: LiveMeeting } | undefined> {
	const live = await readLiveMeeting(db, actor, meetingId);
	if (!live) return undefined;
	if (live.status !== 'in_progress') return { attendanceId: null, joinedAt: new Date(), live };
	return db.transaction(async (tx) => {
		// Still in progress, and held so: an end landing meanwhile waits for this join, or this
		// join sees the end (the attendance is then part of the final minutes).
		const [now] = await tx
			.select({ status: meeting.status })
			.from(meeting)
			.where(eq(meeting.id, meetingId))
			.for('share');
		if (now?.status !== 'in_progress') {
			return { attendanceId: null, joinedAt: new Date(), live: { ...live, status: now.status } };
		}
		// One entry per person per meeting: rejoining (a reconnect, a second tab) reopens it, and
		// keeps when they first joined.
		const [attendance] = await tx
			.insert(meetingAttendance)
			.values({ organisationId: actor.organisationId, meetingId, userId: actor.id })
			.onConflictDoUpdate({
				target: [meetingAttendance.meetingId, meetingAttendance.userId],
				set: { leftAt: null }
			})
			.returning({ id: meetingAttendance.id, joinedAt: meetingAttendance.joinedAt });
		return { attendanceId: attendance.id, joinedAt: attendance.joinedAt, live };
	});
}

/**
 * The meeting's agenda in order, removed items left out: from the live document where this
 * process serves it (what the chair sees), else from its projection.
 */
async function agendaOf(
	db: Db,
	documents: RealtimeBridge | undefined,
	actor: SessionUser,
	meetingId: string
): Promise<{ id: string; status: AgendaItemStatus | string | null }[]> {
	return documents
		? documents.withDocument(
				meetingDocument(actor.organisationId, meetingId),
				(doc) => meetingToJson(doc).agenda
			)
		: db
				.select({ id: agendaItem.id, status: agendaItem.status })
				.from(agendaItem)
				.where(eq(agendaItem.meetingId, meetingId))
				.orderBy(asc(agendaItem.position));
}

/** The agenda's first item not yet discussed. */
async function firstItemToDiscuss(
	db: Db,
	documents: RealtimeBridge | undefined,
	actor: SessionUser,
	meetingId: string
): Promise<string | null> {
	const agenda = await agendaOf(db, documents, actor, meetingId);
	return agenda.find((item) => item.status === 'pending' || item.status === null)?.id ?? null;
}

/**
 * Whether `itemId` is on the meeting's agenda (removed items are not): nobody steers the room
 * to an item that is not, nor files an action under one. The caller has checked the meeting is
 * `actor`'s organisation's.
 */
export async function onAgenda(
	db: Db,
	documents: RealtimeBridge | undefined,
	actor: SessionUser,
	meetingId: string,
	itemId: string
): Promise<boolean> {
	// The live document's order only, without its texts: this runs at every steering event.
	if (documents) {
		return documents.withDocument(meetingDocument(actor.organisationId, meetingId), (doc) =>
			agendaOrder(doc).includes(itemId)
		);
	}
	return (await agendaOf(db, undefined, actor, meetingId)).some((item) => item.id === itemId);
}

/**
 * The chair starts the meeting: it is in progress from now, on the agenda's first item not yet
 * discussed, stored so that every room shows the same current item and ending reads it (audited).
 * Only a scheduled meeting starts, once. Everyone `inRoom` returns (user ids, read once the start
 * has committed: the meeting channel's presence, from every process) is recorded as attending
 * from the start. A join that read the meeting as scheduled looks again once it is in the room
 * (server/meeting-channel.ts), so a join crossing the start is recorded by one or the other.
 */
export async function startMeeting(
	db: Db,
	documents: RealtimeBridge | undefined,
	actor: SessionUser,
	meetingId: string,
	inRoom: () => Promise<string[]> = async () => []
): Promise<Steered> {
	const check = await steerable(db, actor, meetingId, ['scheduled']);
	if (!check.ok) return check;
	const currentItemId = await firstItemToDiscuss(db, documents, actor, meetingId);
	const started = await db.transaction(async (tx) => {
		// Only from scheduled: two of the chair's tabs pressing at once start it once.
		const [row] = await tx
			.update(meeting)
			.set({ status: 'in_progress', startedAt: sql`now()`, currentItemId })
			.where(and(eq(meeting.id, meetingId), eq(meeting.status, 'scheduled')))
			.returning({ ...liveColumns, startedAt: meeting.startedAt });
		if (!row) return undefined;
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'meeting',
			entityId: meetingId,
			before: { status: 'scheduled' },
			after: { status: 'in_progress', currentItemId },
			detail: 'the chair started the meeting'
		});
		return row;
	});
	if (!started) return { ok: false, error: 'already started' };
	const { startedAt, ...live } = started;
	try {
		await recordPresentAtStart(db, actor.organisationId, meetingId, await inRoom(), startedAt!);
	} catch (error) {
		// The meeting has started for everyone all the same; those missed are recorded when they
		// next join (a reconnect or reload).
		console.error('[meeting-room] recording who was in the room at the start failed', error);
	}
	// Each agenda patient's plan as it starts, for the minutes' plan changes ("Before …").
	if (documents) {
		await savePlansAtStart(db, documents, actor, meetingId).catch((error: unknown) => {
			// The meeting has started all the same; the minutes then compare with earlier versions.
			console.error('[meeting-room] saving the agenda’s care plans at the start failed', error);
		});
	}
	return { ok: true, state: stateOf(live) };
}

/** Everyone in the room as the meeting starts attended from its start (one entry per person). */
async function recordPresentAtStart(
	db: Db,
	organisationId: string,
	meetingId: string,
	userIds: string[],
	startedAt: Date
): Promise<void> {
	if (userIds.length === 0) return;
	await db
		.insert(meetingAttendance)
		.values(
			[...new Set(userIds)].map((userId) => ({
				organisationId,
				meetingId,
				userId,
				joinedAt: startedAt
			}))
		)
		// Someone whose own join was recorded in the meantime keeps that entry.
		.onConflictDoNothing({ target: [meetingAttendance.meetingId, meetingAttendance.userId] });
}

/**
 * Records that `actor` has left the meeting's room (their last tab closed, left or lost its
 * connection). Only while the meeting is in progress: before it nothing was recorded, and after
 * the end the attendance is part of the final minutes.
 */
export async function recordLeave(db: Db, actor: SessionUser, meetingId: string): Promise<void> {
	const inProgress = db
		.select({ id: meeting.id })
		.from(meeting)
		.where(and(eq(meeting.id, meetingId), eq(meeting.status, 'in_progress')));
	await db
		.update(meetingAttendance)
		.set({ leftAt: new Date() })
		.where(
			and(
				inArray(meetingAttendance.meetingId, inProgress),
				eq(meetingAttendance.userId, actor.id),
				isNull(meetingAttendance.leftAt)
			)
		);
}

const NOT_NOW: Record<LiveMeeting['status'], string> = {
	scheduled: 'not started',
	in_progress: 'already started',
	ended: 'meeting ended',
	cancelled: 'meeting cancelled'
};

/**
 * The meeting, if `actor` may steer it (roles.ts: maySteerMeeting) and it is in one of the
 * `statuses` (by default: in progress); otherwise why not.
 */
async function steerable(
	db: Db,
	actor: SessionUser,
	meetingId: string,
	statuses: LiveMeeting['status'][] = ['in_progress']
): Promise<{ ok: true; live: LiveMeeting } | Refusal> {
	if (isReadOnly(actor.role)) return { ok: false, error: 'read only' };
	const live = await readLiveMeeting(db, actor, meetingId);
	if (!live) return { ok: false, error: 'not found' };
	if (!maySteerMeeting(actor, live)) return { ok: false, error: 'forbidden' };
	if (!statuses.includes(live.status)) return { ok: false, error: NOT_NOW[live.status] };
	return { ok: true, live };
}

/** The chair puts an agenda item on everyone's screen; only an item on the agenda. */
export async function setCurrentItem(
	db: Db,
	documents: RealtimeBridge | undefined,
	actor: SessionUser,
	meetingId: string,
	itemId: string
): Promise<Steered> {
	const check = await steerable(db, actor, meetingId);
	if (!check.ok) return check;
	if (!(await onAgenda(db, documents, actor, meetingId, itemId))) {
		return { ok: false, error: 'not on the agenda' };
	}
	// Only while it is in progress: an end that landed since the check stands.
	const [row] = await db
		.update(meeting)
		.set({ currentItemId: itemId })
		.where(and(eq(meeting.id, check.live.id), eq(meeting.status, 'in_progress')))
		.returning(liveColumns);
	return row ? { ok: true, state: stateOf(row) } : { ok: false, error: NOT_NOW.ended };
}

/**
 * The chair starts or stops an item's timer. Each is a single UPDATE on the database clock, so
 * that two processes (or two tabs of the chair) cannot lose or double-count running time.
 * Starting another item starts from zero, and only an item on the agenda; stopping a timer that
 * is not running changes nothing.
 */
export async function runTimer(
	db: Db,
	documents: RealtimeBridge | undefined,
	actor: SessionUser,
	meetingId: string,
	itemId: string,
	action: 'start' | 'stop'
): Promise<Steered> {
	const check = await steerable(db, actor, meetingId);
	if (!check.ok) return check;
	if (action === 'start' && !(await onAgenda(db, documents, actor, meetingId, itemId))) {
		return { ok: false, error: 'not on the agenda' };
	}
	const [row] = await (action === 'start' ? startTimer : stopTimer)(db, check.live.id, itemId);
	// Started only while in progress: an end that landed since the check stands.
	if (!row && action === 'start') return { ok: false, error: NOT_NOW.ended };
	return { ok: true, state: stateOf(row ?? check.live) };
}

function startTimer(db: Db, meetingId: string, itemId: string) {
	const sameItem = sql`${meeting.timerItemId} = ${itemId}`;
	return db
		.update(meeting)
		.set({
			timerItemId: itemId,
			timerStartedAt: sql`case when ${sameItem} and ${meeting.timerStartedAt} is not null
				then ${meeting.timerStartedAt} else now() end`,
			timerElapsedMs: sql`case when ${sameItem} then ${meeting.timerElapsedMs} else 0 end`
		})
		.where(and(eq(meeting.id, meetingId), eq(meeting.status, 'in_progress')))
		.returning(liveColumns);
}

function stopTimer(db: Db, meetingId: string, itemId: string) {
	const running = sql`extract(epoch from (now() - ${meeting.timerStartedAt})) * 1000`;
	return db
		.update(meeting)
		.set({
			timerElapsedMs: sql`${meeting.timerElapsedMs} + greatest(0, (${running})::integer)`,
			timerStartedAt: null
		})
		.where(
			and(
				eq(meeting.id, meetingId),
				eq(meeting.timerItemId, itemId),
				isNotNull(meeting.timerStartedAt)
			)
		)
		.returning(liveColumns);
}

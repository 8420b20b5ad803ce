import { and, asc, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { OPEN_ACTION_STATUSES, type ActionPriority, type ActionStatus } from '../domain/actions';
import { mayBeAssigned } from '../domain/roles';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { mdtAction, meeting, membership, patient, user } from './db/schema';
import { onAgenda } from './meeting-room';
import { realtime } from './realtime-bridge';

export type ActionInput = {
	description: string;
	assigneeId: string;
	dueDate: string | null;
	priority: ActionPriority;
	meetingId?: string | null;
	agendaItemId?: string | null;
	patientId?: string | null;
};

export type ActionChange = Partial<
	Omit<ActionInput, 'meetingId' | 'agendaItemId' | 'patientId'>
> & {
	status?: ActionStatus;
	statusNote?: string | null;
};

export class ActionInputError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

export const NOT_AN_ITEM_OF_THIS_MEETING = 'Choose an item of this meeting';

const MEETING_ENDED =
	'This meeting has ended: its minutes are final. Add an amendment to the minutes instead.';

/**
 * Checks what an action refers to: an active clinical member of the team as its assignee (only
 * when the assignee is `newAssignee`: an action reassigned away from no one keeps its assignee),
 * a patient on the caseload, a meeting of the organisation, and an item on that meeting's agenda
 * as the live document has it (meeting-room.ts: onAgenda), never one of another meeting or none.
 * A meeting id that is not a UUID is a meeting not found. Whether the meeting has ended is
 * checked where the action is inserted (createAction).
 */
async function checkReferences(
	db: Db,
	actor: SessionUser,
	input: Partial<ActionInput>,
	newAssignee = true
) {
	if (input.assigneeId) {
		const [member] = await db
			.select({ id: membership.userId, role: membership.role })
			.from(membership)
			.innerJoin(user, eq(user.id, membership.userId))
			.where(
				and(
					eq(membership.userId, input.assigneeId),
					eq(membership.organisationId, actor.organisationId),
					eq(user.active, true)
				)
			);
		if (!member) throw new ActionInputError('assigneeId', 'Choose an active member of your team');
		if (newAssignee && !mayBeAssigned(member.role)) {
			throw new ActionInputError('assigneeId', 'Choose a clinical member of your team');
		}
	}
	if (input.patientId) {
		const [row] = await db
			.select({ id: patient.id })
			.from(patient)
			.where(
				and(eq(patient.id, input.patientId), eq(patient.organisationId, actor.organisationId))
			);
		if (!row) throw new ActionInputError('patientId', 'Choose a patient on your caseload');
	}
	if (input.meetingId) {
		const [row] = !isUuid(input.meetingId)
			? []
			: await db
					.select({ id: meeting.id })
					.from(meeting)
					.where(
						and(eq(meeting.id, input.meetingId), eq(meeting.organisationId, actor.organisationId))
					);
		if (!row) throw new ActionInputError('meetingId', 'Meeting not found');
	}
	if (input.agendaItemId) {
		const onThisAgenda =
			!!input.meetingId &&
			(await onAgenda(db, realtime(), actor, input.meetingId, input.agendaItemId));
		if (!onThisAgenda) throw new ActionInputError('agendaItemId', NOT_AN_ITEM_OF_THIS_MEETING);
	}
}

function notice(
	kind: 'created' | 'updated' | 'assigned',
	row: typeof mdtAction.$inferSelect,
	previousAssigneeId?: string
) {
	realtime()?.notifyAction({
		kind,
		meetingId: row.meetingId,
		organisationId: row.organisationId,
		assigneeId: row.assigneeId,
		...(previousAssigneeId ? { previousAssigneeId } : {}),
		action: {
			id: row.id,
			description: row.description,
			assigneeId: row.assigneeId,
			dueDate: row.dueDate,
			priority: row.priority,
			status: row.status,
			patientId: row.patientId
		}
	});
}

/** Stores an action at once (audited), then tells the meeting and the assignee. */
export async function createAction(
	db: Db,
	actor: SessionUser,
	input: ActionInput
): Promise<string> {
	await checkReferences(db, actor, input);
	const row = await db.transaction(async (tx) => {
		if (input.meetingId) {
			// An ended meeting's minutes are final (hazard: "action added after the minutes were
			// agreed"). Read in the insert's transaction and held FOR SHARE, so that the end's UPDATE
			// waits for this insert to commit, or commits first and is seen here.
			const [held] = await tx
				.select({ status: meeting.status })
				.from(meeting)
				.where(eq(meeting.id, input.meetingId))
				.for('share');
			if (held?.status === 'ended') throw new ActionInputError('meetingId', MEETING_ENDED);
		}
		const [created] = await tx
			.insert(mdtAction)
			.values({
				organisationId: actor.organisationId,
				description: input.description,
				assigneeId: input.assigneeId,
				dueDate: input.dueDate,
				priority: input.priority,
				meetingId: input.meetingId ?? null,
				agendaItemId: input.agendaItemId ?? null,
				patientId: input.patientId ?? null,
				createdBy: actor.id
			})
			.returning();
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'action',
			entityId: created.id,
			after: created
		});
		return created;
	});
	notice('created', row);
	return row.id;
}

/**
 * When an action was done, after a change of status: kept while it stays done, now when it
 * becomes done, cleared when it is reopened or cancelled (reports time it from creation).
 */
function completedAtAfter(
	before: { status: ActionStatus; completedAt: Date | null },
	status: ActionStatus | undefined
): Date | null {
	if (status === undefined || status === before.status) return before.completedAt;
	return status === 'done' ? new Date() : null;
}

/** Edits, reassigns or moves an action on; false if it is not the caller's organisation's. */
export async function updateAction(
	db: Db,
	actor: SessionUser,
	actionId: string,
	change: ActionChange
): Promise<boolean> {
	const [current] = await db
		.select({ assigneeId: mdtAction.assigneeId })
		.from(mdtAction)
		.where(and(eq(mdtAction.id, actionId), eq(mdtAction.organisationId, actor.organisationId)));
	await checkReferences(db, actor, change, change.assigneeId !== current?.assigneeId);
	const result = await db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(mdtAction)
			.where(and(eq(mdtAction.id, actionId), eq(mdtAction.organisationId, actor.organisationId)));
		if (!before) return null;
		const [after] = await tx
			.update(mdtAction)
			.set({ ...change, completedAt: completedAtAfter(before, change.status) })
			.where(eq(mdtAction.id, actionId))
			.returning();
		await recordAudit(tx, {
			action: 'update',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'action',
			entityId: actionId,
			before,
			after
		});
		return { before, after };
	});
	if (!result) return false;
	const reassigned = result.before.assigneeId !== result.after.assigneeId;
	notice(
		reassigned ? 'assigned' : 'updated',
		result.after,
		reassigned ? result.before.assigneeId : undefined
	);
	return true;
}

const actionColumns = {
	id: mdtAction.id,
	description: mdtAction.description,
	assigneeId: mdtAction.assigneeId,
	assignee: user.name,
	dueDate: mdtAction.dueDate,
	priority: mdtAction.priority,
	status: mdtAction.status,
	statusNote: mdtAction.statusNote,
	meetingId: mdtAction.meetingId,
	meetingTitle: meeting.title,
	meetingStartsAt: meeting.startsAt,
	agendaItemId: mdtAction.agendaItemId,
	patientId: mdtAction.patientId,
	patientGivenName: patient.givenName,
	patientFamilyName: patient.familyName,
	patientNhsNumber: patient.nhsNumber,
	updatedAt: mdtAction.updatedAt
};

function actionQuery(db: Db) {
	return db
		.select(actionColumns)
		.from(mdtAction)
		.innerJoin(user, eq(user.id, mdtAction.assigneeId))
		.leftJoin(meeting, eq(meeting.id, mdtAction.meetingId))
		.leftJoin(patient, eq(patient.id, mdtAction.patientId));
}

/** The caller's own actions across meetings and patients, open ones first by due date. */
export function listMyActions(db: Db, actor: SessionUser) {
	return actionQuery(db)
		.where(
			and(eq(mdtAction.organisationId, actor.organisationId), eq(mdtAction.assigneeId, actor.id))
		)
		.orderBy(asc(mdtAction.status), asc(mdtAction.dueDate), desc(mdtAction.createdAt));
}

/** One patient's actions, from meetings and elsewhere: open first, then by due date. */
export function listPatientActions(db: Db, actor: SessionUser, patientId: string) {
	return actionQuery(db)
		.where(
			and(eq(mdtAction.organisationId, actor.organisationId), eq(mdtAction.patientId, patientId))
		)
		.orderBy(asc(mdtAction.status), asc(mdtAction.dueDate), desc(mdtAction.createdAt));
}

export const TEAM_ACTION_VIEWS = ['open', 'overdue', 'all'] as const;
export type TeamActionView = (typeof TEAM_ACTION_VIEWS)[number];

/**
 * The whole team's actions for coordinators to follow: `open` (open or in progress), `overdue`
 * (open and due before `today`, YYYY-MM-DD) or `all`; optionally one assignee's. Overdue first,
 * then by due date (undated last).
 */
export function listTeamActions(
	db: Db,
	actor: SessionUser,
	filter: { view: TeamActionView; assigneeId?: string | null; today: string }
) {
	return actionQuery(db)
		.where(
			and(
				eq(mdtAction.organisationId, actor.organisationId),
				filter.view === 'all' ? undefined : inArray(mdtAction.status, OPEN_ACTION_STATUSES),
				filter.view === 'overdue' ? lt(mdtAction.dueDate, filter.today) : undefined,
				filter.assigneeId ? eq(mdtAction.assigneeId, filter.assigneeId) : undefined
			)
		)
		.orderBy(sql`${mdtAction.dueDate} asc nulls last`, desc(mdtAction.createdAt))
		.limit(1000);
}

export function listMeetingActions(db: Db, actor: SessionUser, meetingId: string) {
	return actionQuery(db)
		.where(
			and(eq(mdtAction.organisationId, actor.organisationId), eq(mdtAction.meetingId, meetingId))
		)
		.orderBy(asc(mdtAction.createdAt));
}

/**
 * Open actions agreed at earlier meetings of the same series (the same team's MDT), followed up
 * at this one; another team's actions are theirs to follow up.
 */
export function listOpenActionsBefore(
	db: Db,
	actor: SessionUser,
	meetingOfSeries: { id: string; startsAt: Date; seriesId: string }
) {
	return actionQuery(db)
		.where(
			and(
				eq(mdtAction.organisationId, actor.organisationId),
				inArray(mdtAction.status, OPEN_ACTION_STATUSES),
				eq(meeting.seriesId, meetingOfSeries.seriesId),
				lt(meeting.startsAt, meetingOfSeries.startsAt),
				ne(mdtAction.meetingId, meetingOfSeries.id)
			)
		)
		.orderBy(asc(mdtAction.dueDate));
}

import { and, asc, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { mdtAction, meeting, membership, patient, user } from './db/schema';
import { realtime } from './realtime-bridge';

export const ACTION_PRIORITIES = ['routine', 'soon', 'urgent'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type ActionInput = {
	description: string;
	assigneeId: string;
	dueDate: string | null;
	priority: ActionPriority;
	meetingId?: string | null;
	agendaItemId?: string | null;
	patientId?: string | null;
};

export type ActionChange = Partial<Omit<ActionInput, 'meetingId' | 'agendaItemId' | 'patientId'>> & {
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

async function checkReferences(db: Db, actor: SessionUser, input: Partial<ActionInput>) {
	if (input.assigneeId) {
		const [member] = await db
			.select({ id: membership.userId })
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
	}
	if (input.patientId) {
		const [row] = await db
			.select({ id: patient.id })
			.from(patient)
			.where(and(eq(patient.id, input.patientId), eq(patient.organisationId, actor.organisationId)));
		if (!row) throw new ActionInputError('patientId', 'Choose a patient on your caseload');
	}
	if (input.meetingId) {
		const [row] = await db
			.select({ id: meeting.id })
			.from(meeting)
			.where(and(eq(meeting.id, input.meetingId), eq(meeting.organisationId, actor.organisationId)));
		if (!row) throw new ActionInputError('meetingId', 'Meeting not found');
	}
}

function notice(kind: 'created' | 'updated' | 'assigned', row: typeof mdtAction.$inferSelect) {
	realtime()?.notifyAction({
		kind,
		meetingId: row.meetingId,
		organisationId: row.organisationId,
		assigneeId: row.assigneeId,
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
export async function createAction(db: Db, actor: SessionUser, input: ActionInput): Promise<string> {
	await checkReferences(db, actor, input);
	const row = await db.transaction(async (tx) => {
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

/** Edits, reassigns or moves an action on; false if it is not the caller's organisation's. */
export async function updateAction(
	db: Db,
	actor: SessionUser,
	actionId: string,
	change: ActionChange
): Promise<boolean> {
	await checkReferences(db, actor, change);
	const result = await db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(mdtAction)
			.where(and(eq(mdtAction.id, actionId), eq(mdtAction.organisationId, actor.organisationId)));
		if (!before) return null;
		const [after] = await tx.update(mdtAction).set(change).where(eq(mdtAction.id, actionId)).returning();
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
	notice(result.before.assigneeId !== result.after.assigneeId ? 'assigned' : 'updated', result.after);
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

export type ActionView = Awaited<ReturnType<typeof listMyActions>>[number];

/** The caller's own actions across meetings and patients, open ones first by due date. */
export function listMyActions(db: Db, actor: SessionUser) {
	return actionQuery(db)
		.where(and(eq(mdtAction.organisationId, actor.organisationId), eq(mdtAction.assigneeId, actor.id)))
		.orderBy(asc(mdtAction.status), asc(mdtAction.dueDate), desc(mdtAction.createdAt));
}

export function listMeetingActions(db: Db, actor: SessionUser, meetingId: string) {
	return actionQuery(db)
		.where(and(eq(mdtAction.organisationId, actor.organisationId), eq(mdtAction.meetingId, meetingId)))
		.orderBy(asc(mdtAction.createdAt));
}

/** Open actions agreed at the organisation's earlier meetings: reviewed at the next one. */
export function listOpenActionsBefore(db: Db, actor: SessionUser, before: Date, excludeMeetingId: string) {
	return actionQuery(db)
		.where(
			and(
				eq(mdtAction.organisationId, actor.organisationId),
				inArray(mdtAction.status, ['open', 'in_progress']),
				lt(meeting.startsAt, before),
				ne(mdtAction.meetingId, excludeMeetingId)
			)
		)
		.orderBy(asc(mdtAction.dueDate));
}

export function isOverdue(action: { dueDate: string | null; status: string }, today = new Date()): boolean {
	if (!action.dueDate || action.status === 'done' || action.status === 'cancelled') return false;
	return action.dueDate < today.toISOString().slice(0, 10);
}

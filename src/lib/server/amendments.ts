/**
 * Amendments: corrections to the minutes of an ended meeting. The minutes themselves are final,
 * so a correction is recorded beside them, with who made it and when (audited), and shown as an
 * amendment wherever the minutes are read (hazard: "record changed without trace").
 */
import { and, asc, eq } from 'drizzle-orm';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { agendaItem, meeting, meetingAmendment, user } from './db/schema';

export const AMENDMENT_MAX_LENGTH = 5000;

/** An amendment the service refuses: the field to blame and why. */
export class AmendmentError extends Error {
	constructor(
		readonly field: 'text' | 'agendaItemId' | 'meeting',
		message: string
	) {
		super(message);
	}
}

export type AmendmentInput = { text: string; agendaItemId: string | null };

/**
 * Adds an amendment to an ended meeting's minutes, for one of its items or for the meeting as a
 * whole. Null when the meeting is not the caller's organisation's (or the id is no UUID); AmendmentError when it has not
 * ended (its minutes are still being written) or the item is not on its agenda.
 */
export async function addAmendment(
	db: Db,
	actor: SessionUser,
	meetingId: string,
	input: AmendmentInput
): Promise<string | null> {
	if (!isUuid(meetingId)) return null;
	const [row] = await db
		.select({ status: meeting.status })
		.from(meeting)
		.where(and(eq(meeting.id, meetingId), eq(meeting.organisationId, actor.organisationId)));
	if (!row) return null;
	if (row.status !== 'ended') {
		throw new AmendmentError(
			'meeting',
			'This meeting has not ended: change the minutes in the meeting itself'
		);
	}
	const text = input.text.trim();
	if (!text) throw new AmendmentError('text', 'Write the amendment');
	if (text.length > AMENDMENT_MAX_LENGTH) {
		throw new AmendmentError(
			'text',
			`Amendment must be ${AMENDMENT_MAX_LENGTH} characters or fewer`
		);
	}
	if (input.agendaItemId) {
		const [item] = await db
			.select({ id: agendaItem.id })
			.from(agendaItem)
			.where(and(eq(agendaItem.meetingId, meetingId), eq(agendaItem.id, input.agendaItemId)));
		if (!item) throw new AmendmentError('agendaItemId', 'Choose an item of this meeting');
	}
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(meetingAmendment)
			.values({
				organisationId: actor.organisationId,
				meetingId,
				agendaItemId: input.agendaItemId,
				text,
				createdBy: actor.id
			})
			.returning();
		await recordAudit(tx, {
			action: 'create',
			organisationId: actor.organisationId,
			userId: actor.id,
			entityType: 'amendment',
			entityId: created.id,
			after: created,
			detail: `amended the minutes of meeting ${meetingId}`
		});
		return created.id;
	});
}

/** The amendments of a meeting's minutes, oldest first, with who made each. */
export function listAmendments(db: Db, actor: SessionUser, meetingId: string) {
	return db
		.select({
			id: meetingAmendment.id,
			agendaItemId: meetingAmendment.agendaItemId,
			text: meetingAmendment.text,
			createdAt: meetingAmendment.createdAt,
			createdBy: user.name
		})
		.from(meetingAmendment)
		.innerJoin(user, eq(user.id, meetingAmendment.createdBy))
		.where(
			and(
				eq(meetingAmendment.meetingId, meetingId),
				eq(meetingAmendment.organisationId, actor.organisationId)
			)
		)
		.orderBy(asc(meetingAmendment.createdAt));
}

export type Amendment = Awaited<ReturnType<typeof listAmendments>>[number];

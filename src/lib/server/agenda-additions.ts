/**
 * Adding a person to a meeting's agenda from outside the meeting (the proactive identification
 * list, a patient's record): a server edit to the meeting's live document, stored and broadcast
 * to anyone who has the agenda open, exactly as if typed there.
 */
import { and, eq } from 'drizzle-orm';
import { changeUpdate } from '../domain/collab/documents';
import { addAgendaItem, meetingToJson } from '../domain/collab/meeting';
import { isUuid } from '../domain/uuid';
import { recordAudit } from './audit';
import type { SessionUser } from './auth';
import { meetingDocument } from './collab-access';
import type { Db } from './db';
import { meeting, patient } from './db/schema';
import { isFinalDocumentError, type RealtimeBridge } from './realtime-bridge';

export class AgendaAdditionRefused extends Error {}

export const ALREADY_ON_AGENDA = 'They are already on that meeting’s agenda';
export const NOT_SCHEDULED = 'Choose a meeting that has not started';

/** The PCN's meetings still open for agenda items (scheduled, not started), soonest first. */
export function upcomingMeetings(db: Db, actor: SessionUser) {
	return db
		.select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt })
		.from(meeting)
		.where(and(eq(meeting.organisationId, actor.organisationId), eq(meeting.status, 'scheduled')))
		.orderBy(meeting.startsAt);
}

/**
 * Adds `patientId` to the agenda of a scheduled meeting of the caller's PCN, with `reason`.
 * @returns the new agenda item's id
 * @throws AgendaAdditionRefused (not found in the PCN, not scheduled, already on the agenda)
 */
export async function addToAgenda(
	db: Db,
	live: RealtimeBridge,
	actor: SessionUser,
	input: { meetingId: string; patientId: string; reason: string }
): Promise<string> {
	if (!isUuid(input.meetingId) || !isUuid(input.patientId)) {
		throw new AgendaAdditionRefused('Meeting or patient not found');
	}
	const [[target], [person]] = await Promise.all([
		db
			.select({ id: meeting.id, status: meeting.status })
			.from(meeting)
			.where(
				and(eq(meeting.id, input.meetingId), eq(meeting.organisationId, actor.organisationId))
			),
		db
			.select({ id: patient.id })
			.from(patient)
			.where(and(eq(patient.id, input.patientId), eq(patient.organisationId, actor.organisationId)))
	]);
	if (!target || !person) throw new AgendaAdditionRefused('Meeting or patient not found');
	if (target.status !== 'scheduled') throw new AgendaAdditionRefused(NOT_SCHEDULED);
	const access = meetingDocument(actor.organisationId, target.id);
	let itemId = '';
	const update = await live.withDocument(access, (doc) => {
		if (meetingToJson(doc).agenda.some((item) => item.patientId === input.patientId)) {
			throw new AgendaAdditionRefused(ALREADY_ON_AGENDA);
		}
		return changeUpdate(doc, (working) => {
			itemId = addAgendaItem(working, { patientId: input.patientId, reason: input.reason });
		});
	});
	try {
		await live.applyServerUpdate(access, update, actor.id);
	} catch (error) {
		// It ended between the check and the edit.
		if (isFinalDocumentError(error)) throw new AgendaAdditionRefused(NOT_SCHEDULED);
		throw error;
	}
	await recordAudit(db, {
		action: 'update',
		organisationId: actor.organisationId,
		userId: actor.id,
		entityType: 'meeting',
		entityId: target.id,
		after: { agendaItem: { id: itemId, patientId: input.patientId, reason: input.reason } },
		detail: 'added to the agenda'
	});
	return itemId;
}

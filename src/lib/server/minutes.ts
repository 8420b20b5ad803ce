import { and, eq, inArray } from 'drizzle-orm';
import { isOverdue } from '../domain/actions';
import { hasRecord, presentAtEnd } from '../domain/meeting-end';
import { listAmendments } from './amendments';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { patient, type Patient } from './db/schema';
import { getMeeting, getMeetingDetail } from './meetings';

/**
 * The minutes of a meeting: who attended (one entry each: first joined, last left, or present at
 * the end) and who was invited but absent, each agenda item with its patient, status, notes,
 * outcome, actions and amendments, the actions agreed outside any item, and the amendments to the
 * whole. Audited as a view of the meeting. Null for a meeting of another organisation (or none).
 */
export async function getMinutes(
	db: Db,
	actor: SessionUser,
	meetingId: string,
	context: { ip?: string } = {}
) {
	const meeting = await getMeetingDetail(db, actor, meetingId, context);
	if (!meeting) return null;
	const invited = await getMeeting(db, actor, meeting.id);
	const patientIds = [
		...new Set(
			[
				...meeting.agenda.map((i) => i.patientId),
				...meeting.actions.map((a) => a.patientId)
			].filter((id): id is string => id !== null)
		)
	];
	const patients = await bannerDetails(db, actor, patientIds);
	const patientOf = (id: string | null) => (id ? (patients.get(id) ?? null) : null);
	const itemIds = new Set(meeting.agenda.map((i) => i.id));
	const actions = meeting.actions.map((a) => ({ ...a, overdue: isOverdue(a) }));
	const attended = new Set(meeting.attendance.map((a) => a.userId));
	const amendments = await listAmendments(db, actor, meeting.id);
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			durationMinutes: meeting.durationMinutes,
			status: meeting.status,
			startedAt: meeting.startedAt,
			endedAt: meeting.endedAt,
			chair: meeting.chair?.name ?? null
		},
		attendance: meeting.attendance.map((a) => ({
			...a,
			presentAtEnd: presentAtEnd(a.leftAt, meeting.endedAt)
		})),
		absent: (invited?.invitees ?? []).filter((i) => !attended.has(i.id)).map((i) => i.name),
		items: meeting.agenda.map((item) => {
			const itemActions = actions.filter((a) => a.agendaItemId === item.id);
			return {
				id: item.id,
				position: item.position,
				patient: patientOf(item.patientId),
				reason: item.reason,
				status: item.status,
				notes: item.notes,
				outcome: item.outcome,
				/** Notes, a decision or actions: in the minutes whatever the item's status. */
				hasRecord: hasRecord(item, itemActions.length),
				actions: itemActions,
				amendments: amendments.filter((a) => a.agendaItemId === item.id)
			};
		}),
		otherActions: actions
			.filter((a) => !a.agendaItemId || !itemIds.has(a.agendaItemId))
			.map((a) => ({ ...a, patient: patientOf(a.patientId) })),
		/** Amendments to the meeting as a whole (or to an item no longer on its agenda). */
		amendments: amendments.filter((a) => !a.agendaItemId || !itemIds.has(a.agendaItemId))
	};
}

export type Minutes = NonNullable<Awaited<ReturnType<typeof getMinutes>>>;

const bannerColumns = {
	id: patient.id,
	givenName: patient.givenName,
	familyName: patient.familyName,
	nhsNumber: patient.nhsNumber,
	dateOfBirth: patient.dateOfBirth,
	efiDeficits: patient.efiDeficits
};

type BannerDetails = Pick<Patient, keyof typeof bannerColumns>;

/** A light read of what the patient banner needs, not a full record per patient. */
async function bannerDetails(
	db: Db,
	actor: SessionUser,
	patientIds: string[]
): Promise<Map<string, BannerDetails>> {
	if (patientIds.length === 0) return new Map();
	const rows = await db
		.select(bannerColumns)
		.from(patient)
		.where(and(eq(patient.organisationId, actor.organisationId), inArray(patient.id, patientIds)));
	return new Map(rows.map((p) => [p.id, p]));
}

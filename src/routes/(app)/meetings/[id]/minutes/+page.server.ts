import { error } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { authorise, clientIp } from '$lib/server/access';
import { isOverdue } from '$lib/server/actions';
import { db } from '$lib/server/db';
import { patient } from '$lib/server/db/schema';
import { getMeeting, getMeetingDetail } from '$lib/server/meetings';
import { toLondonTime } from '../../new/london-time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	// Audited as a view of the meeting; the patients below are those it discussed.
	const meeting = await getMeetingDetail(db(), user, params.id, { ip: clientIp() });
	if (!meeting) error(404, 'Meeting not found');
	const invited = await getMeeting(db(), user, meeting.id);

	const patientIds = [
		...new Set(
			[
				...meeting.agenda.map((i) => i.patientId),
				...meeting.actions.map((a) => a.patientId)
			].filter((id): id is string => id !== null)
		)
	];
	// A light read of the names, not getPatient per patient: the minutes need the banner only.
	const patients =
		patientIds.length === 0
			? []
			: await db()
					.select({
						id: patient.id,
						givenName: patient.givenName,
						familyName: patient.familyName,
						nhsNumber: patient.nhsNumber,
						dateOfBirth: patient.dateOfBirth,
						efiDeficits: patient.efiDeficits
					})
					.from(patient)
					.where(
						and(eq(patient.organisationId, user.organisationId), inArray(patient.id, patientIds))
					);
	const byId = new Map(patients.map((p) => [p.id, p]));
	const itemIds = new Set(meeting.agenda.map((i) => i.id));
	const actions = meeting.actions.map((a) => ({ ...a, overdue: isOverdue(a) }));

	const attended = new Set(meeting.attendance.map((a) => a.userId));
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			date: toLondonTime(meeting.startsAt).date,
			durationMinutes: meeting.durationMinutes,
			status: meeting.status,
			chair: meeting.chair?.name ?? null
		},
		attendance: meeting.attendance,
		absent: (invited?.invitees ?? []).filter((i) => !attended.has(i.id)).map((i) => i.name),
		items: meeting.agenda.map((item) => ({
			id: item.id,
			position: item.position,
			patient: item.patientId ? (byId.get(item.patientId) ?? null) : null,
			reason: item.reason,
			status: item.status,
			notes: item.notes,
			outcome: item.outcome,
			actions: actions.filter((a) => a.agendaItemId === item.id)
		})),
		otherActions: actions
			.filter((a) => !a.agendaItemId || !itemIds.has(a.agendaItemId))
			.map((a) => ({ ...a, patient: a.patientId ? (byId.get(a.patientId) ?? null) : null }))
	};
};

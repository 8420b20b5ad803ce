import { error } from '@sveltejs/kit';
import { APPOINTMENT_KIND_LABELS } from '$lib/domain/contact-log';
import { calendarInvite } from '$lib/domain/ics';
import { toLondonTime } from '$lib/domain/london-time';
import { authorise } from '$lib/server/access';
import { getAppointment } from '$lib/server/contact-log';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * GET /appointments/:id/calendar.ics — one appointment for the coordinator's calendar (or, once
 * cancelled, its cancellation). The title names the person by initials only: calendars are
 * often shared, and the link leads back to the record for everything else.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const user = authorise('patient:read');
	const found = await getAppointment(db(), user, params.id);
	if (!found) error(404, 'Appointment not found');
	const initials = `${found.givenName.charAt(0)}${found.familyName.charAt(0)}`.toUpperCase();
	const link = `${url.origin}/patients/${found.patientId}/contacts`;
	const body = calendarInvite({
		uid: `appointment-${found.id}@mdt-workspace`,
		title: `${APPOINTMENT_KIND_LABELS[found.kind]} (${initials}): ${found.withWhom}`,
		start: found.startsAt,
		durationMinutes: found.durationMinutes,
		description: [found.accessNeeds ? `Access: ${found.accessNeeds}` : null, `Record: ${link}`]
			.filter(Boolean)
			.join('\n'),
		location: found.location,
		url: link,
		method: 'PUBLISH',
		cancelled: found.status === 'cancelled',
		alarmMinutesBefore: found.remindAt
			? (found.startsAt.getTime() - found.remindAt.getTime()) / 60_000
			: undefined,
		sequence: Math.max(
			0,
			Math.floor((found.updatedAt.getTime() - found.createdAt.getTime()) / 1000)
		)
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="appointment-${toLondonTime(found.startsAt).date}.ics"`
		}
	});
};

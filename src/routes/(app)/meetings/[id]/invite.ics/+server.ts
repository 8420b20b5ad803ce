import { error } from '@sveltejs/kit';
import { calendarInvite } from '$lib/domain/ics';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { getMeeting } from '$lib/server/meetings';
import { toLondonTime } from '$lib/domain/london-time';
import type { RequestHandler } from './$types';

/** GET /meetings/:id/invite.ics — the invite (or, once cancelled, the cancellation) for Outlook. */
export const GET: RequestHandler = async ({ params, url }) => {
	const user = authorise('patient:read');
	const meeting = await getMeeting(db(), user, params.id);
	if (!meeting) error(404, 'Meeting not found');
	const link = `${url.origin}/meetings/${meeting.id}`;
	const body = calendarInvite({
		uid: `${meeting.id}@mdt-workspace`,
		title: meeting.title,
		start: meeting.startsAt,
		durationMinutes: meeting.durationMinutes,
		description: `MDT meeting. Agenda and meeting room: ${link}`,
		location: link,
		url: link,
		organizer: meeting.chair ?? undefined,
		attendees: meeting.invitees,
		cancelled: meeting.status === 'cancelled',
		// Calendars replace their copy only when SEQUENCE rises: seconds since creation rise with
		// every saved change and fit an iCalendar integer.
		sequence: Math.max(
			0,
			Math.floor((meeting.updatedAt.getTime() - meeting.createdAt.getTime()) / 1000)
		)
	});
	const slug = meeting.title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	const filename = `${slug || 'mdt-meeting'}-${toLondonTime(meeting.startsAt).date}.ics`;
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`
		}
	});
};

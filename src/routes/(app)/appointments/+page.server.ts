import { fromLondonTime } from '$lib/domain/london-time';
import { authorise } from '$lib/server/access';
import { londonToday } from '$lib/server/caseload-episodes';
import { coordinatorAppointments } from '$lib/server/contact-log';
import { db } from '$lib/server/db';
import { isCalendarDate } from '$lib/server/validation';
import type { PageServerLoad } from './$types';

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, no time zone involved). */
function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The caller's appointments of one London day (`?day=YYYY-MM-DD`, default today). */
export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const asked = url.searchParams.get('day') ?? '';
	const today = londonToday();
	const day =
		isCalendarDate(asked) && asked >= '1900-01-01' && asked <= '2100-12-31' ? asked : today;
	const from = fromLondonTime(day, '00:00')!;
	const to = fromLondonTime(addDays(day, 1), '00:00')!;
	return {
		day,
		today,
		previous: addDays(day, -1),
		next: addDays(day, 1),
		appointments: await coordinatorAppointments(db(), user, from, to)
	};
};

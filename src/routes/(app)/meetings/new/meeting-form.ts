import { z } from 'zod';
import type { MeetingInput } from '$lib/server/meetings';
import { fromLondonTime, toLondonTime } from '$lib/domain/london-time';

/** How far from today a meeting may be dated, either way. */
export const MEETING_YEARS_FROM_NOW = 5;

/**
 * Whether a meeting's calendar date (`YYYY-MM-DD`) is within MEETING_YEARS_FROM_NOW years of
 * `now`, before or after: a meeting dated 9999 is a typing slip, not a plan.
 */
export function isMeetingDateInRange(date: string, now = new Date()): boolean {
	const shifted = (years: number) => {
		const d = new Date(now);
		d.setUTCFullYear(d.getUTCFullYear() + years);
		return d.toISOString().slice(0, 10);
	};
	return date >= shifted(-MEETING_YEARS_FROM_NOW) && date <= shifted(MEETING_YEARS_FROM_NOW);
}

/** The value of the series choice that starts a new series. */
export const NEW_SERIES = 'new';

/** The schedule-a-meeting form, shared by /meetings/new and /meetings/[id]/edit. */
export const MeetingForm = z.object({
	title: z
		.string()
		.trim()
		.min(1, 'Enter a title for the meeting')
		.max(200, 'Title must be 200 characters or fewer'),
	date: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of the meeting')
		.refine((v) => fromLondonTime(v, '12:00') !== null, 'Enter the date as a real date')
		.refine(
			(v) => isMeetingDateInRange(v),
			`Enter a date within ${MEETING_YEARS_FROM_NOW} years of today`
		),
	startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time, like 13:00'),
	durationMinutes: z
		.string()
		.trim()
		.regex(/^\d+$/, 'Enter the duration as a whole number of minutes')
		.transform(Number)
		.refine((v) => v >= 5 && v <= 480, 'Duration must be between 5 and 480 minutes'),
	chairId: z.uuid({ message: 'Choose who will chair the meeting' }),
	inviteeIds: z
		.union([z.string(), z.array(z.string())])
		.transform((v) => (Array.isArray(v) ? v : v === '' ? [] : [v]))
		.pipe(z.array(z.uuid({ message: 'Choose members of your team' }))),
	/** One of the team's series, or `new` (also when left out) for a new one by name. */
	seriesId: z
		.string()
		.optional()
		.transform((v) => v || NEW_SERIES)
		.pipe(z.union([z.literal(NEW_SERIES), z.uuid({ message: 'Choose a meeting series' })])),
	/** The new series' name; left blank, the meeting's title. */
	seriesName: z
		.string()
		.trim()
		.max(200, 'Series name must be 200 characters or fewer')
		.optional()
		.transform((v) => v ?? '')
});

export type MeetingFormData = z.output<typeof MeetingForm>;

/** The service's input, or the field to blame when the time falls in the hour the clocks skip. */
export function toMeetingInput(
	data: MeetingFormData
): { ok: true; input: MeetingInput } | { ok: false; field: string; message: string } {
	const startsAt = fromLondonTime(data.date, data.startTime);
	if (!startsAt) {
		return {
			ok: false,
			field: 'startTime',
			message: 'That time does not exist in the UK on that day: the clocks go forward'
		};
	}
	return {
		ok: true,
		input: {
			title: data.title,
			startsAt,
			durationMinutes: data.durationMinutes,
			chairId: data.chairId,
			inviteeIds: data.inviteeIds,
			series:
				data.seriesId === NEW_SERIES
					? { name: data.seriesName || data.title }
					: { id: data.seriesId }
		}
	};
}

/** What the form shows for a stored meeting: London wall-clock date and time. */
export function meetingFormValues(meeting: {
	title: string;
	startsAt: Date;
	durationMinutes: number;
	chairId: string | null;
	seriesId: string;
}): Record<string, string> {
	const { date, time } = toLondonTime(meeting.startsAt);
	return {
		title: meeting.title,
		date,
		startTime: time,
		durationMinutes: String(meeting.durationMinutes),
		chairId: meeting.chairId ?? '',
		seriesId: meeting.seriesId
	};
}

import { z } from 'zod';
import type { MeetingInput } from '$lib/server/meetings';
import { fromLondonTime, toLondonTime } from './london-time';

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
		.refine((v) => fromLondonTime(v, '12:00') !== null, 'Enter the date as a real date'),
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
		.pipe(z.array(z.uuid({ message: 'Choose members of your team' })))
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
			inviteeIds: data.inviteeIds
		}
	};
}

/** What the form shows for a stored meeting: London wall-clock date and time. */
export function meetingFormValues(meeting: {
	title: string;
	startsAt: Date;
	durationMinutes: number;
	chairId: string | null;
}): Record<string, string> {
	const { date, time } = toLondonTime(meeting.startsAt);
	return {
		title: meeting.title,
		date,
		startTime: time,
		durationMinutes: String(meeting.durationMinutes),
		chairId: meeting.chairId ?? ''
	};
}

/**
 * The forms of the contact log and of appointments: London wall-clock date and time in, UTC
 * instants out (see london-time.ts); a time that does not exist (the hour the clocks skip) is
 * the time field's error.
 */
import { z } from 'zod';
import { APPOINTMENT_KINDS, CONTACT_KINDS, REMINDERS, type Reminder } from '../domain/contact-log';
import { fromLondonTime } from '../domain/london-time';
import type { AppointmentInput, ContactInput } from './contact-log';
import { calendarDay, optionalText, optionalWholeNumber, wholeNumber } from './validation';

const clock = (what: string) =>
	z
		.string()
		.trim()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${what}, like 14:30`);

export const ContactForm = z.object({
	date: calendarDay('Enter the date of the contact as a real date'),
	time: clock('the time of the contact'),
	kind: z.enum(CONTACT_KINDS, { message: 'Choose how the contact was made' }),
	withWhom: z.string().trim().min(1, 'Enter who the contact was with').max(200),
	summary: z.string().trim().min(1, 'Summarise the contact').max(4000),
	durationMinutes: optionalWholeNumber('Enter the duration in whole minutes, from 1 to 600', 1, 600)
});

export const AppointmentForm = z.object({
	kind: z.enum(APPOINTMENT_KINDS, { message: 'Choose what the appointment is for' }),
	date: calendarDay('Enter the date of the appointment as a real date'),
	time: clock('the time of the appointment'),
	durationMinutes: wholeNumber('Enter the length in whole minutes, from 5 to 480', 5, 480),
	withWhom: z.string().trim().min(1, 'Enter who the appointment is with').max(200),
	location: z.string().trim().min(1, 'Enter where it is').max(300),
	accessNeeds: optionalText(1000),
	reminder: z.enum(Object.keys(REMINDERS) as [Reminder, ...Reminder[]], {
		message: 'Choose a reminder'
	}),
	note: optionalText(2000)
});

type Converted<T> = { ok: true; input: T } | { ok: false; field: string; message: string };

const NO_SUCH_TIME = 'That time does not exist in the UK on that day: the clocks go forward';

export function toContactInput(data: z.output<typeof ContactForm>): Converted<ContactInput> {
	const occurredAt = fromLondonTime(data.date, data.time);
	if (!occurredAt) return { ok: false, field: 'time', message: NO_SUCH_TIME };
	const { date: _d, time: _t, ...rest } = data;
	return { ok: true, input: { ...rest, occurredAt } };
}

export function toAppointmentInput(
	data: z.output<typeof AppointmentForm>
): Converted<AppointmentInput> {
	const startsAt = fromLondonTime(data.date, data.time);
	if (!startsAt) return { ok: false, field: 'time', message: NO_SUCH_TIME };
	const before = REMINDERS[data.reminder];
	const { date: _d, time: _t, reminder: _r, ...rest } = data;
	return {
		ok: true,
		input: {
			...rest,
			startsAt,
			remindAt: before === null ? null : new Date(startsAt.getTime() - before * 60_000)
		}
	};
}

/**
 * iCalendar (RFC 5545) invites, so that a meeting lands in Outlook or any calendar. Every value
 * taken from people (titles, names, addresses) goes through line-text.ts, so none can end its
 * content line and add a property of its own (an attendee, an alarm, a second event).
 */
import {
	foldIcalendarLine,
	icalendarQuotedParam,
	icalendarText,
	icalendarUri,
	singleLine
} from './line-text';

export type CalendarEvent = {
	uid: string;
	title: string;
	start: Date;
	durationMinutes: number;
	description?: string;
	location?: string;
	url?: string;
	organizer?: { name: string; email: string };
	attendees?: { name: string; email: string }[];
	cancelled?: boolean;
	/**
	 * REQUEST (the default) invites the attendees; PUBLISH puts an event without attendees (a
	 * person's appointment) in the reader's own calendar (RFC 5546 §3.2).
	 */
	method?: 'REQUEST' | 'PUBLISH';
	/** A display alarm this many whole minutes before the start (RFC 5545 §3.6.6). */
	alarmMinutesBefore?: number;
	/** Raise with every change so calendars replace the old copy. */
	sequence?: number;
	now?: Date;
};

function stamp(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

function person(role: 'ORGANIZER' | 'ATTENDEE', p: { name: string; email: string }): string {
	const name = icalendarQuotedParam(p.name);
	const address = `mailto:${icalendarUri(p.email)}`;
	return role === 'ORGANIZER'
		? `ORGANIZER;CN="${name}":${address}`
		: `ATTENDEE;CN="${name}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:${address}`;
}

/** The invite as an iCalendar object: CRLF line endings, folded at 75 octets. */
export function calendarInvite(event: CalendarEvent): string {
	const end = new Date(event.start.getTime() + event.durationMinutes * 60_000);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//MDT workspace//EN',
		'CALSCALE:GREGORIAN',
		`METHOD:${event.cancelled ? 'CANCEL' : (event.method ?? 'REQUEST')}`,
		'BEGIN:VEVENT',
		`UID:${icalendarText(singleLine(event.uid))}`,
		`DTSTAMP:${stamp(event.now ?? new Date())}`,
		`DTSTART:${stamp(event.start)}`,
		`DTEND:${stamp(end)}`,
		`SEQUENCE:${event.sequence ?? 0}`,
		`SUMMARY:${icalendarText(singleLine(event.title))}`,
		...(event.description ? [`DESCRIPTION:${icalendarText(event.description)}`] : []),
		...(event.location ? [`LOCATION:${icalendarText(singleLine(event.location))}`] : []),
		...(event.url ? [`URL:${icalendarUri(event.url)}`] : []),
		...(event.organizer ? [person('ORGANIZER', event.organizer)] : []),
		...(event.attendees ?? []).map((a) => person('ATTENDEE', a)),
		`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
		...(event.alarmMinutesBefore !== undefined && !event.cancelled
			? [
					'BEGIN:VALARM',
					'ACTION:DISPLAY',
					`DESCRIPTION:${icalendarText(singleLine(event.title))}`,
					`TRIGGER:-PT${Math.max(0, Math.round(event.alarmMinutesBefore))}M`,
					'END:VALARM'
				]
			: []),
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldIcalendarLine).join('\r\n') + '\r\n';
}

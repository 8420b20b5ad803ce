/** iCalendar (RFC 5545) invites, so that a meeting lands in Outlook or any calendar. */

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
	/** Raise with every change so calendars replace the old copy. */
	sequence?: number;
	now?: Date;
};

function stamp(date: Date): string {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Escapes TEXT values: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, continuing lines with a single space. */
export function foldLine(line: string): string {
	const bytes = new TextEncoder().encode(line);
	if (bytes.length <= 75) return line;
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const length = new TextEncoder().encode(char).length;
		if (size + length > (parts.length === 0 ? 75 : 74)) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += length;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

function person(role: 'ORGANIZER' | 'ATTENDEE', p: { name: string; email: string }): string {
	const name = p.name.replace(/["\\]/g, '');
	return role === 'ORGANIZER'
		? `ORGANIZER;CN="${name}":mailto:${p.email}`
		: `ATTENDEE;CN="${name}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:${p.email}`;
}

export function calendarInvite(event: CalendarEvent): string {
	const end = new Date(event.start.getTime() + event.durationMinutes * 60_000);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//MDT workspace//EN',
		'CALSCALE:GREGORIAN',
		`METHOD:${event.cancelled ? 'CANCEL' : 'REQUEST'}`,
		'BEGIN:VEVENT',
		`UID:${event.uid}`,
		`DTSTAMP:${stamp(event.now ?? new Date())}`,
		`DTSTART:${stamp(event.start)}`,
		`DTEND:${stamp(end)}`,
		`SEQUENCE:${event.sequence ?? 0}`,
		`SUMMARY:${escapeText(event.title)}`,
		...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
		...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
		...(event.url ? [`URL:${event.url}`] : []),
		...(event.organizer ? [person('ORGANIZER', event.organizer)] : []),
		...(event.attendees ?? []).map((a) => person('ATTENDEE', a)),
		`STATUS:${event.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

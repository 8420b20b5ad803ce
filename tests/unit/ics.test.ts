import { describe, expect, it } from 'vitest';
import { calendarInvite, escapeText, foldLine } from '../../src/lib/domain/ics';

describe('calendar invites', () => {
	const invite = calendarInvite({
		uid: 'abc@mdt',
		title: 'Riverside frailty MDT; weekly, with GPs',
		start: new Date('2026-12-01T13:00:00Z'),
		durationMinutes: 90,
		description: 'Line one\nLine two',
		organizer: { name: 'Priya Shah', email: 'coordinator@riverside.test' },
		attendees: [{ name: 'Dr Tom Okafor', email: 'gp@riverside.test' }],
		now: new Date('2026-11-21T09:00:00Z')
	});

	it('is a VCALENDAR with CRLF line endings and UTC times', () => {
		expect(invite.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(invite).toContain('DTSTART:20261201T130000Z\r\n');
		expect(invite).toContain('DTEND:20261201T143000Z\r\n');
		expect(invite).toContain('DTSTAMP:20261121T090000Z\r\n');
		expect(invite.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
	});

	const unfolded = invite.replace(/\r\n /g, '');

	it('escapes text and lists the organiser and attendees', () => {
		expect(unfolded).toContain('SUMMARY:Riverside frailty MDT\\; weekly\\, with GPs');
		expect(unfolded).toContain('DESCRIPTION:Line one\\nLine two');
		expect(unfolded).toContain('ORGANIZER;CN="Priya Shah":mailto:coordinator@riverside.test');
		expect(unfolded).toContain('CN="Dr Tom Okafor";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:gp@riverside.test');
		expect(escapeText('a\\b')).toBe('a\\\\b');
	});

	it('folds long lines at 75 octets', () => {
		const folded = foldLine('DESCRIPTION:' + 'x'.repeat(200));
		const lines = folded.split('\r\n');
		expect(lines.length).toBeGreaterThan(2);
		expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
		expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
		expect(folded.replace(/\r\n /g, '')).toBe('DESCRIPTION:' + 'x'.repeat(200));
	});

	it('marks a cancelled meeting as such', () => {
		const cancelled = calendarInvite({ uid: 'u', title: 't', start: new Date(), durationMinutes: 30, cancelled: true });
		expect(cancelled).toContain('METHOD:CANCEL');
		expect(cancelled).toContain('STATUS:CANCELLED');
	});
});

import { describe, expect, it } from 'vitest';
import { calendarInvite } from '../../src/lib/domain/ics';
import {
	foldIcalendarLine as foldLine,
	icalendarText as escapeText
} from '../../src/lib/domain/line-text';

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
		expect(unfolded).toContain(
			'CN="Dr Tom Okafor";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:gp@riverside.test'
		);
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
		const cancelled = calendarInvite({
			uid: 'u',
			title: 't',
			start: new Date(),
			durationMinutes: 30,
			cancelled: true
		});
		expect(cancelled).toContain('METHOD:CANCEL');
		expect(cancelled).toContain('STATUS:CANCELLED');
	});

	describe('text typed by people cannot add a line of its own', () => {
		const hostile = calendarInvite({
			uid: 'abc@mdt',
			title: 'Frailty MDT\rBEGIN:VALARM\u0007\u001b[2J',
			start: new Date('2026-12-01T13:00:00Z'),
			durationMinutes: 60,
			description: 'Agenda\r\nATTENDEE:mailto:spy@example.com\rMore\u0000',
			location: 'Room 1\nURL:https://evil.example',
			organizer: { name: 'Priya\r\nORGANIZER:mailto:spy@example.com', email: 'a@b.test' },
			attendees: [
				{
					name: 'Dr Tom Okafor\r\nATTENDEE;CN=Spy:mailto:spy@example.com',
					email: 'gp@riverside.test\r\nX-INJECTED:1'
				},
				{ name: 'Eve "quoted"\u001b\u0007', email: 'eve@riverside.test' }
			],
			now: new Date('2026-11-21T09:00:00Z')
		});
		const lines = hostile.replace(/\r\n /g, '').split('\r\n');

		it('every line is a property of ours, and no control character is left', () => {
			const names = lines.filter(Boolean).map((line) => line.match(/^[A-Z-]+/)?.[0]);
			expect(names).toEqual([
				'BEGIN',
				'VERSION',
				'PRODID',
				'CALSCALE',
				'METHOD',
				'BEGIN',
				'UID',
				'DTSTAMP',
				'DTSTART',
				'DTEND',
				'SEQUENCE',
				'SUMMARY',
				'DESCRIPTION',
				'LOCATION',
				'ORGANIZER',
				'ATTENDEE',
				'ATTENDEE',
				'STATUS',
				'END',
				'END'
			]);
			// Outside the CRLF that ends each line, nothing below U+0020 or in DEL/C1.
			expect(hostile.replace(/\r\n/g, '')).not.toMatch(/\p{Cc}/u);
			expect(lines.filter((l) => l.includes('spy@example.com'))).toHaveLength(3);
		});

		it('a CRLF in a display name stays inside its quoted CN', () => {
			expect(lines).toContain(
				'ATTENDEE;CN="Dr Tom Okafor ATTENDEE;CN=Spy:mailto:spy@example.com";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:gp@riverside.testX-INJECTED:1'
			);
			expect(lines).toContain(
				'ORGANIZER;CN="Priya ORGANIZER:mailto:spy@example.com":mailto:a@b.test'
			);
			expect(lines.find((l) => l.includes('eve@'))).toMatch(/^ATTENDEE;CN="Eve quoted";/);
		});

		it('a bare CR, BEL or ESC in a title never reaches SUMMARY', () => {
			expect(lines).toContain('SUMMARY:Frailty MDT BEGIN:VALARM[2J');
		});

		it('line breaks in a description are written as \\n, as RFC 5545 asks', () => {
			expect(lines).toContain('DESCRIPTION:Agenda\\nATTENDEE:mailto:spy@example.com\\nMore');
			expect(lines).toContain('LOCATION:Room 1 URL:https://evil.example');
		});
	});

	it('reminds with a display alarm before the start, and never for a cancellation', () => {
		const event = {
			uid: 'appt@mdt',
			title: 'Follow-up after hospital discharge (EA): Falls clinic',
			start: new Date('2026-12-03T10:00:00Z'),
			durationMinutes: 30,
			alarmMinutesBefore: 1440
		};
		const lines = calendarInvite(event).split('\r\n');
		const alarm = lines.slice(lines.indexOf('BEGIN:VALARM'), lines.indexOf('END:VALARM') + 1);
		expect(alarm).toEqual([
			'BEGIN:VALARM',
			'ACTION:DISPLAY',
			'DESCRIPTION:Follow-up after hospital discharge (EA): Falls clinic',
			'TRIGGER:-PT1440M',
			'END:VALARM'
		]);
		expect(lines.indexOf('END:VALARM')).toBeLessThan(lines.indexOf('END:VEVENT'));
		expect(calendarInvite({ ...event, cancelled: true })).not.toContain('VALARM');
		expect(calendarInvite({ ...event, alarmMinutesBefore: undefined })).not.toContain('VALARM');
	});
});

import { describe, expect, it } from 'vitest';
import {
	pageLimit,
	optionalWholeNumber,
	PersonalContactForm,
	wholeNumber
} from '../../src/lib/server/validation';

describe('numbers typed into forms', () => {
	const days = wholeNumber('Enter 1 to 30', 1, 30);
	it('are digits only: not 1e1, 0x10, 1.0, -3, nor out of range', () => {
		expect(days.parse(' 12 ')).toBe(12);
		for (const typed of ['1e1', '0x10', '1.0', '-3', '31', '0', '', 'ten', '１２']) {
			expect(days.safeParse(typed).success, typed).toBe(false);
		}
	});
	it('may be left empty when optional', () => {
		const minutes = optionalWholeNumber('Enter 1 to 600', 1, 600);
		expect(minutes.parse('')).toBeNull();
		expect(minutes.parse('45')).toBe(45);
		expect(minutes.safeParse('1e2').success).toBe(false);
	});
});

describe('phone numbers', () => {
	const contact = (phone: string) =>
		PersonalContactForm.safeParse({
			name: 'Grace',
			relationship: 'Daughter',
			isCarer: '',
			isNextOfKin: '',
			isEmergencyContact: '',
			phone,
			email: ''
		});
	it('take digits with spaces, +, brackets and dashes, at least seven digits', () => {
		for (const phone of ['01632 960123', '+44 (0)7700 900123', '0161-496-0000', '']) {
			expect(contact(phone).success, phone).toBe(true);
		}
		for (const phone of ['👩🏽‍⚕️😀', 'NaN', '2026-02-30', '12345', 'call me']) {
			expect(contact(phone).success, phone).toBe(false);
		}
	});
});

describe("a JSON API's page limit", () => {
	const limit = (query: string) => pageLimit(new URLSearchParams(query), 100);
	it('is the fallback when absent, digits from 1 to 500 otherwise', () => {
		expect(limit('')).toBe(100);
		expect(limit('limit=1')).toBe(1);
		expect(limit('limit=500')).toBe(500);
	});
	it.each(['0', '501', '1e2', '0x10', '+5', '-1', '2.5', '', ' 5'])('refuses limit=%j', (v) => {
		expect(limit(`limit=${encodeURIComponent(v)}`)).toBeNull();
	});
});

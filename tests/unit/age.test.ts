import { describe, expect, it } from 'vitest';
import { ageOn, formatDate } from '../../src/lib/domain/age';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('age', () => {
	it('turns a year older on the birthday, not the day before', () => {
		expect(ageOn('1941-03-03', day('2026-03-02'))).toBe(84);
		expect(ageOn('1941-03-03', day('2026-03-03'))).toBe(85);
		expect(ageOn('1941-03-03', day('2026-12-31'))).toBe(85);
	});

	it('turns someone born on 29 February older on 1 March in a non-leap year', () => {
		expect(ageOn('1940-02-29', day('2025-02-28'))).toBe(84);
		expect(ageOn('1940-02-29', day('2025-03-01'))).toBe(85);
		expect(ageOn('1940-02-29', day('2024-02-28'))).toBe(83);
		expect(ageOn('1940-02-29', day('2024-02-29'))).toBe(84);
	});

	it('is 0 on the day of birth', () => {
		expect(ageOn('2026-01-15', day('2026-01-15'))).toBe(0);
	});

	it('counts the birthday from midnight in England, not UTC', () => {
		// 23:30 UTC on 1 July is 00:30 on 2 July in British Summer Time.
		expect(ageOn('1950-07-02', new Date('2026-07-01T23:30:00Z'))).toBe(76);
		expect(ageOn('1950-07-02', new Date('2026-07-01T22:30:00Z'))).toBe(75);
		// In winter England is on UTC.
		expect(ageOn('1950-01-02', new Date('2026-01-01T23:30:00Z'))).toBe(75);
	});

	it('refuses a date of birth that is not a real date or is in the future', () => {
		expect(() => ageOn('1941-02-30', day('2026-01-01'))).toThrow(RangeError);
		expect(() => ageOn('03/03/1941', day('2026-01-01'))).toThrow(RangeError);
		expect(() => ageOn('2026-01-02', day('2026-01-01'))).toThrow(RangeError);
	});
});

describe('formatDate', () => {
	it('writes a date the NHS way', () => {
		expect(formatDate('1941-03-03')).toBe('3 Mar 1941');
		expect(formatDate('1950-09-21')).toBe('21 Sep 1950');
		expect(formatDate('2000-12-31')).toBe('31 Dec 2000');
	});

	it('never moves a date of birth across a time zone', () => {
		expect(formatDate('1941-01-01')).toBe('1 Jan 1941');
		expect(formatDate('2026-03-29T00:30:00Z')).toBe('29 Mar 2026');
		expect(formatDate('2026-06-30T23:30:00Z')).toBe('30 Jun 2026');
	});

	it('shows anything that is not a date unchanged', () => {
		expect(formatDate('')).toBe('');
		expect(formatDate('not a date')).toBe('not a date');
		expect(formatDate('1941-02-30')).toBe('1941-02-30');
	});
});

import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	bankHolidays,
	firstContactTiming,
	isWorkingDay,
	workingDaysBetween
} from '../../src/lib/domain/working-days';

describe('bank holidays of England and Wales', () => {
	it('are the public holidays of 2026, Boxing Day’s substitute too, and no observances', () => {
		expect([...bankHolidays(2026)].sort()).toEqual([
			'2026-01-01',
			'2026-04-03',
			'2026-04-06',
			'2026-05-04',
			'2026-05-25',
			'2026-08-31',
			'2026-12-25',
			'2026-12-26',
			'2026-12-28'
		]);
		expect(bankHolidays(2026).has('2026-04-05')).toBe(false); // Easter Sunday, an observance
	});

	it('move Christmas and Boxing Day on a weekend to the Monday and Tuesday (2027)', () => {
		expect(isWorkingDay('2027-12-27')).toBe(false);
		expect(isWorkingDay('2027-12-28')).toBe(false);
		expect(isWorkingDay('2027-12-29')).toBe(true);
	});

	it('include one-off bank holidays (the coronation, 2023-05-08)', () => {
		expect(isWorkingDay('2023-05-08')).toBe(false);
	});
});

describe('working days between two days', () => {
	it('count the days after the first up to and including the second', () => {
		expect(workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
		expect(workingDaysBetween('2026-03-02', '2026-03-03')).toBe(1);
		expect(workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
	});

	it('skip the weekend: Friday to Monday is one working day', () => {
		expect(workingDaysBetween('2026-03-06', '2026-03-09')).toBe(1);
		expect(workingDaysBetween('2026-03-06', '2026-03-08')).toBe(0);
	});

	it('skip Good Friday and Easter Monday', () => {
		// Thursday 2 April 2026 to Tuesday 7 April: only the Tuesday works.
		expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
	});

	it('skip the early May and late August bank holidays', () => {
		expect(workingDaysBetween('2026-05-01', '2026-05-05')).toBe(1);
		expect(workingDaysBetween('2026-08-28', '2026-09-01')).toBe(1);
	});

	it('skip Christmas, Boxing Day (substitute) and New Year', () => {
		// Thursday 24 December 2026 to Monday 4 January 2027: 29, 30, 31 December and the 4th.
		expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4);
	});

	it('are negative when the second day comes first', () => {
		expect(workingDaysBetween('2026-03-09', '2026-03-02')).toBe(-5);
	});

	it('refuse a day that is not in the calendar', () => {
		expect(() => workingDaysBetween('2026-02-30', '2026-03-02')).toThrow(RangeError);
		expect(() => workingDaysBetween('2026-3-2', '2026-03-02')).toThrow(RangeError);
	});
});

describe('the day a target falls due', () => {
	it('is the nth working day after the referral', () => {
		expect(addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
		expect(addWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
	});

	it('moves past a weekend', () => {
		expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
		// Received on a Saturday: Monday is the first working day after it.
		expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
	});

	it('moves past Easter: 5 working days from Wednesday 1 April 2026 is Friday 10 April', () => {
		expect(addWorkingDays('2026-04-01', 5)).toBe('2026-04-10');
	});

	it('moves past the substitute days of Christmas 2027', () => {
		// Thursday 23 December 2027: the 24th, then 29, 30, 31 December and 4 January 2028
		// (New Year's Day 2028 is a Saturday: Monday 3 January is its substitute).
		expect(addWorkingDays('2027-12-23', 5)).toBe('2028-01-04');
	});

	it('moves past the late August bank holiday', () => {
		expect(addWorkingDays('2027-08-26', 2)).toBe('2027-08-31');
	});

	it('refuses a negative or fractional target', () => {
		expect(() => addWorkingDays('2026-03-02', -1)).toThrow(RangeError);
		expect(() => addWorkingDays('2026-03-02', 1.5)).toThrow(RangeError);
	});
});

describe('a first contact against its target', () => {
	const received = '2026-04-01'; // due by Friday 10 April (Easter in between)

	it('is within target on the due day', () => {
		expect(
			firstContactTiming({ receivedOn: received, firstContactOn: '2026-04-10' }, 5, '2026-05-01')
		).toEqual({ dueBy: '2026-04-10', workingDays: 5, overTarget: false });
	});

	it('is over target the working day after', () => {
		expect(
			firstContactTiming({ receivedOn: received, firstContactOn: '2026-04-13' }, 5, '2026-05-01')
		).toEqual({ dueBy: '2026-04-10', workingDays: 6, overTarget: true });
	});

	it('while none is made, is over target once today is past the due day', () => {
		const open = { receivedOn: received, firstContactOn: null };
		expect(firstContactTiming(open, 5, '2026-04-10').overTarget).toBe(false);
		expect(firstContactTiming(open, 5, '2026-04-11')).toEqual({
			dueBy: '2026-04-10',
			workingDays: 5,
			overTarget: true
		});
	});
});

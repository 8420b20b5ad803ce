import { describe, expect, it } from 'vitest';
import {
	MAX_PERIOD_DAYS,
	defaultPeriod,
	monthLabel,
	monthsOf,
	parseReportQuery,
	periodDays,
	previousPeriod
} from '../../src/lib/domain/reports';

const TODAY = '2026-03-15';
const query = (search: string) => parseReportQuery(new URLSearchParams(search), TODAY);

describe('report periods', () => {
	it('count both ends: a day is one day, a leap February 29', () => {
		expect(periodDays({ from: '2026-03-01', to: '2026-03-01' })).toBe(1);
		expect(periodDays({ from: '2024-02-01', to: '2024-02-29' })).toBe(29);
		expect(periodDays({ from: '2024-01-01', to: '2024-12-31' })).toBe(366);
	});

	it('compare with the days just before, as many of them', () => {
		// 1 Jan–31 Mar is 90 days in 2026 and 91 in the leap year 2024.
		expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({
			from: '2025-10-03',
			to: '2025-12-31'
		});
		expect(previousPeriod({ from: '2024-01-01', to: '2024-03-31' })).toEqual({
			from: '2023-10-02',
			to: '2023-12-31'
		});
		expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({
			from: '2025-12-01',
			to: '2025-12-31'
		});
	});

	it('step back over month ends and leap days by days, not by months', () => {
		// March 2024 (31 days) is compared with 30 Jan–29 Feb, not with February alone.
		expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' })).toEqual({
			from: '2024-01-30',
			to: '2024-02-29'
		});
		expect(previousPeriod({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
			from: '2024-01-03',
			to: '2024-01-31'
		});
		expect(previousPeriod({ from: '2024-03-01', to: '2024-03-01' })).toEqual({
			from: '2024-02-29',
			to: '2024-02-29'
		});
		expect(previousPeriod({ from: '2025-03-01', to: '2025-03-01' })).toEqual({
			from: '2025-02-28',
			to: '2025-02-28'
		});
		// A leap year of 366 days goes back 366 days: one day into 2022.
		expect(previousPeriod({ from: '2024-01-01', to: '2024-12-31' })).toEqual({
			from: '2022-12-31',
			to: '2023-12-31'
		});
	});

	it('the previous period always has as many days and ends the day before', () => {
		for (const period of [
			{ from: '2023-11-30', to: '2024-02-29' },
			{ from: '2024-02-29', to: '2025-02-28' },
			{ from: '2025-12-31', to: '2026-01-01' }
		]) {
			const previous = previousPeriod(period);
			expect(periodDays(previous)).toBe(periodDays(period));
			expect(previousPeriod({ from: period.from, to: period.from }).to).toBe(previous.to);
		}
	});

	it('default to the twelve calendar months to today, this month included', () => {
		expect(defaultPeriod('2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-15' });
		expect(defaultPeriod('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
		expect(defaultPeriod('2026-01-01')).toEqual({ from: '2025-02-01', to: '2026-01-01' });
		expect(defaultPeriod('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
	});

	it('list the calendar months they touch, oldest first, across a new year', () => {
		expect(monthsOf({ from: '2025-11-15', to: '2026-02-03' })).toEqual([
			'2025-11',
			'2025-12',
			'2026-01',
			'2026-02'
		]);
		expect(monthsOf({ from: '2026-03-31', to: '2026-03-31' })).toEqual(['2026-03']);
		expect(monthsOf({ from: '2026-01-31', to: '2026-02-01' })).toEqual(['2026-01', '2026-02']);
		expect(monthsOf(defaultPeriod(TODAY))).toHaveLength(12);
		expect(monthLabel('2026-03')).toBe('Mar 2026');
		expect(monthLabel('2025-12')).toBe('Dec 2025');
	});
});

describe('a report query from the address', () => {
	it('takes the defaults when nothing is given', () => {
		expect(query('')).toEqual({
			query: { period: { from: '2025-04-01', to: '2026-03-15' }, breakdown: 'practice' },
			problems: {}
		});
		expect(query('from=&to=%20&by=')).toEqual(query(''));
	});

	it('takes the dates and breakdown given, the missing end from the default', () => {
		expect(query('from=2026-01-01&to=2026-01-31&by=ageBand').query).toEqual({
			period: { from: '2026-01-01', to: '2026-01-31' },
			breakdown: 'ageBand'
		});
		expect(query('from=2026-01-01').query.period).toEqual({ from: '2026-01-01', to: TODAY });
		expect(query('to=2025-12-31').query.period).toEqual({ from: '2025-04-01', to: '2025-12-31' });
		expect(query('from=%202026-01-01%20&to=2026-01-01').query.period).toEqual({
			from: '2026-01-01',
			to: '2026-01-01'
		});
		for (const by of ['none', 'practice', 'ageBand', 'sex', 'ethnicGroup', 'imdDecile']) {
			expect(query(`by=${by}`)).toMatchObject({ query: { breakdown: by }, problems: {} });
		}
	});

	it('names a date that is not a real day, and reports on the default period instead', () => {
		for (const bad of ['2026-02-29', '2026-13-01', '2026-2-3', 'yesterday', '2026-01-01T00:00']) {
			const { query: q, problems } = query(`from=${bad}&to=2026-03-01`);
			expect(problems).toEqual({ from: 'Enter a real date for the start' });
			expect(q.period).toEqual(defaultPeriod(TODAY));
		}
		expect(query('from=2026-01-01&to=2026-04-31').problems).toEqual({
			to: 'Enter a real date for the end'
		});
		expect(query('from=nope&to=nope').problems).toEqual({
			from: 'Enter a real date for the start',
			to: 'Enter a real date for the end'
		});
		expect(query('from=2024-02-29&to=2024-02-29').problems).toEqual({});
	});

	it('refuses an end before the start, and a start after today with no end', () => {
		const reversed = query('from=2026-03-01&to=2026-02-28');
		expect(reversed.problems).toEqual({ to: 'The end must be on or after the start' });
		expect(reversed.query.period).toEqual(defaultPeriod(TODAY));
		expect(query('from=2026-04-01').problems).toEqual({
			to: 'The end must be on or after the start'
		});
	});

	it('covers at most three years (1098 days)', () => {
		expect(MAX_PERIOD_DAYS).toBe(1098);
		// 2023-01-01 to 2026-01-02 is 1098 days (2024 a leap year), both included.
		expect(query('from=2023-01-01&to=2026-01-02').problems).toEqual({});
		const tooLong = query('from=2023-01-01&to=2026-01-03');
		expect(tooLong.problems).toEqual({ to: 'A report covers at most 3 years' });
		expect(tooLong.query.period).toEqual(defaultPeriod(TODAY));
	});

	it('names a breakdown that is not on the list, and breaks down by practice instead', () => {
		for (const by of ['None', 'age', 'practice ', 'constructor', '__proto__']) {
			const { query: q, problems } = query(`by=${encodeURIComponent(by)}`);
			expect(problems).toEqual({ by: 'Choose a breakdown from the list' });
			expect(q.breakdown).toBe('practice');
		}
		// A wrong breakdown does not throw away good dates.
		expect(query('from=2026-01-01&to=2026-01-31&by=x').query.period).toEqual({
			from: '2026-01-01',
			to: '2026-01-31'
		});
	});
});

describe('a report period out of the service’s years', () => {
	it('is named, and the default period is used (no date PostgreSQL cannot hold)', () => {
		for (const [from, to] of [
			['0000-01-01', '0001-12-31'],
			['9999-01-01', '9999-12-31'],
			['1989-12-31', '1990-06-30']
		]) {
			const { query, problems } = parseReportQuery(new URLSearchParams({ from, to }), '2026-11-30');
			expect(problems.from).toBe('Enter a date from 1990 to 2100');
			expect(query.period).toEqual(defaultPeriod('2026-11-30'));
		}
	});
});

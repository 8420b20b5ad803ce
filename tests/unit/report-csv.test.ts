import { describe, expect, it } from 'vitest';
import { reportCsv, reportCsvFilename } from '../../src/lib/domain/report-csv';
import type { ReportTable } from '../../src/lib/domain/reports';

const periods = {
	period: { from: '2025-12-01', to: '2026-11-30' },
	previous: { from: '2024-12-01', to: '2025-11-30' }
};

/** Referrals by source, by practice: two practices, one of them named to run a formula. */
const table: ReportTable = {
	id: 'referrals-by-source',
	title: 'Referrals by source',
	definition: 'Referrals received in the period, by who referred.',
	columns: [
		{ key: 'all', label: 'All referrals', kind: 'count' },
		{ key: 'gp', label: 'GP', kind: 'count', partOf: 'all' },
		{ key: 'self', label: 'Self-referral', kind: 'count', partOf: 'all' },
		{ key: 'percent_gp', label: 'From a GP (%)', kind: 'percent', base: 'all', numerator: 'gp' }
	],
	headline: 'all',
	rows: [
		{
			key: 'p1',
			label: 'Riverside Surgery',
			current: { all: 30, gp: 'suppressed', self: 'suppressed', percent_gp: 'suppressed' },
			previous: { all: 0, gp: 0, self: 0, percent_gp: null }
		},
		{
			key: 'p2',
			label: '=HYPERLINK("http://evil.example","x")',
			current: { all: 12, gp: 9, self: 3, percent_gp: 75 },
			previous: { all: 'suppressed', gp: 'suppressed', self: 0, percent_gp: 'suppressed' }
		},
		{
			key: 'p3',
			label: '-2+3',
			current: { all: 0, gp: 0, self: 0, percent_gp: null },
			previous: { all: 'suppressed', gp: 'suppressed', self: 0, percent_gp: 'suppressed' }
		}
	],
	total: {
		key: 'total',
		label: 'All people',
		current: { all: 42, gp: 30, self: 12, percent_gp: 71.4 },
		previous: { all: 10, gp: 10, self: 0, percent_gp: 100 }
	}
};

const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('a report table as CSV', () => {
	it('has a header naming the breakdown, then each column for the period, then for the previous period', () => {
		const [header] = lines(reportCsv(table, { breakdown: 'practice', ...periods }));
		expect(header).toBe(
			[
				'Practice',
				'"All referrals, 2025-12-01 to 2026-11-30"',
				'"GP, 2025-12-01 to 2026-11-30"',
				'"Self-referral, 2025-12-01 to 2026-11-30"',
				'"From a GP (%), 2025-12-01 to 2026-11-30"',
				'"All referrals, 2024-12-01 to 2025-11-30"',
				'"GP, 2024-12-01 to 2025-11-30"',
				'"Self-referral, 2024-12-01 to 2025-11-30"',
				'"From a GP (%), 2024-12-01 to 2025-11-30"'
			].join(',')
		);
	});

	it('writes a row per group and the total, suppressed figures as * and no figure as empty', () => {
		const rows = lines(reportCsv(table, { breakdown: 'practice', ...periods }));
		expect(rows[1]).toBe('Riverside Surgery,30,*,*,*,0,0,0,');
		expect(rows[4]).toBe('All people,42,30,12,71.4,10,10,0,100');
		expect(rows).toHaveLength(6);
	});

	it('escapes a group label that a spreadsheet would run as a formula', () => {
		const rows = lines(reportCsv(table, { breakdown: 'practice', ...periods }));
		expect(rows[2]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",12,9,3,75,*,*,0,*`);
		expect(rows[3]).toBe(`'-2+3,0,0,0,,*,*,0,*`);
	});

	it('ends with a line saying what * means, as wide as the table', () => {
		const rows = lines(reportCsv(table, { breakdown: 'practice', ...periods }));
		expect(rows.at(-1)).toBe(
			'"* suppressed: fewer than 5, or would reveal a smaller number (NHS small-number suppression)",,,,,,,,'
		);
	});

	it('names the group column "Group" when there is no breakdown', () => {
		const csv = reportCsv({ ...table, rows: [] }, { breakdown: 'none', ...periods });
		expect(lines(csv)[0].startsWith('Group,')).toBe(true);
		expect(lines(csv)[1].startsWith('All people,42,')).toBe(true);
	});

	it('is named after the table, the breakdown and the period', () => {
		expect(reportCsvFilename('referrals-by-source', 'ageBand', periods.period)).toBe(
			'referrals-by-source-by-age-band-2025-12-01-to-2026-11-30.csv'
		);
		expect(reportCsvFilename('first-contact', 'none', periods.period)).toBe(
			'first-contact-2025-12-01-to-2026-11-30.csv'
		);
	});
});

import { describe, expect, it } from 'vitest';
import type { ReportColumn, ReportRow, ReportTable } from '../../src/lib/domain/reports';
import { chartData, wrapLabel } from '../../src/routes/(app)/reports/chart-data';

const row = (key: string, current: ReportRow['current'], previous = current): ReportRow => ({
	key,
	label: key === 'total' ? 'All people' : `Practice ${key}`,
	current,
	previous
});

function table(columns: ReportColumn[], headline: string, rows: ReportRow[], total: ReportRow) {
	return {
		id: 't',
		title: 'T',
		definition: '',
		columns,
		headline,
		rows,
		total
	} satisfies ReportTable;
}

const overdue: ReportColumn = { key: 'overdue', label: 'Overdue at the end', kind: 'count' };

describe('the chart of a report table', () => {
	it('draws the headline of each group, this period beside the previous, leaving suppressed ones out', () => {
		const chart = chartData(
			table(
				[overdue],
				'overdue',
				[row('a', { overdue: 12 }, { overdue: 'suppressed' }), row('b', { overdue: 'suppressed' })],
				row('total', { overdue: 15 })
			),
			'practice'
		);
		expect(chart.labels).toEqual([['Practice a'], ['Practice b']]);
		expect(chart.series.map((s) => [s.label, s.data])).toEqual([
			['This period', [12, null]],
			['Previous period', [null, null]]
		]);
		expect(chart.stacked).toBe(false);
		expect(chart.notDrawn).toBe(
			'Not drawn, as the figures are suppressed: Practice a (previous period) and Practice b (both periods).'
		);
	});

	it('draws the PCN total when there is no breakdown', () => {
		const chart = chartData(
			table([overdue], 'overdue', [], row('total', { overdue: 15 }, { overdue: 9 })),
			'none'
		);
		expect(chart.labels).toEqual([['All people']]);
		expect(chart.series.map((s) => s.data)).toEqual([[15], [9]]);
		expect(chart.notDrawn).toBeNull();
	});

	it('draws each category of a split headline as a bar, split by the groups of the breakdown', () => {
		const columns: ReportColumn[] = [
			{ key: 'all', label: 'All referrals', kind: 'count' },
			{ key: 'gp', label: 'GP', kind: 'count', partOf: 'all' },
			{ key: 'signposted', label: 'Signposted', kind: 'count', partOf: 'all' }
		];
		const chart = chartData(
			table(
				columns,
				'signposted',
				[
					row('a', { all: 20, gp: 'suppressed', signposted: 'suppressed' }),
					row('b', { all: 10, gp: 6, signposted: 4 })
				],
				row('total', { all: 30, gp: 22, signposted: 8 })
			),
			'practice'
		);
		expect(chart.labels).toEqual([['GP'], ['Signposted']]);
		expect(chart.stacked).toBe(true);
		expect(chart.axisTitle).toBe('All referrals');
		expect(chart.series.map((s) => [s.label, s.data])).toEqual([
			['Practice a', [null, null]],
			['Practice b', [6, 4]]
		]);
		expect(chart.notDrawn).toContain('Practice a');
	});

	it('wraps long labels into lines a phone can show', () => {
		expect(wrapLabel('Mixed or multiple ethnic groups')).toEqual([
			'Mixed or multiple',
			'ethnic groups'
		]);
	});
});

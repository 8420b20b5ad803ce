import { describe, expect, it } from 'vitest';
import type { ReportColumn } from '../../src/lib/domain/reports';
import {
	breakdownInWords,
	change,
	formatChange,
	formatNumber,
	periodInWords
} from '../../src/routes/(app)/reports/figures';

const count: ReportColumn = { key: 'n', label: 'Referrals', kind: 'count' };
const percent: ReportColumn = { key: 'p', label: 'Within target (%)', kind: 'percent' };

describe('figures on the Reports page', () => {
	it('a change is hidden when either figure is suppressed, and absent when either has none', () => {
		expect(change(12, 'suppressed')).toBe('suppressed');
		expect(change('suppressed', null)).toBeNull();
		expect(change(null, 3)).toBeNull();
		expect(change(40.5, 38.25)).toBe(2.3);
	});

	it('writes counts with separators, percentages with a sign, changes with a true minus', () => {
		expect(formatNumber(count, 12034)).toBe('12,034');
		expect(formatNumber(percent, 37.5)).toBe('37.5%');
		expect(formatChange(count, -3)).toBe('\u22123');
		expect(formatChange(percent, 2.5)).toBe('+2.5');
		expect(formatNumber({ ...percent, kind: 'mean' }, 7)).toBe('7.0');
		expect(formatChange(count, 0)).toBe('0');
	});

	it('says the period and the breakdown in words', () => {
		expect(periodInWords({ from: '2025-12-01', to: '2026-11-30' })).toBe(
			'1 Dec 2025 to 30 Nov 2026'
		);
		expect(breakdownInWords('imdDecile')).toBe('by deprivation (IMD decile)');
		expect(breakdownInWords('none')).toBe('PCN totals');
	});
});

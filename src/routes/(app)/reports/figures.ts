/**
 * How the Reports page writes figures: counts with thousands separators, medians and means to one
 * decimal place, percentages with a sign, and the change since the previous period. Suppressed
 * figures and those with nothing to compute are the cell's business (FigureCell.svelte).
 */
import { formatCalendarDate } from '$lib/domain/london-time';
import {
	BREAKDOWN_LABELS,
	type Breakdown,
	type ReportColumn,
	type ReportPeriod,
	type ShownFigure
} from '$lib/domain/reports';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
// Medians, means and percentages always to one place, so that a column's figures line up.
const oneDecimal = new Intl.NumberFormat('en-GB', {
	minimumFractionDigits: 1,
	maximumFractionDigits: 1
});

/** "1 Dec 2025 to 30 Nov 2026" */
export function periodInWords(period: ReportPeriod): string {
	return `${formatCalendarDate(period.from)} to ${formatCalendarDate(period.to)}`;
}

/** "by age band", "by deprivation (IMD decile)", or "PCN totals" with no breakdown. */
export function breakdownInWords(breakdown: Breakdown): string {
	if (breakdown === 'none') return 'PCN totals';
	const label = BREAKDOWN_LABELS[breakdown];
	return `by ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

/** A figure of a column as text: "1,204", "4.5", "37.5%". */
export function formatNumber(column: ReportColumn, value: number): string {
	if (column.kind === 'count') return whole.format(value);
	if (column.kind === 'percent') return `${oneDecimal.format(value)}%`;
	return oneDecimal.format(value);
}

/**
 * The change from the previous period to this one: none when either has nothing to compute,
 * else suppressed when either figure is (a change would give the hidden one away).
 */
export function change(current: ShownFigure, previous: ShownFigure): ShownFigure {
	if (current === null || previous === null) return null;
	if (current === 'suppressed' || previous === 'suppressed') return 'suppressed';
	return Math.round((current - previous) * 10) / 10;
}

/** A change as text, with its sign: "+12", "−3.5" (a true minus sign), "0". */
export function formatChange(column: ReportColumn, value: number): string {
	const size =
		column.kind === 'count' ? whole.format(Math.abs(value)) : oneDecimal.format(Math.abs(value));
	if (value > 0) return `+${size}`;
	if (value < 0) return `\u2212${size}`;
	return size;
}

/** The heading of the change column: a percentage changes by percentage points. */
export function changeHeading(column: ReportColumn): string {
	if (column.kind === 'percent') return 'Change (percentage points)';
	return column.unit ? `Change (${column.unit})` : 'Change';
}

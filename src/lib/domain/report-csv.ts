/**
 * A report table as a CSV download: what the Reports page shows of one table, for a spreadsheet.
 * Every field goes through `csvDocument` (./line-text.ts), the one sanitiser for line-based
 * formats, so that a group's label such as a practice named "=HYPERLINK(…)" arrives as text and
 * never runs as a formula (hazard: a formula in a downloaded report).
 */
import { csvDocument } from './line-text';
import {
	BREAKDOWN_LABELS,
	type Breakdown,
	type ReportColumn,
	type ReportPeriod,
	type ReportTable,
	type ShownFigure
} from './reports';

/** What a suppressed figure is written as, on the page and in the file. */
export const SUPPRESSED_MARK = '*';

export const SUPPRESSION_NOTE =
	'* suppressed: fewer than 5, or would reveal a smaller number (NHS small-number suppression)';

/** The first column's heading: the breakdown's name, or "Group" when there is none. */
export function groupHeading(breakdown: Breakdown): string {
	return breakdown === 'none' ? 'Group' : BREAKDOWN_LABELS[breakdown];
}

/** A column's heading with its unit: "Median time to first contact (working days)", "… (%)". */
export function columnHeading(column: ReportColumn): string {
	if (column.kind === 'percent')
		return column.label.includes('%') ? column.label : `${column.label} (%)`;
	return column.unit ? `${column.label} (${column.unit})` : column.label;
}

function field(figure: ShownFigure): string | number | null {
	return figure === 'suppressed' ? SUPPRESSED_MARK : figure;
}

/**
 * The CSV of one table: a header row (the breakdown's group, each column for the period, then
 * each column for the previous period, each heading naming its period's dates), a row per group,
 * the total row, and a last row with the note on suppression. Suppressed figures are "*", figures
 * with nothing to compute are empty. Percentages are numbers (45.2), not "45.2%".
 */
export function reportCsv(
	table: ReportTable,
	options: { breakdown: Breakdown; period: ReportPeriod; previous: ReportPeriod }
): string {
	const { breakdown, period, previous } = options;
	const headings = (during: ReportPeriod) =>
		table.columns.map((column) => `${columnHeading(column)}, ${during.from} to ${during.to}`);
	const header = [groupHeading(breakdown), ...headings(period), ...headings(previous)];
	const rows = [...table.rows, table.total].map((row) => [
		row.label,
		...table.columns.map((column) => field(row.current[column.key] ?? null)),
		...table.columns.map((column) => field(row.previous[column.key] ?? null))
	]);
	const note = [SUPPRESSION_NOTE, ...header.slice(1).map(() => null)];
	return csvDocument([header, ...rows, note]);
}

/** `referrals-by-source-by-age-band-2025-12-01-to-2026-11-30.csv` */
export function reportCsvFilename(
	tableId: string,
	breakdown: Breakdown,
	period: ReportPeriod
): string {
	const by =
		breakdown === 'none' ? '' : `-by-${breakdown.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
	const safeId = tableId.replace(/[^a-z0-9-]/gi, '-');
	return `${safeId}${by}-${period.from}-to-${period.to}.csv`;
}

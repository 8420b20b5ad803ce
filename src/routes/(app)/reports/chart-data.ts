/**
 * What a report table's chart draws, worked out from the table alone (pure, so it is tested
 * without a canvas). The table beside the chart holds every figure; the chart shows their shape:
 *
 * - the headline figure of each group of the breakdown, this period beside the previous one;
 * - for a table whose headline is split into categories (referrals by source: the sources are
 *   parts of all referrals), each category as a bar, split by the groups of the breakdown
 *   (this period), or this period beside the previous one when there is no breakdown.
 *
 * A suppressed figure is not drawn (a gap, never a zero) and the chart's caption says so.
 */
import { columnHeading } from '$lib/domain/report-csv';
import {
	BREAKDOWN_LABELS,
	type Breakdown,
	type ReportColumn,
	type ReportRow,
	type ReportTable,
	type ShownFigure
} from '$lib/domain/reports';

export type ChartSeries = { label: string; data: (number | null)[]; colour: string };

export type ChartData = {
	/** One bar (or one group of bars) per label, each label in lines short enough for a phone. */
	labels: string[][];
	series: ChartSeries[];
	stacked: boolean;
	/** The value axis: what is counted, with its unit. */
	axisTitle: string;
	percent: boolean;
	/** Counts, whose axis is marked in whole numbers only. */
	counts: boolean;
	/** What the chart shows, in words: its caption. */
	summary: string;
	/** Which bars are not drawn because their figures are suppressed, or null if all are. */
	notDrawn: string | null;
};

/** NHS identity colours: this period dark, the previous one mid grey (3:1 on white and more). */
export const THIS_PERIOD = '#005eb8';
export const PREVIOUS_PERIOD = '#768692';
/** One per group of a breakdown (at most 11: IMD deciles and "not known"). */
export const GROUP_COLOURS = [
	'#005eb8',
	'#ffb81c',
	'#007f3b',
	'#d5281b',
	'#330072',
	'#41b6e6',
	'#7c2855',
	'#00a499',
	'#ed8b00',
	'#425563',
	'#ae2573',
	'#768692'
];

const value = (figure: ShownFigure | undefined) => (typeof figure === 'number' ? figure : null);

/** Splits a label into lines of about `width` characters, at spaces. */
export function wrapLabel(label: string, width = 20): string[] {
	const lines: string[] = [];
	for (const word of label.split(' ')) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + 1 + word.length <= width)
			lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function list(items: string[]): string {
	return items.length <= 1
		? items.join('')
		: `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function chartData(table: ReportTable, breakdown: Breakdown): ChartData {
	const headline = table.columns.find((c) => c.key === table.headline) ?? table.columns[0];
	// A headline that is one category (triage outcomes: signposted) is charted with the others.
	const whole = table.columns.find((c) => c.key === headline.partOf) ?? headline;
	const parts = table.columns.filter((c) => c.partOf === whole.key);
	if (parts.length === 0) {
		const common = {
			axisTitle: columnHeading(headline),
			percent: headline.kind === 'percent',
			counts: headline.kind === 'count'
		};
		return { ...common, ...byGroup(table, headline, breakdown) };
	}
	const common = { axisTitle: columnHeading(whole), percent: false, counts: true };
	if (breakdown !== 'none' && table.rows.length > 0) {
		return { ...common, ...byCategoryAndGroup(table, whole, parts, breakdown) };
	}
	return { ...common, ...byCategory(table, whole, parts) };
}

type Shape = Pick<ChartData, 'labels' | 'series' | 'stacked' | 'summary' | 'notDrawn'>;

const SEE_TABLE = 'The table has every figure.';

function periodsSeries(
	items: { current: ShownFigure | undefined; previous: ShownFigure | undefined }[]
): ChartSeries[] {
	return [
		{ label: 'This period', data: items.map((i) => value(i.current)), colour: THIS_PERIOD },
		{ label: 'Previous period', data: items.map((i) => value(i.previous)), colour: PREVIOUS_PERIOD }
	];
}

/** Names the bars not drawn: "Mixed (this period) and Other (both periods)". */
function suppressedBars(
	items: { label: string; current: ShownFigure | undefined; previous: ShownFigure | undefined }[]
): string | null {
	const named = items.flatMap(({ label, current, previous }) => {
		const now = current === 'suppressed';
		const before = previous === 'suppressed';
		if (now && before) return [`${label} (both periods)`];
		if (now) return [`${label} (this period)`];
		if (before) return [`${label} (previous period)`];
		return [];
	});
	return named.length > 0 ? `Not drawn, as the figures are suppressed: ${list(named)}.` : null;
}

/** The headline of each group (or of the PCN), this period beside the previous one. */
function byGroup(table: ReportTable, headline: ReportColumn, breakdown: Breakdown): Shape {
	const rows: ReportRow[] =
		breakdown === 'none' || table.rows.length === 0 ? [table.total] : table.rows;
	const items = rows.map((row) => ({
		label: row.label,
		current: row.current[headline.key],
		previous: row.previous[headline.key]
	}));
	const each = breakdown === 'none' ? '' : ` for each ${lowerFirst(BREAKDOWN_LABELS[breakdown])}`;
	return {
		labels: rows.map((row) => wrapLabel(row.label)),
		series: periodsSeries(items),
		stacked: false,
		summary: `Bar chart of ${lowerFirst(headline.label)}${each}, this period beside the previous period. ${SEE_TABLE}`,
		notDrawn: suppressedBars(items)
	};
}

/** Each category of the PCN's total, this period beside the previous one. */
function byCategory(table: ReportTable, headline: ReportColumn, parts: ReportColumn[]): Shape {
	const items = parts.map((part) => ({
		label: part.label,
		current: table.total.current[part.key],
		previous: table.total.previous[part.key]
	}));
	return {
		labels: parts.map((part) => wrapLabel(part.label)),
		series: periodsSeries(items),
		stacked: false,
		summary: `Bar chart of ${lowerFirst(headline.label)} in each category, this period beside the previous period. ${SEE_TABLE}`,
		notDrawn: suppressedBars(items)
	};
}

/** Each category as a bar, split into the groups of the breakdown, this period. */
function byCategoryAndGroup(
	table: ReportTable,
	headline: ReportColumn,
	parts: ReportColumn[],
	breakdown: Breakdown
): Shape {
	const hidden = table.rows.flatMap((row) =>
		parts.some((part) => row.current[part.key] === 'suppressed') ? [row.label] : []
	);
	return {
		labels: parts.map((part) => wrapLabel(part.label)),
		series: table.rows.map((row, index) => ({
			label: row.label,
			data: parts.map((part) => value(row.current[part.key])),
			colour: GROUP_COLOURS[index % GROUP_COLOURS.length]
		})),
		stacked: true,
		summary: `Stacked bar chart of ${lowerFirst(headline.label)} in each category this period, each bar split by ${lowerFirst(BREAKDOWN_LABELS[breakdown])}. ${SEE_TABLE}`,
		notDrawn:
			hidden.length > 0
				? `Parts not drawn, as the figures are suppressed, so bars can be shorter than the totals: ${list(hidden)}.`
				: null
	};
}

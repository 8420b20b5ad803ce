/**
 * A person's measures over time, as the Measures tab charts and tabulates them, and the one
 * sentence that says what the chart shows (the chart's accessible name: a screen reader user
 * hears the trend, then can read every value in the table beside it).
 */
import { formatCalendarDate } from './london-time';
import {
	isOns4Answers,
	ONS4_LABELS,
	ONS4_QUESTIONS,
	ons4Band,
	pamLevel,
	type Ons4AnxietyBand,
	type Ons4Answers,
	type Ons4Band,
	type Ons4Question,
	type PamLevel
} from './measures';

/** A measure as stored: PAM rows carry a score, ONS4 rows their answers. */
export type StoredMeasure = {
	id: string;
	kind: 'pam' | 'ons4';
	/** `YYYY-MM-DD`. */
	recordedOn: string;
	pamScore: number | null;
	ons4: unknown;
	/** When it was entered: orders two measures of the same day. */
	createdAt?: Date | string;
};

export type PamPoint = { id: string; on: string; score: number; level: PamLevel };

export type Ons4Point = {
	id: string;
	on: string;
	answers: Ons4Answers;
	bands: Record<Ons4Question, Ons4Band | Ons4AnxietyBand>;
};

function oldestFirst(a: StoredMeasure, b: StoredMeasure): number {
	if (a.recordedOn !== b.recordedOn) return a.recordedOn < b.recordedOn ? -1 : 1;
	return String(a.createdAt ?? '') < String(b.createdAt ?? '') ? -1 : 1;
}

/**
 * PAM scores oldest first, each with its level derived again from the score (the stored level
 * could only disagree through a bug; the score is what the tool produced). Rows without a score
 * in range are left out.
 */
export function pamSeries(measures: readonly StoredMeasure[]): PamPoint[] {
	return measures
		.filter((m) => m.kind === 'pam' && m.pamScore !== null && m.pamScore >= 0 && m.pamScore <= 100)
		.sort(oldestFirst)
		.map((m) => ({
			id: m.id,
			on: m.recordedOn,
			score: Math.round(m.pamScore! * 10) / 10,
			level: pamLevel(m.pamScore!)
		}));
}

/** ONS4 answer sets oldest first, each answer banded on its own. Malformed rows are left out. */
export function ons4Series(measures: readonly StoredMeasure[]): Ons4Point[] {
	return measures
		.filter((m) => m.kind === 'ons4' && isOns4Answers(m.ons4))
		.sort(oldestFirst)
		.map((m) => {
			const answers = m.ons4 as Ons4Answers;
			return {
				id: m.id,
				on: m.recordedOn,
				answers,
				bands: Object.fromEntries(
					ONS4_QUESTIONS.map((q) => [q, ons4Band(q, answers[q])])
				) as Ons4Point['bands']
			};
		});
}

/** `rising`, `falling` or `unchanged`, from the first value to the last. */
function direction(first: number, last: number): string {
	return last > first ? 'rising' : last < first ? 'falling' : 'unchanged';
}

/** `3 scores from 1 Jan 2026 to 2 Mar 2026`, or `1 score on 1 Jan 2026`. */
function span(count: number, noun: [string, string], first: string, last: string): string {
	return count === 1
		? `1 ${noun[0]} on ${formatCalendarDate(first)}`
		: `${count} ${noun[1]} from ${formatCalendarDate(first)} to ${formatCalendarDate(last)}`;
}

/**
 * The lowest and highest of `values` (more than two), each at the first point it was reached:
 * a trend from first to last alone can hide a fall and a recovery in between.
 */
function extremes(values: readonly number[]): { lowest: number; highest: number } {
	let lowest = 0;
	let highest = 0;
	values.forEach((v, i) => {
		if (v < values[lowest]) lowest = i;
		if (v > values[highest]) highest = i;
	});
	return { lowest, highest };
}

/**
 * One sentence on a person's PAM scores over time, e.g. for the chart's accessible name: first
 * to last, and with more than two scores the lowest and highest with their levels and dates.
 */
export function pamTrendSummary(points: readonly PamPoint[]): string {
	if (points.length === 0) return 'PAM score over time: no scores recorded.';
	const first = points[0];
	const last = points[points.length - 1];
	const scores = span(points.length, ['score', 'scores'], first.on, last.on);
	const score = (p: PamPoint) => `${p.score.toFixed(1)} (level ${p.level})`;
	if (points.length === 1) return `PAM score over time: ${scores}, ${score(first)}.`;
	const trend = `${direction(first.score, last.score)} from ${score(first)} to ${score(last)}`;
	if (points.length === 2) return `PAM score over time: ${scores}, ${trend}.`;
	const { lowest, highest } = extremes(points.map((p) => p.score));
	const [low, high] = [points[lowest], points[highest]];
	return (
		`PAM score over time: ${scores}, ${trend}; lowest ${score(low)} on ` +
		`${formatCalendarDate(low.on)}, highest ${score(high)} on ${formatCalendarDate(high.on)}.`
	);
}

/**
 * One sentence on a person's ONS4 answers over time, each question on its own (never summed):
 * first to last, and with more than two sets the lowest and highest with their dates; anxiety is
 * said to be better lower, since it runs the other way.
 */
export function ons4TrendSummary(points: readonly Ons4Point[]): string {
	if (points.length === 0) return 'ONS4 personal wellbeing over time: no answers recorded.';
	const first = points[0];
	const last = points[points.length - 1];
	const sets = span(points.length, ['set of answers', 'sets of answers'], first.on, last.on);
	const each = ONS4_QUESTIONS.map((q) => {
		const label = ONS4_LABELS[q].label.toLowerCase();
		const note = q === 'anxious' ? ', lower is better' : '';
		if (points.length === 1) return `${label} ${first.answers[q]}${note}`;
		const from = first.answers[q];
		const to = last.answers[q];
		const trend = `${label} ${direction(from, to)} from ${from} to ${to}`;
		if (points.length === 2) return `${trend}${note}`;
		const { lowest, highest } = extremes(points.map((p) => p.answers[q]));
		const [low, high] = [points[lowest], points[highest]];
		return (
			`${trend}, lowest ${low.answers[q]} on ${formatCalendarDate(low.on)}, ` +
			`highest ${high.answers[q]} on ${formatCalendarDate(high.on)}${note}`
		);
	});
	return `ONS4 personal wellbeing over time: ${sets}; ${each.join('; ')}.`;
}

const DAY_MS = 86_400_000;

/**
 * A calendar day `YYYY-MM-DD` as whole days since 1 Jan 1970: the charts' x value, so that the
 * distance between two points is the time between them (not their count).
 */
export function dayNumber(on: string): number {
	const [year, month, day] = on.split('-').map(Number);
	return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The calendar day `YYYY-MM-DD` of a day number (see dayNumber). */
export function dayOf(day: number): string {
	return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The x-axis's span in day numbers for points on `days` (oldest first): the first to the last day,
 * with a little room either side so that the end points are not cut by the chart's edge; a
 * fortnight each side for a single day.
 */
export function timeAxisBounds(days: readonly number[]): { min: number; max: number } {
	if (days.length === 0) return { min: 0, max: 1 };
	const [first, last] = [Math.min(...days), Math.max(...days)];
	const room = first === last ? 14 : Math.max(1, (last - first) * 0.04);
	return { min: first - room, max: last + room };
}

type TickStep = { unit: 'day' | 'month' | 'year'; every: number };
const TICK_STEPS: TickStep[] = [
	...[1, 2, 7, 14].map((every) => ({ unit: 'day' as const, every })),
	...[1, 2, 3, 6].map((every) => ({ unit: 'month' as const, every })),
	...[1, 2, 5, 10, 20, 50].map((every) => ({ unit: 'year' as const, every }))
];

function ticksOf(step: TickStep, min: number, max: number): number[] {
	const ticks: number[] = [];
	if (step.unit === 'day') {
		for (let d = Math.ceil(min / step.every) * step.every; d <= max; d += step.every) ticks.push(d);
		return ticks;
	}
	const from = new Date(Math.ceil(min) * DAY_MS);
	const months = step.unit === 'month' ? step.every : step.every * 12;
	// Month index since year 0, up to the next whole step (January for years).
	let index = from.getUTCFullYear() * 12 + from.getUTCMonth() + (from.getUTCDate() > 1 ? 1 : 0);
	index = Math.ceil(index / months) * months;
	for (; ; index += months) {
		const day = Date.UTC(Math.floor(index / 12), index % 12, 1) / DAY_MS;
		if (day > max) return ticks;
		ticks.push(day);
	}
}

/**
 * Ticks for a time axis from day `min` to day `max` (day numbers), at most `most` of them, at
 * whole days, months or years, the finest that fits: `{ value, label }` with labels in British
 * English, `30 Nov 2026` for days, `Nov 2026` for months, `2026` for years.
 */
export function dateTicks(
	min: number,
	max: number,
	most: number
): { value: number; label: string }[] {
	if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return [];
	const step =
		TICK_STEPS.find((s) => ticksOf(s, min, max).length <= Math.max(1, most)) ?? TICK_STEPS.at(-1)!;
	return ticksOf(step, min, max).map((value) => {
		const date = formatCalendarDate(dayOf(value));
		const label =
			step.unit === 'day'
				? date
				: step.unit === 'month'
					? date.slice(date.indexOf(' ') + 1)
					: date.slice(-4);
		return { value, label };
	});
}

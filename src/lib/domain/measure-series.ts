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

/** One sentence on a person's PAM scores over time, e.g. for the chart's accessible name. */
export function pamTrendSummary(points: readonly PamPoint[]): string {
	if (points.length === 0) return 'PAM score over time: no scores recorded.';
	const first = points[0];
	const last = points[points.length - 1];
	const scores = span(points.length, ['score', 'scores'], first.on, last.on);
	if (points.length === 1) {
		return `PAM score over time: ${scores}, ${first.score.toFixed(1)} (level ${first.level}).`;
	}
	return (
		`PAM score over time: ${scores}, ${direction(first.score, last.score)} from ` +
		`${first.score.toFixed(1)} (level ${first.level}) to ${last.score.toFixed(1)} (level ${last.level}).`
	);
}

/**
 * One sentence on a person's ONS4 answers over time, each question on its own (never summed);
 * anxiety is said to be better lower, since it runs the other way.
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
		return `${label} ${direction(from, to)} from ${from} to ${to}${note}`;
	});
	return `ONS4 personal wellbeing over time: ${sets}; ${each.join('; ')}.`;
}

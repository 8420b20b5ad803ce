/**
 * What a PAM or ONS4 submission must be before anything is saved, as zod schemas over the form's
 * text fields. Each gives a message per field in plain English, as the NHS error summary shows
 * them. The two forms share a page, so their fields have their own names (`pamOn`, `ons4On`):
 * one page, one id per field.
 */
import { z } from 'zod';
import { ONS4_LABELS, ONS4_QUESTIONS, pamLevel, type Ons4Answers, type PamLevel } from './measures';

/**
 * The first day a measure may be dated: PAM was published in 2004 and ONS4 first asked in 2011,
 * so anything earlier is a typing slip (20026, 1926), not a measurement.
 */
export const EARLIEST_MEASURE_DAY = '2000-01-01';

function isCalendarDay(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const parsed = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/**
 * A text field checked by `problem` (a message, or null when the value is fine). A field the
 * browser did not send reads as empty, so that its own message shows rather than a type error.
 */
function typed(problem: (value: string) => string | null) {
	return z.preprocess(
		(v) => (v === undefined ? '' : v),
		z
			.string()
			.trim()
			.superRefine((v, ctx) => {
				const message = problem(v);
				if (message) ctx.addIssue({ code: 'custom', message });
			})
	);
}

/** The day the measure was taken: a real day, from EARLIEST_MEASURE_DAY, not after `today`. */
function measuredOn(today: string) {
	return typed((v) =>
		v === ''
			? 'Enter the date it was recorded'
			: !isCalendarDay(v)
				? 'Enter the date it was recorded as a real date'
				: v < EARLIEST_MEASURE_DAY
					? 'Enter a date from 2000 on'
					: v > today
						? 'The date it was recorded cannot be in the future'
						: null
	);
}

/** A PAM score as the licensed tool reports it: 0 to 100, at most one decimal place. */
const PAM_SCORE = /^\d{1,3}(\.\d)?$/;

/**
 * A PAM submission: `{ pamOn, pamScore }` as typed. Gives `{ recordedOn, score, level }` with
 * the level derived from the score (never typed, so it cannot disagree with it).
 */
export function pamSubmission(today: string) {
	return z
		.object({
			pamOn: measuredOn(today),
			pamScore: typed((v) =>
				v === ''
					? 'Enter the PAM score'
					: !PAM_SCORE.test(v)
						? 'Enter the PAM score as a number from 0 to 100, like 52.4'
						: Number(v) > 100
							? 'The PAM score must be from 0 to 100'
							: null
			).transform(Number)
		})
		.transform((v) => ({
			recordedOn: v.pamOn,
			score: v.pamScore,
			level: pamLevel(v.pamScore) as PamLevel
		}));
}

export type PamSubmission = z.output<ReturnType<typeof pamSubmission>>;

function ons4Answer(label: string) {
	return typed((v) =>
		v === ''
			? `Enter the answer for ${label.toLowerCase()}`
			: !/^\d{1,2}$/.test(v) || Number(v) > 10
				? `The answer for ${label.toLowerCase()} must be a whole number from 0 to 10`
				: null
	).transform(Number);
}

/**
 * An ONS4 submission: `{ ons4On, lifeSatisfaction, worthwhile, happy, anxious }` as typed;
 * gives `{ recordedOn, answers }`. All four are needed: the set is reported together.
 */
export function ons4Submission(today: string) {
	return z
		.object({
			ons4On: measuredOn(today),
			...(Object.fromEntries(
				ONS4_QUESTIONS.map((q) => [q, ons4Answer(ONS4_LABELS[q].label)])
			) as Record<keyof Ons4Answers, ReturnType<typeof ons4Answer>>)
		})
		.transform(({ ons4On, ...answers }) => ({
			recordedOn: ons4On,
			answers: answers as Ons4Answers
		}));
}

export type Ons4Submission = z.output<ReturnType<typeof ons4Submission>>;

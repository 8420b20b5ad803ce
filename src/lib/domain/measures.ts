/**
 * Outcome measures the team records. PAM is licensed: we store the score and level a licensed
 * tool produced and never hold its questions or compute its score.
 */

export type PamLevel = 1 | 2 | 3 | 4;

export const PAM_LEVEL_DESCRIPTIONS: Record<PamLevel, string> = {
	1: 'May not yet understand their role is important',
	2: 'Lacks knowledge and confidence to act',
	3: 'Beginning to take action',
	4: 'Maintaining behaviours, may struggle under stress'
};

/** PAM level from a 0–100 score (PMC5665291): 1 to 47.0, 2 to 55.1, 3 to 67.0, 4 above. */
export function pamLevel(score: number): PamLevel {
	if (!Number.isFinite(score) || score < 0 || score > 100) {
		throw new RangeError('PAM score must be from 0 to 100');
	}
	// Scores are reported to one decimal place; rounding first keeps 47.0 from reading as 47.00001.
	const tenths = Math.round(score * 10);
	if (tenths <= 470) return 1;
	if (tenths <= 551) return 2;
	if (tenths <= 670) return 3;
	return 4;
}

/**
 * ONS4 personal wellbeing: four separate 0–10 questions. They measure different things (anxiety
 * runs the other way), so they are banded and reported one by one and never summed.
 */
export type Ons4Question = 'lifeSatisfaction' | 'worthwhile' | 'happy' | 'anxious';

export type Ons4Band = 'low' | 'medium' | 'high' | 'very high';
export type Ons4AnxietyBand = 'very low' | 'low' | 'medium' | 'high';

export function ons4Band(question: 'anxious', value: number): Ons4AnxietyBand;
export function ons4Band(question: Exclude<Ons4Question, 'anxious'>, value: number): Ons4Band;
export function ons4Band(question: Ons4Question, value: number): Ons4Band | Ons4AnxietyBand;
export function ons4Band(question: Ons4Question, value: number): Ons4Band | Ons4AnxietyBand {
	if (!Number.isInteger(value) || value < 0 || value > 10) {
		throw new RangeError('ONS4 answers are whole numbers from 0 to 10');
	}
	if (question === 'anxious') {
		if (value <= 1) return 'very low';
		if (value <= 3) return 'low';
		if (value <= 5) return 'medium';
		return 'high';
	}
	if (value <= 4) return 'low';
	if (value <= 6) return 'medium';
	if (value <= 8) return 'high';
	return 'very high';
}

/** The four ONS4 questions in the order ONS asks them, with what the team sees. */
export const ONS4_QUESTIONS: readonly Ons4Question[] = [
	'lifeSatisfaction',
	'worthwhile',
	'happy',
	'anxious'
];

/** Short labels (table headings, chart legend) and the question as ONS words it. */
export const ONS4_LABELS: Record<Ons4Question, { label: string; question: string }> = {
	lifeSatisfaction: {
		label: 'Life satisfaction',
		question: 'Overall, how satisfied are you with your life nowadays?'
	},
	worthwhile: {
		label: 'Worthwhile',
		question: 'Overall, to what extent do you feel the things you do in your life are worthwhile?'
	},
	happy: { label: 'Happy yesterday', question: 'Overall, how happy did you feel yesterday?' },
	anxious: {
		label: 'Anxious yesterday',
		question: 'Overall, how anxious did you feel yesterday?'
	}
};

/** One ONS4 set of answers as stored (`outcome_measure.ons4`): whole numbers 0–10. */
export type Ons4Answers = Record<Ons4Question, number>;

/** The score range of each PAM level, as the licensed tool reports it (one decimal place). */
export const PAM_LEVEL_RANGES: Record<PamLevel, { from: number; to: number }> = {
	1: { from: 0, to: 47.0 },
	2: { from: 47.1, to: 55.1 },
	3: { from: 55.2, to: 67.0 },
	4: { from: 67.1, to: 100 }
};

/** Whether `value` is a stored ONS4 set: all four answers, whole numbers 0–10. */
export function isOns4Answers(value: unknown): value is Ons4Answers {
	if (!value || typeof value !== 'object') return false;
	const answers = value as Record<string, unknown>;
	return ONS4_QUESTIONS.every((q) => {
		const v = answers[q];
		return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10;
	});
}

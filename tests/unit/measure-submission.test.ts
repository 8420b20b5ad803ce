import { describe, expect, it } from 'vitest';
import { ons4Submission, pamSubmission } from '../../src/lib/domain/measure-submission';

const TODAY = '2026-11-30';

function pam(score: string, recordedOn = TODAY) {
	return pamSubmission(TODAY).safeParse({ pamOn: recordedOn, pamScore: score });
}

function errorsOf(result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
	return Object.fromEntries(
		(result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message])
	);
}

describe('a PAM score as submitted', () => {
	it.each([
		['0', 0, 1],
		['47', 47, 1],
		['47.0', 47, 1],
		['47.1', 47.1, 2],
		['55.1', 55.1, 2],
		['55.2', 55.2, 3],
		['67.0', 67, 3],
		['67.1', 67.1, 4],
		['100', 100, 4],
		['100.0', 100, 4],
		[' 52.4 ', 52.4, 2]
	] as const)('accepts %s as score %d, level %i', (typed, score, level) => {
		const result = pam(typed);
		expect(result.success).toBe(true);
		expect(result.data).toEqual({ recordedOn: TODAY, score, level });
	});

	it.each([
		['', 'Enter the PAM score'],
		['-0.1', 'Enter the PAM score as a number from 0 to 100, like 52.4'],
		['100.1', 'The PAM score must be from 0 to 100'],
		['101', 'The PAM score must be from 0 to 100'],
		['47.05', 'Enter the PAM score as a number from 0 to 100, like 52.4'],
		['NaN', 'Enter the PAM score as a number from 0 to 100, like 52.4'],
		['fifty', 'Enter the PAM score as a number from 0 to 100, like 52.4'],
		['1e2', 'Enter the PAM score as a number from 0 to 100, like 52.4'],
		['52,4', 'Enter the PAM score as a number from 0 to 100, like 52.4'],
		['Infinity', 'Enter the PAM score as a number from 0 to 100, like 52.4']
	])('refuses %j: %s', (typed, message) => {
		const result = pam(typed);
		expect(result.success).toBe(false);
		expect(errorsOf(result)).toEqual({ pamScore: message });
	});
});

describe('the date a measure was recorded', () => {
	it.each([
		['', 'Enter the date it was recorded'],
		['2026-02-30', 'Enter the date it was recorded as a real date'],
		['30/11/2026', 'Enter the date it was recorded as a real date'],
		['1999-12-31', 'Enter a date from 2000 on'],
		['0026-11-30', 'Enter a date from 2000 on'],
		['2026-12-01', 'The date it was recorded cannot be in the future'],
		['20266-01-01', 'Enter the date it was recorded as a real date']
	])('refuses %j: %s', (recordedOn, message) => {
		expect(errorsOf(pam('50', recordedOn))).toEqual({ pamOn: message });
		const ons4 = ons4Submission(TODAY).safeParse({
			ons4On: recordedOn,
			lifeSatisfaction: '5',
			worthwhile: '5',
			happy: '5',
			anxious: '5'
		});
		expect(errorsOf(ons4)).toEqual({ ons4On: message });
	});

	it('accepts today and the first of 2000', () => {
		expect(pam('50', TODAY).success).toBe(true);
		expect(pam('50', '2000-01-01').success).toBe(true);
	});
});

describe('an ONS4 set as submitted', () => {
	const answers = { lifeSatisfaction: '7', worthwhile: '8', happy: '6', anxious: '3' };

	it('keeps the four answers apart, never summed', () => {
		const result = ons4Submission(TODAY).safeParse({ ons4On: TODAY, ...answers });
		expect(result.data).toEqual({
			recordedOn: TODAY,
			answers: { lifeSatisfaction: 7, worthwhile: 8, happy: 6, anxious: 3 }
		});
	});

	it('accepts 0 and 10, the ends of the scale', () => {
		for (const value of ['0', '10']) {
			const result = ons4Submission(TODAY).safeParse({
				ons4On: TODAY,
				lifeSatisfaction: value,
				worthwhile: value,
				happy: value,
				anxious: value
			});
			expect(result.success).toBe(true);
		}
	});

	it('refuses a missing answer, naming the question', () => {
		const result = ons4Submission(TODAY).safeParse({ ons4On: TODAY, ...answers, happy: '' });
		expect(errorsOf(result)).toEqual({ happy: 'Enter the answer for happy yesterday' });
	});

	it.each(['11', '-1', '5.5', 'x', '1e1', '010'])('refuses %j', (typed) => {
		const result = ons4Submission(TODAY).safeParse({
			ons4On: TODAY,
			...answers,
			anxious: typed
		});
		expect(errorsOf(result)).toEqual({
			anxious: 'The answer for anxious yesterday must be a whole number from 0 to 10'
		});
	});

	it('names every missing answer at once', () => {
		const result = ons4Submission(TODAY).safeParse({
			ons4On: '',
			lifeSatisfaction: '',
			worthwhile: '',
			happy: '',
			anxious: ''
		});
		expect(Object.keys(errorsOf(result))).toEqual([
			'ons4On',
			'lifeSatisfaction',
			'worthwhile',
			'happy',
			'anxious'
		]);
	});
});

describe('a submission with fields missing altogether', () => {
	it('reads them as empty, each with its own message', () => {
		expect(errorsOf(pamSubmission(TODAY).safeParse({}))).toEqual({
			pamOn: 'Enter the date it was recorded',
			pamScore: 'Enter the PAM score'
		});
		expect(errorsOf(ons4Submission(TODAY).safeParse({ ons4On: TODAY }))).toMatchObject({
			lifeSatisfaction: 'Enter the answer for life satisfaction'
		});
	});
});

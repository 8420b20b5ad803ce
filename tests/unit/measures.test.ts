import { describe, expect, it } from 'vitest';
import { PAM_LEVEL_DESCRIPTIONS, ons4Band, pamLevel } from '../../src/lib/domain/measures';

describe('Patient Activation Measure level', () => {
	it.each([
		[0, 1],
		[47.0, 1],
		[47.1, 2],
		[55.1, 2],
		[55.2, 3],
		[67.0, 3],
		[67.1, 4],
		[100, 4]
	] as const)('gives score %d level %i', (score, level) => {
		expect(pamLevel(score)).toBe(level);
	});

	it.each([
		[47.05, 2],
		[47.04, 1],
		[55.15, 3],
		[55.14, 2],
		[67.05, 4],
		[67.04, 3],
		[0.04, 1],
		[99.96, 4]
	] as const)(
		'reads %d as the tool would report it, to a tenth (half up): level %i',
		(score, level) => {
			expect(pamLevel(score)).toBe(level);
		}
	);

	it('reads a score as reported to one decimal place', () => {
		expect(pamLevel(47.04)).toBe(1);
		expect(pamLevel(55.14)).toBe(2);
		expect(pamLevel(0.1 + 0.2 + 66.7)).toBe(3);
	});

	it('refuses scores outside 0–100', () => {
		for (const bad of [-0.1, 100.1, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(() => pamLevel(bad)).toThrow(RangeError);
		}
	});

	it('describes every level', () => {
		expect(PAM_LEVEL_DESCRIPTIONS[1]).toBe('May not yet understand their role is important');
		expect(PAM_LEVEL_DESCRIPTIONS[4]).toBe('Maintaining behaviours, may struggle under stress');
		expect(Object.keys(PAM_LEVEL_DESCRIPTIONS)).toEqual(['1', '2', '3', '4']);
	});
});

describe('ONS4 personal wellbeing bands', () => {
	it.each([
		[0, 'low'],
		[4, 'low'],
		[5, 'medium'],
		[6, 'medium'],
		[7, 'high'],
		[8, 'high'],
		[9, 'very high'],
		[10, 'very high']
	] as const)(
		'bands life satisfaction, worthwhile and happy answers of %i as %s',
		(value, band) => {
			expect(ons4Band('lifeSatisfaction', value)).toBe(band);
			expect(ons4Band('worthwhile', value)).toBe(band);
			expect(ons4Band('happy', value)).toBe(band);
		}
	);

	it.each([
		[0, 'very low'],
		[1, 'very low'],
		[2, 'low'],
		[3, 'low'],
		[4, 'medium'],
		[5, 'medium'],
		[6, 'high'],
		[7, 'high'],
		[10, 'high']
	] as const)('bands anxiety the other way round: %i is %s', (value, band) => {
		expect(ons4Band('anxious', value)).toBe(band);
	});

	it('refuses answers that are not whole numbers from 0 to 10', () => {
		for (const bad of [-1, 11, 5.5, 10.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(() => ons4Band('happy', bad)).toThrow(RangeError);
			expect(() => ons4Band('anxious', bad)).toThrow(RangeError);
		}
	});
});

import { describe, expect, it } from 'vitest';
import {
	formatNhsNumber,
	isSyntheticNhsNumber,
	isValidNhsNumber,
	nhsNumberCheckDigit,
	nhsNumberProblem,
	normaliseNhsNumber
} from '../../src/lib/domain/nhs-number';

describe('NHS number', () => {
	it('accepts the published example 943 476 5919', () => {
		expect(nhsNumberCheckDigit('943476591')).toBe(9);
		expect(isValidNhsNumber('9434765919')).toBe(true);
		expect(nhsNumberProblem('9434765919')).toBeNull();
	});

	it('accepts a number typed with spaces or hyphens', () => {
		expect(normaliseNhsNumber(' 943 476-5919 ')).toBe('9434765919');
		expect(isValidNhsNumber('943 476 5919')).toBe(true);
		expect(isValidNhsNumber('943-476-5919')).toBe(true);
	});

	it('computes check digits per the NHS Data Dictionary, with 11 meaning 0', () => {
		// 9×10 + 9×9 + 9×8 + 1×2 = 245; 245 mod 11 = 3; 11 − 3 = 8.
		expect(nhsNumberCheckDigit('999000001')).toBe(8);
		expect(isValidNhsNumber('9990000018')).toBe(true);
		// 9×10 + 9×9 + 9×8 + 5×2 = 253 = 11 × 23, so the check is 11, written 0.
		expect(nhsNumberCheckDigit('999000005')).toBe(0);
		expect(isValidNhsNumber('9990000050')).toBe(true);
	});

	it('treats a check digit of 10 as an invalid number, whatever the last digit', () => {
		// 9×10 + 9×9 + 9×8 = 243; 243 mod 11 = 1; 11 − 1 = 10.
		expect(nhsNumberCheckDigit('999000000')).toBeNull();
		for (let last = 0; last <= 9; last++) {
			expect(nhsNumberProblem(`999000000${last}`)).toBe(
				'NHS number is not valid: the check digit is wrong'
			);
		}
	});

	it('explains what is wrong with a bad number', () => {
		expect(nhsNumberProblem('')).toBe('Enter an NHS number');
		expect(nhsNumberProblem('   ')).toBe('Enter an NHS number');
		expect(nhsNumberProblem('943476591')).toBe('NHS number must be 10 digits');
		expect(nhsNumberProblem('94347659190')).toBe('NHS number must be 10 digits');
		expect(nhsNumberProblem('94347659A9')).toBe('NHS number must be 10 digits');
		expect(nhsNumberProblem('9434765918')).toBe(
			'NHS number is not valid: the check digit is wrong'
		);
		expect(isValidNhsNumber('9434765918')).toBe(false);
	});

	it('rejects a transposition of two digits', () => {
		expect(isValidNhsNumber('4934765919')).toBe(false);
	});

	it('shows a valid number as 3 3 4 and anything else as it was typed', () => {
		expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
		expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
		expect(formatNhsNumber('9434765918')).toBe('9434765918');
		expect(formatNhsNumber('12345')).toBe('12345');
		expect(formatNhsNumber('')).toBe('');
	});

	it('recognises the 999 test range as synthetic', () => {
		expect(isSyntheticNhsNumber('9990000018')).toBe(true);
		expect(isSyntheticNhsNumber('999 000 0018')).toBe(true);
		expect(isSyntheticNhsNumber('9434765919')).toBe(false);
		expect(isSyntheticNhsNumber('999')).toBe(false);
	});

	it('refuses to compute a check digit for anything but nine digits', () => {
		expect(() => nhsNumberCheckDigit('12345678')).toThrow(RangeError);
		expect(() => nhsNumberCheckDigit('12345678x')).toThrow(RangeError);
	});
});

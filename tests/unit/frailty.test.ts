import { describe, expect, it } from 'vitest';
import {
	EFI_DEFICITS,
	FRAILTY_LABELS,
	FRAILTY_SNOMED,
	efiScore,
	frailtyCategory
} from '../../src/lib/domain/frailty';

describe('electronic frailty index', () => {
	it('has 36 deficits and scores deficits / 36 to two places', () => {
		expect(EFI_DEFICITS).toBe(36);
		expect(efiScore(0)).toBe(0);
		expect(efiScore(4)).toBe(0.11);
		expect(efiScore(9)).toBe(0.25);
		expect(efiScore(13)).toBe(0.36);
		expect(efiScore(36)).toBe(1);
	});

	it.each([
		[0, 'fit'],
		[4, 'fit'],
		[5, 'mild'],
		[8, 'mild'],
		[9, 'moderate'],
		[12, 'moderate'],
		[13, 'severe'],
		[36, 'severe']
	] as const)('puts %i deficits in the %s category', (deficits, category) => {
		expect(frailtyCategory(deficits)).toBe(category);
	});

	it('refuses deficit counts that cannot come from the eFI', () => {
		for (const bad of [-1, 4.5, 37, Number.NaN]) {
			expect(() => frailtyCategory(bad)).toThrow(RangeError);
			expect(() => efiScore(bad)).toThrow(RangeError);
		}
	});

	it('labels each category for display', () => {
		expect(FRAILTY_LABELS).toEqual({
			fit: 'Fit',
			mild: 'Mild frailty',
			moderate: 'Moderate frailty',
			severe: 'Severe frailty'
		});
	});

	it('codes mild, moderate and severe frailty with the verified SNOMED CT concepts', () => {
		expect(FRAILTY_SNOMED).toEqual({
			mild: '925791000000100',
			moderate: '925831000000107',
			severe: '925861000000102'
		});
	});
});

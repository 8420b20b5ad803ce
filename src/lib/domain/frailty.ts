/** Electronic Frailty Index (eFI): a count of 36 deficits found in the GP record. */
import { SNOMED } from './snomed';

export const EFI_DEFICITS = 36;

export type FrailtyCategory = 'fit' | 'mild' | 'moderate' | 'severe';

export const FRAILTY_LABELS: Record<FrailtyCategory, string> = {
	fit: 'Fit',
	mild: 'Mild frailty',
	moderate: 'Moderate frailty',
	severe: 'Severe frailty'
};

/** SNOMED CT findings for each degree of frailty, from the one table (snomed.ts). */
export const FRAILTY_SNOMED: Record<Exclude<FrailtyCategory, 'fit'>, string> = {
	mild: SNOMED.mildFrailty.sctid,
	moderate: SNOMED.moderateFrailty.sctid,
	severe: SNOMED.severeFrailty.sctid
};

function assertDeficits(deficits: number): void {
	if (!Number.isInteger(deficits) || deficits < 0 || deficits > EFI_DEFICITS) {
		throw new RangeError(`eFI deficits must be a whole number from 0 to ${EFI_DEFICITS}`);
	}
}

/** The eFI score (deficits / 36) to 2 decimal places. */
export function efiScore(deficits: number): number {
	assertDeficits(deficits);
	return Math.round((deficits / EFI_DEFICITS) * 100) / 100;
}

/** Categorised from the deficit count, not the rounded score, so boundaries cannot drift. */
export function frailtyCategory(deficits: number): FrailtyCategory {
	assertDeficits(deficits);
	if (deficits <= 4) return 'fit';
	if (deficits <= 8) return 'mild';
	if (deficits <= 12) return 'moderate';
	return 'severe';
}

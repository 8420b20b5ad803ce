import { describe, expect, it } from 'vitest';
import { ageOn } from '../../src/lib/domain/age';
import { syntheticPatients } from '../../src/lib/server/demo/population';
import { frailtyCategory } from '../../src/lib/domain/frailty';
import { isSyntheticNhsNumber, isValidNhsNumber } from '../../src/lib/domain/nhs-number';

const riverside = {
	seed: 2026,
	count: 80,
	practiceOds: ['Y99911', 'Y99912', 'Y99913'],
	postcodeArea: 'RV1',
	nhsNumberStart: 9990000000
};
const referenceDay = new Date('2026-01-01T12:00:00Z');
const patients = syntheticPatients(riverside);

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const share = (predicate: (p: (typeof patients)[number]) => boolean) =>
	patients.filter(predicate).length / patients.length;

describe('synthetic population', () => {
	it('gives the same people for the same seed, and different people for another', () => {
		expect(syntheticPatients(riverside)).toEqual(patients);
		const other = syntheticPatients({ ...riverside, seed: 2027 });
		expect(other.map((p) => p.givenName + p.familyName)).not.toEqual(
			patients.map((p) => p.givenName + p.familyName)
		);
	});

	it('uses only unique 999-range NHS numbers with valid check digits', () => {
		expect(patients).toHaveLength(80);
		const numbers = patients.map((p) => p.nhsNumber);
		expect(new Set(numbers).size).toBe(80);
		for (const n of numbers) {
			expect(n).toMatch(/^999\d{7}$/);
			expect(isSyntheticNhsNumber(n)).toBe(true);
			expect(isValidNhsNumber(n)).toBe(true);
			expect(Number(n)).toBeGreaterThan(riverside.nhsNumberStart);
		}
	});

	it('keeps two PCNs apart by their NHS number ranges', () => {
		const hillside = syntheticPatients({
			seed: 4052,
			count: 20,
			practiceOds: ['Y99921'],
			postcodeArea: 'HS2',
			nhsNumberStart: 9995000000
		});
		const riversideNumbers = new Set(patients.map((p) => p.nhsNumber));
		expect(hillside.every((p) => !riversideNumbers.has(p.nhsNumber))).toBe(true);
		expect(hillside.every((p) => p.nhsNumber >= '9995000000')).toBe(true);
	});

	it('refuses to issue NHS numbers outside the 999 test range', () => {
		expect(() => syntheticPatients({ ...riverside, nhsNumberStart: 9434765919 })).toThrow(
			RangeError
		);
	});

	it('has the frailty mix of a real caseload', () => {
		const mix = (category: string) => share((p) => frailtyCategory(p.efiDeficits) === category);
		expect(mix('fit')).toBeCloseTo(0.35, 1);
		expect(mix('mild')).toBeCloseTo(0.3, 1);
		expect(mix('moderate')).toBeCloseTo(0.2, 1);
		expect(mix('severe')).toBeCloseTo(0.15, 1);
		expect(patients.every((p) => p.efiDeficits >= 0 && p.efiDeficits <= 36)).toBe(true);
	});

	it('makes the frailer patients older and with more long-term conditions', () => {
		const frail = patients.filter((p) => p.efiDeficits >= 9);
		const fit = patients.filter((p) => p.efiDeficits <= 4);
		const age = (p: (typeof patients)[number]) => ageOn(p.dateOfBirth, referenceDay);
		expect(mean(frail.map(age))).toBeGreaterThan(mean(fit.map(age)) + 5);
		expect(mean(frail.map((p) => p.longTermConditions.length))).toBeGreaterThan(
			mean(fit.map((p) => p.longTermConditions.length)) + 1
		);
	});

	it('is mostly people aged 65 to 98, with some aged 40 to 64', () => {
		const ages = patients.map((p) => ageOn(p.dateOfBirth, referenceDay));
		expect(Math.min(...ages)).toBeGreaterThanOrEqual(40);
		expect(Math.max(...ages)).toBeLessThanOrEqual(98);
		const older = ages.filter((a) => a >= 65).length / ages.length;
		expect(older).toBeGreaterThan(0.7);
		expect(older).toBeLessThan(0.95);
	});

	it('gives everyone 1 to 5 distinct long-term conditions', () => {
		for (const p of patients) {
			expect(p.longTermConditions.length).toBeGreaterThanOrEqual(1);
			expect(p.longTermConditions.length).toBeLessThanOrEqual(5);
			expect(new Set(p.longTermConditions).size).toBe(p.longTermConditions.length);
		}
	});

	it('spreads deprivation across all deciles, weighted to the most deprived', () => {
		expect(new Set(patients.map((p) => p.imdDecile)).size).toBe(10);
		expect(share((p) => p.imdDecile <= 4)).toBeGreaterThan(0.4);
		expect(patients.every((p) => Number.isInteger(p.imdDecile))).toBe(true);
	});

	it('is mostly White British with people of other ethnic groups', () => {
		const whiteBritish = share((p) => p.ethnicity === 'White - British');
		expect(whiteBritish).toBeGreaterThan(0.55);
		expect(whiteBritish).toBeLessThan(0.9);
		expect(new Set(patients.map((p) => p.ethnicity)).size).toBeGreaterThanOrEqual(6);
	});

	it('records unpaid carers as carer contacts for about 30% of patients', () => {
		for (const p of patients) {
			expect(p.hasUnpaidCarer).toBe(p.contacts.some((c) => c.isCarer));
		}
		expect(share((p) => p.hasUnpaidCarer)).toBeGreaterThan(0.2);
		expect(share((p) => p.hasUnpaidCarer)).toBeLessThan(0.4);
	});

	it('gives most patients a single next of kin', () => {
		expect(share((p) => p.contacts.some((c) => c.isNextOfKin))).toBeGreaterThan(0.7);
		expect(patients.every((p) => p.contacts.filter((c) => c.isNextOfKin).length <= 1)).toBe(true);
	});

	it('uses only fictional phone numbers and example.com emails', () => {
		const phones = patients.flatMap((p) => [p.phone, ...p.contacts.map((c) => c.phone)]);
		for (const phone of phones.filter((x) => x !== null)) {
			expect(phone).toMatch(/^07700 900\d{3}$/);
		}
		for (const email of patients.map((p) => p.email).filter((x) => x !== null)) {
			expect(email).toMatch(/^[a-z.'-]+@example\.com$/);
		}
	});

	it('only prefers a contact method the patient has', () => {
		for (const p of patients) {
			if (p.preferredContact === 'email') expect(p.email).not.toBeNull();
			if (p.preferredContact === 'phone' || p.preferredContact === 'text') {
				expect(p.phone).not.toBeNull();
			}
		}
	});

	it('places patients at the given practices and postcode area', () => {
		expect(new Set(patients.map((p) => p.practiceOds))).toEqual(new Set(riverside.practiceOds));
		for (const p of patients) {
			expect(p.postcode).toMatch(/^RV1 [0-9][A-Z]{2}$/);
			expect(p.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(p.givenName.length).toBeGreaterThan(0);
			expect(p.familyName.length).toBeGreaterThan(0);
		}
	});
});

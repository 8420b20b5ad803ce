/**
 * A synthetic population for the demo and the tests. Nobody here is real: NHS numbers are in the
 * 999 test range, phone numbers in Ofcom's drama range and emails at example.com. The generator is
 * deterministic (seeded, never Math.random) so a seed always gives the same people.
 */
import { nhsNumberCheckDigit } from '../../domain/nhs-number';
import type { ContactMethod, Sex } from '../../domain/patients';
import { ETHNICITIES, NAMES, type Heritage } from './names';
import { createRandom, type Random, type Weighted } from './random';

export type SyntheticContact = {
	name: string;
	relationship: string;
	isCarer: boolean;
	isNextOfKin: boolean;
	phone: string;
};

export type SyntheticPatient = {
	nhsNumber: string;
	givenName: string;
	familyName: string;
	/** YYYY-MM-DD */
	dateOfBirth: string;
	sex: Sex;
	practiceOds: string;
	postcode: string;
	/** NHS Data Dictionary ethnic category label */
	ethnicity: string;
	/** 1 (most deprived) to 10 */
	imdDecile: number;
	longTermConditions: string[];
	/** 0 to 36 */
	efiDeficits: number;
	preferredContact: ContactMethod;
	phone: string | null;
	email: string | null;
	/** The patient has an unpaid carer (one of their contacts has isCarer). */
	hasUnpaidCarer: boolean;
	/** The patient is themself an unpaid carer. */
	isUnpaidCarer: boolean;
	contacts: SyntheticContact[];
};

export type SyntheticPopulationOptions = {
	seed: number;
	count: number;
	practiceOds: string[];
	/** Outward code, e.g. 'RV1' */
	postcodeArea: string;
	/** Numbers are issued above this one, e.g. 9990000000; keeps PCNs apart. Must be 999…. */
	nhsNumberStart: number;
	/** Ages are as on this date (YYYY-MM-DD), fixed so the output never depends on today. */
	referenceDate?: string;
};

// More people in the most deprived deciles: that is where MDT caseloads concentrate.
const IMD_DECILES: Weighted<number> = [
	[1, 16],
	[2, 15],
	[3, 13],
	[4, 12],
	[5, 9],
	[6, 8],
	[7, 8],
	[8, 7],
	[9, 6],
	[10, 6]
];

const SEX_WEIGHTS: Weighted<Sex> = [
	['female', 55],
	['male', 44],
	['other', 0.5],
	['unknown', 0.5]
];

const CONDITIONS: Weighted<string> = [
	['Hypertension', 30],
	['Osteoarthritis', 18],
	['Type 2 diabetes', 14],
	['Chronic kidney disease', 11],
	['Atrial fibrillation', 9],
	['Depression', 9],
	['COPD', 8],
	['Heart failure', 7],
	['Dementia', 6],
	['Asthma', 6],
	['Stroke', 5],
	["Parkinson's disease", 2]
];

/** Conditions that make frailty much more likely than their count alone suggests. */
const FRAILING_CONDITIONS = new Set(['Dementia', 'Heart failure', 'Stroke', "Parkinson's disease"]);

// A frailty caseload: each band's share of the population, the deficits drawn for it (severe skews
// towards 13), and how likely someone in it is to have, or to be, an unpaid carer.
const FRAILTY_BANDS = [
	{ share: 0.35, deficits: [0, 4], hasCarer: 0.1, isCarer: 0.15, skewLow: false },
	{ share: 0.3, deficits: [5, 8], hasCarer: 0.25, isCarer: 0.1, skewLow: false },
	{ share: 0.2, deficits: [9, 12], hasCarer: 0.45, isCarer: 0.05, skewLow: false },
	{ share: 0.15, deficits: [13, 22], hasCarer: 0.7, isCarer: 0.02, skewLow: true }
] as const;

const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
const DAY_MS = 86_400_000;
const DEFAULT_REFERENCE_DATE = '2026-01-01';

function dramaPhone(random: Random): string {
	return `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;
}

function inwardCode(random: Random): string {
	return `${random.int(1, 9)}${random.pick(INWARD_LETTERS)}${random.pick(INWARD_LETTERS)}`;
}

function ageInYears(random: Random): number {
	if (random.chance(0.2)) return random.int(40, 64);
	// The mean of two uniforms peaks in the early eighties, as a frailty caseload does.
	return 65 + Math.floor(((random.next() + random.next()) / 2) * 34);
}

function dateOfBirthFor(age: number, reference: Date, random: Random): string {
	const y = reference.getUTCFullYear();
	const m = reference.getUTCMonth();
	const d = reference.getUTCDate();
	const latest = Date.UTC(y - age, m, d);
	const earliest = Date.UTC(y - age - 1, m, d) + DAY_MS;
	const days = Math.round((latest - earliest) / DAY_MS);
	return new Date(earliest + random.int(0, days) * DAY_MS).toISOString().slice(0, 10);
}

function conditionsFor(age: number, random: Random): string[] {
	// Weights for having 1, 2, 3, 4 or 5 conditions: multimorbidity rises with age.
	const countWeights =
		age >= 80 ? [15, 25, 30, 20, 10] : age >= 65 ? [25, 30, 25, 13, 7] : [40, 30, 20, 7, 3];
	const counts: Weighted<number> = countWeights.map((weight, i) => [i + 1, weight]);
	const ageAdjusted = (name: string, weight: number): number => {
		if (age < 65 && ['Dementia', "Parkinson's disease"].includes(name)) return weight * 0.1;
		if (age < 65 && ['Depression', 'Asthma'].includes(name)) return weight * 1.5;
		if (age >= 85 && name === 'Dementia') return weight * 2;
		return weight;
	};
	let remaining: Weighted<string> = CONDITIONS.map(([name, w]) => [name, ageAdjusted(name, w)]);
	const chosen: string[] = [];
	for (let n = random.weighted(counts); n > 0; n--) {
		const condition = random.weighted(remaining);
		chosen.push(condition);
		remaining = remaining.filter(([name]) => name !== condition);
	}
	return chosen;
}

function nameFor(sex: Sex, heritage: readonly Heritage[], random: Random) {
	const female = sex === 'female' || (sex !== 'male' && random.chance(0.5));
	const givenPool = NAMES[random.pick(heritage)];
	return {
		givenName: random.pick(female ? givenPool.female : givenPool.male),
		familyName: random.pick(NAMES[random.pick(heritage)].family)
	};
}

function emailFor(givenName: string, familyName: string): string {
	const local = `${givenName}.${familyName}`
		.toLowerCase()
		.replace(/\s+/g, '-')
		.replace(/[^a-z.-]/g, '');
	return `${local}@example.com`;
}

type Draft = Omit<
	SyntheticPatient,
	'efiDeficits' | 'hasUnpaidCarer' | 'isUnpaidCarer' | 'contacts'
> & {
	age: number;
	heritage: readonly Heritage[];
	frailtyRisk: number;
};

function contactsFor(person: Draft, hasUnpaidCarer: boolean, random: Random): SyntheticContact[] {
	const contacts: SyntheticContact[] = [];
	const add = (relationship: string, female: boolean, sameFamily: boolean) => {
		const pool = NAMES[random.pick(person.heritage)];
		const family = sameFamily ? person.familyName : random.pick(pool.family);
		contacts.push({
			name: `${random.pick(female ? pool.female : pool.male)} ${family}`,
			relationship,
			isCarer: false,
			isNextOfKin: false,
			phone: dramaPhone(random)
		});
	};
	if (random.chance(person.age < 80 ? 0.6 : 0.35)) {
		if (random.chance(0.1) || (person.sex !== 'female' && person.sex !== 'male')) {
			add('Partner', random.chance(0.5), random.chance(0.3));
		} else if (person.sex === 'female') add('Husband', false, random.chance(0.85));
		else add('Wife', true, random.chance(0.85));
	}
	if (random.chance(0.75)) {
		const daughter = random.chance(0.55);
		add(daughter ? 'Daughter' : 'Son', daughter, random.chance(daughter ? 0.4 : 0.85));
	}
	if (contacts.length === 0 && random.chance(0.6)) {
		const relationship = random.pick(['Sister', 'Brother', 'Niece', 'Nephew']);
		add(relationship, relationship === 'Sister' || relationship === 'Niece', random.chance(0.5));
	}
	// Family are next of kin, in the order a record usually lists them: partner, child, other.
	if (contacts.length > 0) contacts[0].isNextOfKin = true;
	if (hasUnpaidCarer) {
		if (contacts.length === 0 || random.chance(0.1)) {
			add(random.pick(['Friend', 'Neighbour']), random.chance(0.6), false);
			contacts[contacts.length - 1].isCarer = true;
		} else {
			const childCares = contacts.length > 1 && (person.age >= 88 || random.chance(0.5));
			contacts[childCares ? 1 : 0].isCarer = true;
		}
	}
	if (contacts.length < 3 && random.chance(0.15)) {
		add(random.pick(['Friend', 'Neighbour']), random.chance(0.6), false);
	}
	return contacts;
}

function parseReferenceDate(iso: string): Date {
	const date = new Date(`${iso}T00:00:00Z`);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(date.getTime())) {
		throw new RangeError(`Not a reference date: ${iso}`);
	}
	return date;
}

/**
 * Synthetic patients for one PCN. Frailty is assigned by rank of a risk drawn from age and
 * conditions, so every population, however small, has the mix of a real frailty caseload.
 */
export function syntheticPatients(options: SyntheticPopulationOptions): SyntheticPatient[] {
	const { seed, count, practiceOds, postcodeArea, nhsNumberStart } = options;
	if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number');
	if (practiceOds.length === 0) throw new RangeError('At least one practice is needed');
	let firstNine = Math.floor(nhsNumberStart / 10);
	if (!Number.isInteger(nhsNumberStart) || firstNine < 999_000_000 || firstNine > 999_999_999) {
		throw new RangeError('Synthetic NHS numbers must be in the 999 range');
	}
	const reference = parseReferenceDate(options.referenceDate ?? DEFAULT_REFERENCE_DATE);
	const random = createRandom(seed);

	const drafts: Draft[] = [];
	for (let i = 0; i < count; i++) {
		let check: number | null;
		do {
			firstNine += random.int(1, 5);
			if (firstNine > 999_999_999) throw new RangeError('Ran out of 999-range NHS numbers');
			check = nhsNumberCheckDigit(String(firstNine));
		} while (check === null);

		const age = ageInYears(random);
		const sex = random.weighted(SEX_WEIGHTS);
		const ethnicity = random.weighted(ETHNICITIES);
		const { givenName, familyName } = nameFor(sex, ethnicity.names, random);
		const longTermConditions = conditionsFor(age, random);
		const frailing = longTermConditions.filter((c) => FRAILING_CONDITIONS.has(c)).length;
		const noise = (random.next() + random.next() + random.next() - 1.5) * 1.5;
		const phone = random.chance(0.92) ? dramaPhone(random) : null;
		const emailChance = age < 65 ? 0.75 : age < 80 ? 0.35 : 0.15;
		const email = random.chance(emailChance) ? emailFor(givenName, familyName) : null;
		const contactMethods: Weighted<ContactMethod> = [
			['phone', phone ? 50 : 0],
			['text', phone ? 15 : 0],
			['email', email ? 15 : 0],
			['letter', 20]
		];
		drafts.push({
			nhsNumber: `${firstNine}${check}`,
			givenName,
			familyName,
			dateOfBirth: dateOfBirthFor(age, reference, random),
			sex,
			practiceOds: random.pick(practiceOds),
			postcode: `${postcodeArea} ${inwardCode(random)}`,
			ethnicity: ethnicity.label,
			imdDecile: random.weighted(IMD_DECILES),
			longTermConditions,
			preferredContact: random.weighted(contactMethods),
			phone,
			email,
			age,
			heritage: ethnicity.names,
			frailtyRisk: 0.08 * (age - 65) + 0.7 * longTermConditions.length + 0.6 * frailing + noise
		});
	}

	const bandOf: number[] = [];
	const byRisk = drafts
		.map((_, i) => i)
		.sort((a, b) => drafts[a].frailtyRisk - drafts[b].frailtyRisk);
	let rank = 0;
	let cumulativeShare = 0;
	FRAILTY_BANDS.forEach((band, b) => {
		cumulativeShare += band.share;
		const end = b === FRAILTY_BANDS.length - 1 ? count : Math.round(cumulativeShare * count);
		for (; rank < end; rank++) bandOf[byRisk[rank]] = b;
	});

	return drafts.map((draft, i) => {
		const band = FRAILTY_BANDS[bandOf[i]];
		const [low, high] = band.deficits;
		// Each condition is itself an eFI deficit, so it sets a floor within the band.
		const floor = Math.max(low, Math.min(high, draft.longTermConditions.length));
		const efiDeficits = band.skewLow
			? low + Math.floor(random.next() ** 2 * (high - low + 1))
			: random.int(floor, high);
		const hasUnpaidCarer = random.chance(band.hasCarer);
		const isUnpaidCarer = random.chance(band.isCarer);
		const contacts = contactsFor(draft, hasUnpaidCarer, random);
		const { age: _age, heritage: _heritage, frailtyRisk: _risk, ...patient } = draft;
		return { ...patient, efiDeficits, hasUnpaidCarer, isUnpaidCarer, contacts };
	});
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	ACTIVITY_CODES,
	ACTIVITY_KINDS,
	isValidSctid,
	snomedConcept,
	snomedConcepts,
	UNCODED_ACTIVITIES
} from '../../src/lib/domain/snomed';

// Every SCTID of shared/domain/README.md "SNOMED CT codes verified in public sources", in its order.
const README_CODES = [
	'871731000000106',
	'871711000000103',
	'425268008',
	'962851000000103',
	'925431000000109',
	'925791000000100',
	'925831000000107',
	'925861000000102',
	'768820003',
	'384682003',
	'444804000',
	'816281000000101',
	'1515861000000103',
	'1515871000000105',
	'1515881000000107',
	'1515891000000109',
	'1515901000000105',
	'1515911000000107',
	'1515921000000101'
];

const README = fileURLToPath(new URL('../../../shared/domain/README.md', import.meta.url));

/** The SCTIDs in the README's verified table (the rows between its heading and "Not found"). */
function readmeCodes(): string[] {
	const text = readFileSync(README, 'utf8');
	const start = text.indexOf('## SNOMED CT codes verified in public sources');
	const table = text.slice(start, text.indexOf('Not found with an ID', start));
	return table
		.split('\n')
		.filter((line) => line.startsWith('|'))
		.flatMap((line) => [...(line.split('|')[2] ?? '').matchAll(/\d{6,18}/g)].map((m) => m[0]));
}

describe('the SNOMED CT table', () => {
	it('holds exactly the codes verified in the domain primer, each once', () => {
		const codes = snomedConcepts().map((c) => c.sctid);
		expect(codes).toEqual(README_CODES);
		expect(new Set(codes).size).toBe(codes.length);
	});

	it.skipIf(!existsSync(README))('matches the domain primer’s table as it stands', () => {
		expect(snomedConcepts().map((c) => c.sctid)).toEqual(readmeCodes());
	});

	it('passes the Verhoeff check digit for every code', () => {
		for (const { sctid } of snomedConcepts()) expect(isValidSctid(sctid), sctid).toBe(true);
	});

	it('refuses a code with a wrong check digit, a leading zero or the wrong length', () => {
		expect(isValidSctid('384682004')).toBe(false);
		expect(isValidSctid('925791000000101')).toBe(false);
		expect(isValidSctid('0384682003')).toBe(false);
		expect(isValidSctid('12345')).toBe(false);
		expect(isValidSctid('1234567890123456789')).toBe(false);
		expect(isValidSctid('38468200x')).toBe(false);
	});

	it('gives every concept a term and a source', () => {
		for (const concept of snomedConcepts()) {
			expect(concept.term.trim(), concept.sctid).not.toBe('');
			expect(concept.source.trim(), concept.sctid).not.toBe('');
		}
	});

	it('maps every activity kind to a concept of the table or to uncoded', () => {
		expect(Object.keys(ACTIVITY_CODES).sort()).toEqual([...ACTIVITY_KINDS].sort());
		for (const kind of ACTIVITY_KINDS) {
			const concept = ACTIVITY_CODES[kind];
			if (concept) expect(snomedConcept(concept.sctid), kind).toEqual(concept);
		}
		expect(ACTIVITY_CODES.mdt_discussion?.sctid).toBe('384682003');
		expect(ACTIVITY_CODES.social_prescribing_referral?.sctid).toBe('871731000000106');
		expect(ACTIVITY_CODES.plan_review?.sctid).toBe('425268008');
		expect(ACTIVITY_CODES.pam?.sctid).toBe('925431000000109');
		for (const kind of ['referral', 'triage', 'contact', 'plan_agreed', 'ons4'] as const) {
			expect(ACTIVITY_CODES[kind], kind).toBeNull();
		}
	});

	it('lists the activities that have no verified code', () => {
		expect(UNCODED_ACTIVITIES).toContain('Referral to care coordinator');
		expect(UNCODED_ACTIVITIES).toContain('Seen by care coordinator');
		expect(UNCODED_ACTIVITIES).toContain('Personalised care and support plan agreed');
		expect(UNCODED_ACTIVITIES).toContain('Referral to community MDT');
	});
});

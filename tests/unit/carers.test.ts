import { describe, expect, it } from 'vitest';
import {
	carerAssessmentStatus,
	carerAssessmentSubmission,
	carersHref,
	parseCarersQuery
} from '../../src/lib/domain/carers';

const TODAY = '2026-11-30';
const empty = { offeredOn: '', completedOn: '', supportReferral: '', referredOn: '' };

function errorsOf(values: Record<string, string>) {
	const result = carerAssessmentSubmission(TODAY).safeParse(values);
	return Object.fromEntries(
		(result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message])
	);
}

describe('a carer’s assessment as submitted', () => {
	it('may be empty: nothing offered yet (or cleared)', () => {
		expect(carerAssessmentSubmission(TODAY).parse(empty)).toEqual({
			offeredOn: null,
			completedOn: null,
			supportReferral: null,
			referredOn: null
		});
	});

	it('takes the assessment offered and completed the same day, and a referral', () => {
		expect(
			carerAssessmentSubmission(TODAY).parse({
				offeredOn: '2026-11-02',
				completedOn: '2026-11-02',
				supportReferral: ' Riverside Carers’ Centre ',
				referredOn: TODAY
			})
		).toEqual({
			offeredOn: '2026-11-02',
			completedOn: '2026-11-02',
			supportReferral: 'Riverside Carers’ Centre',
			referredOn: TODAY
		});
	});

	it('refuses a completion before the offer', () => {
		expect(errorsOf({ ...empty, offeredOn: '2026-11-02', completedOn: '2026-11-01' })).toEqual({
			completedOn: 'The date completed cannot be before the date offered'
		});
	});

	it('refuses a completion with no offer', () => {
		expect(errorsOf({ ...empty, completedOn: '2026-11-01' })).toEqual({
			offeredOn: 'Enter the date offered: an assessment completed was offered first'
		});
	});

	it('refuses dates in the future, before 2000 or not real', () => {
		expect(errorsOf({ ...empty, offeredOn: '2026-12-01' })).toEqual({
			offeredOn: 'The date offered cannot be in the future'
		});
		expect(errorsOf({ ...empty, offeredOn: '1999-12-31' })).toEqual({
			offeredOn: 'Enter a date offered from 2000 on'
		});
		expect(errorsOf({ ...empty, offeredOn: '2026-02-30' })).toEqual({
			offeredOn: 'Enter the date offered as a real date'
		});
		expect(
			errorsOf({ ...empty, supportReferral: 'Respite care', referredOn: '2027-01-01' })
		).toEqual({ referredOn: 'The date referred cannot be in the future' });
	});

	it('needs both what the referral was and when', () => {
		expect(errorsOf({ ...empty, supportReferral: 'Respite care' })).toEqual({
			referredOn: 'Enter the date referred'
		});
		expect(errorsOf({ ...empty, referredOn: TODAY })).toEqual({
			supportReferral: 'Enter what the carer was referred to, like the carers’ centre'
		});
		expect(errorsOf({ ...empty, supportReferral: 'x'.repeat(301), referredOn: TODAY })).toEqual({
			supportReferral: 'Enter the support referral in 300 characters or fewer'
		});
	});
});

describe('the register’s filters', () => {
	it('say where an assessment stands', () => {
		expect(carerAssessmentStatus({ offeredOn: null, completedOn: null })).toBe('not_offered');
		expect(carerAssessmentStatus({ offeredOn: '2026-01-01', completedOn: null })).toBe('offered');
		expect(carerAssessmentStatus({ offeredOn: '2026-01-01', completedOn: '2026-02-01' })).toBe(
			'completed'
		);
	});

	it('round-trip through the URL, ignoring what they do not know', () => {
		const practiceId = '0b0e8d4c-3a52-4a0e-9f3e-6f2f3f0d9a11';
		const query = parseCarersQuery(
			new URLSearchParams({ status: 'offered', practice: practiceId })
		);
		expect(query).toEqual({ status: 'offered', practiceId });
		expect(carersHref(query)).toBe(`/carers?status=offered&practice=${practiceId}`);
		expect(parseCarersQuery(new URLSearchParams('status=maybe&practice=nope'))).toEqual({
			status: null,
			practiceId: null
		});
		expect(carersHref({ status: null, practiceId: null })).toBe('/carers');
	});
});

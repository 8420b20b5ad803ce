import { describe, expect, it } from 'vitest';
import {
	agreedHowForPerson,
	agreedHowText,
	agreementProblem,
	changedSinceAgreed,
	isAgreedLabel,
	NO_TRIGGER_FACTORS
} from '../../src/lib/domain/collab/careplan/agreement';
import {
	comparePlanSections,
	hasChanges,
	sectionsDiffer
} from '../../src/lib/domain/collab/careplan/compare';
import { inPlainWords, plainSectionTitle } from '../../src/lib/domain/collab/careplan/plain-words';
import type { PlanSectionText } from '../../src/lib/domain/collab/careplan/sections';
import type { CarePlanJson } from '../../src/lib/domain/collab/careplan/schema';

const part = (key: string, text: string, heading = key): PlanSectionText => ({
	key,
	section: key.split('.')[0],
	heading,
	text
});

describe('comparing two versions of a plan', () => {
	it('marks the words added and removed within a section', () => {
		const [compared] = comparePlanSections(
			[part('plan.strengths', 'Walks to the shop on Monday')],
			[part('plan.strengths', 'Walks to the big shop on Friday')]
		);
		expect(compared.change).toBe('changed');
		expect(compared.parts.filter((p) => p.change === 'added').map((p) => p.text.trim())).toEqual([
			'big',
			'Friday'
		]);
		expect(compared.parts.filter((p) => p.change === 'removed').map((p) => p.text.trim())).toEqual([
			'Monday'
		]);
		expect(
			compared.parts
				.filter((p) => p.change !== 'removed')
				.map((p) => p.text)
				.join('')
		).toBe('Walks to the big shop on Friday');
	});

	it('leaves a section that is the same in both unchanged, with its text as one run', () => {
		const [compared] = comparePlanSections(
			[part('aboutMe.myWellness', 'Sleeps well')],
			[part('aboutMe.myWellness', 'Sleeps well')]
		);
		expect(compared).toMatchObject({
			change: 'unchanged',
			parts: [{ text: 'Sleeps well', change: 'same' }]
		});
	});

	it('calls a section that was empty and now has text added, and the reverse removed', () => {
		const compared = comparePlanSections(
			[part('a', ''), part('b', 'Gone now')],
			[part('a', 'New words'), part('b', '')]
		);
		expect(compared.map((c) => c.change)).toEqual(['added', 'removed']);
		expect(compared[0].parts).toEqual([{ text: 'New words', change: 'added' }]);
		expect(compared[1].parts).toEqual([{ text: 'Gone now', change: 'removed' }]);
	});

	it('keeps a goal removed in the later version where it was, after the part before it', () => {
		const compared = comparePlanSections(
			[part('plan.needs', 'x'), part('goal.1', 'Walk daily'), part('goal.2', 'Cook')],
			[part('plan.needs', 'x'), part('goal.2', 'Cook'), part('goal.3', 'Garden')]
		);
		expect(compared.map((c) => [c.key, c.change])).toEqual([
			['plan.needs', 'unchanged'],
			['goal.1', 'removed'],
			['goal.2', 'unchanged'],
			['goal.3', 'added']
		]);
	});

	it('puts a removed first part first', () => {
		const compared = comparePlanSections([part('goal.1', 'Walk')], [part('goal.2', 'Cook')]);
		expect(compared.map((c) => c.key)).toEqual(['goal.1', 'goal.2']);
	});

	it('says whether anything changed at all', () => {
		expect(hasChanges(comparePlanSections([part('a', 'x')], [part('a', 'x')]))).toBe(false);
		expect(hasChanges(comparePlanSections([part('a', 'x')], [part('a', 'y')]))).toBe(true);
		expect(hasChanges(comparePlanSections([], []))).toBe(false);
	});

	it('finds a difference without the word diff exactly when the compare marks one', () => {
		const cases: [ReturnType<typeof part>[], ReturnType<typeof part>[]][] = [
			[[part('a', 'x')], [part('a', 'x')]],
			[[part('a', 'x')], [part('a', 'x ')]],
			[[part('a', 'x')], []],
			[[part('a', '  ')], []],
			[[], [part('a', '')]],
			[[], [part('a', 'new')]],
			[[part('goal.1', 'Walk')], [part('goal.2', 'Walk')]],
			[
				[part('a', 'x'), part('b', 'y')],
				[part('b', 'y'), part('a', 'x')]
			]
		];
		for (const [from, to] of cases) {
			expect(sectionsDiffer(from, to)).toBe(hasChanges(comparePlanSections(from, to)));
		}
	});
});

describe('agreeing a plan', () => {
	const plan = (contingency: Record<string, unknown>) =>
		({
			contingencyPlan: {
				triggerFactors: '',
				whatShouldHappen: '',
				whoToContact: '',
				copingStrategies: '',
				earlyWarningSigns: '',
				hasAdvanceStatement: false,
				...contingency
			}
		}) as unknown as CarePlanJson;

	it('refuses a plan whose contingency plan is empty: trigger factors are always required', () => {
		expect(agreementProblem(plan({}))).toBe(NO_TRIGGER_FACTORS);
		expect(NO_TRIGGER_FACTORS).toMatch(/trigger factors.*PRSB/);
	});

	it('refuses a contingency plan that says what should happen but not its trigger factors', () => {
		expect(agreementProblem(plan({ whatShouldHappen: 'Call the community team' }))).toBe(
			NO_TRIGGER_FACTORS
		);
		expect(agreementProblem(plan({ hasAdvanceStatement: true }))).toBe(NO_TRIGGER_FACTORS);
		expect(agreementProblem(plan({ whoToContact: 'Daughter', triggerFactors: '   ' }))).toBe(
			NO_TRIGGER_FACTORS
		);
	});

	it('agrees a contingency plan with its trigger factors', () => {
		expect(
			agreementProblem(
				plan({ whatShouldHappen: 'Call the team', triggerFactors: 'Breathless at rest' })
			)
		).toBeNull();
	});
});

describe('a plan changed since it was agreed', () => {
	const agreed = [
		part('plan.strengths', 'Walks to the shop'),
		{ ...part('review', 'Review date: 2027-01-05'), section: 'Review and agreement' }
	];

	it('is unchanged while only its review date or agreement moves', () => {
		const now = [
			part('plan.strengths', 'Walks to the shop'),
			{
				...part('review', 'Review date: 2027-03-01\nAgreed with the person on 2026-11-29'),
				section: 'Review and agreement'
			}
		];
		expect(changedSinceAgreed(agreed, now)).toBe(false);
	});

	it('is changed by an edit, an added goal or a removed one', () => {
		expect(changedSinceAgreed(agreed, [part('plan.strengths', 'Walks to the big shop')])).toBe(
			true
		);
		expect(changedSinceAgreed(agreed, [...agreed, part('goal.g1', 'Sleep better', 'Goal 1')])).toBe(
			true
		);
		expect(changedSinceAgreed([...agreed, part('goal.g1', 'Sleep better')], agreed)).toBe(true);
	});
});

describe('the label of an agreed version', () => {
	it('is kept for Mark as agreed, however it is spaced or capitalised', () => {
		expect(isAgreedLabel('Agreed with the person')).toBe(true);
		expect(isAgreedLabel('  agreed   WITH the\tperson ')).toBe(true);
		expect(isAgreedLabel('Agreed with the person’s daughter')).toBe(false);
		expect(isAgreedLabel('Before the home visit')).toBe(false);
	});
});

describe('how it was agreed, in the person’s own printed plan', () => {
	it('speaks in the first person and keeps what was typed as typed', () => {
		expect(agreedHowForPerson(agreedHowText('representative', 'daughter Ann'))).toBe(
			'with my representative: daughter Ann'
		);
		expect(agreedHowForPerson(agreedHowText('telephone', null))).toBe('by telephone');
		expect(agreedHowForPerson(agreedHowText('face_to_face', 'At home, with Dr Okafor'))).toBe(
			'face to face: At home, with Dr Okafor'
		);
		expect(agreedHowForPerson(agreedHowText('other', 'By letter to NHS Trust'))).toBe(
			'By letter to NHS Trust'
		);
		expect(agreedHowForPerson('In person at home, with her daughter')).toBe(
			'In person at home, with her daughter'
		);
	});

	it('reads so in the plan’s review section', () => {
		const review = part(
			'review',
			'Agreed with the person on 2026-11-29\nHow agreed: With their representative: daughter Ann'
		);
		expect(inPlainWords([review])[0].text).toBe(
			'Agreed with the person on 29 Nov 2026\nHow it was agreed: with my representative: daughter Ann'
		);
	});
});

describe('the printed plan in plain English', () => {
	it('renames the jargon, keeps the order and keys, and leaves plain headings alone', () => {
		const parts = [
			part('aboutMe.whatMattersToMe', 'Home', 'What is most important to me'),
			part('contingency.triggerFactors', 'Breathless', 'Trigger factors')
		];
		expect(inPlainWords(parts).map((p) => [p.key, p.heading, p.text])).toEqual([
			['aboutMe.whatMattersToMe', 'What is most important to me', 'Home'],
			['contingency.triggerFactors', 'Signs that things are getting worse', 'Breathless']
		]);
		expect(inPlainWords([part('review', 'Review date: 2025-01-06')])[0].text).toBe(
			'Review date: 6 Jan 2025'
		);
		expect(plainSectionTitle('Contingency plan')).toBe('If things get worse');
		expect(plainSectionTitle('Goals')).toBe('My goals');
		expect(plainSectionTitle('A section added later')).toBe('A section added later');
	});
});

import { describe, expect, it } from 'vitest';
import {
	agreementProblem,
	NO_TRIGGER_FACTORS
} from '../../src/lib/domain/collab/careplan/agreement';
import { comparePlanSections, hasChanges } from '../../src/lib/domain/collab/careplan/compare';
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

	it('may agree a plan with no contingency plan at all', () => {
		expect(agreementProblem(plan({}))).toBeNull();
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

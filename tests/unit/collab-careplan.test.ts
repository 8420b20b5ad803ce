import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ABOUT_ME_HEADINGS,
	CAREPLAN_FRAGMENTS,
	aboutMeFragment,
	addGoal,
	carePlanFragment,
	carePlanSections,
	addGoalAction,
	appendParagraph,
	carePlanToJson,
	contingencyFragment,
	fragmentText,
	goalsArray,
	planFragment,
	reviewMap,
	setFragmentText,
	setHasAdvanceStatement,
	setReview
} from '../../src/lib/domain/collab/careplan';
import { stampSchemaVersion } from '../../src/lib/domain/collab/documents';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function pair(): [Y.Doc, Y.Doc] {
	const a = new Y.Doc();
	const b = new Y.Doc();
	return [a, b];
}

function paragraph(...children: (Y.XmlText | Y.XmlElement)[]): Y.XmlElement {
	const element = new Y.XmlElement('paragraph');
	element.insert(0, children);
	return element;
}

describe('care plan schema', () => {
	it('lists the seven About Me headings in PRSB order with their SNOMED CT codes', () => {
		expect(ABOUT_ME_HEADINGS.map((h) => [h.key, h.snomed])).toEqual([
			['whatMattersToMe', '1515861000000103'],
			['peopleImportantToMe', '1515871000000105'],
			['howICommunicate', '1515881000000107'],
			['myWellness', '1515891000000109'],
			['pleaseDoAndDont', '1515901000000105'],
			['howAndWhenToSupportMe', '1515911000000107'],
			['alsoWorthKnowing', '1515921000000101']
		]);
	});

	it('names every rich-text field once, by section', () => {
		const names = CAREPLAN_FRAGMENTS.map((f) => f.name);
		expect(new Set(names).size).toBe(15);
		expect(names).toContain('aboutMe.myWellness');
		expect(names).toContain('contacts.supportNetwork');
		expect(names).toContain('plan.needs');
		expect(names).toContain('contingency.triggerFactors');
		expect(CAREPLAN_FRAGMENTS.filter((f) => f.section === 'contingencyPlan')).toHaveLength(5);
	});

	it('projects an empty document to an empty plan', () => {
		const json = carePlanToJson(new Y.Doc());
		expect(json.schemaVersion).toBeNull();
		expect(Object.values(json.aboutMe)).toEqual(Array(7).fill(''));
		expect(json.personalContacts).toEqual({ supportNetwork: '' });
		expect(json.carePlan).toEqual({
			strengths: '',
			needs: '',
			goals: [],
			review: {
				reviewDate: null,
				responsible: '',
				agreedWithPerson: false,
				agreedDate: null,
				agreedHow: '',
				preparedBy: ''
			}
		});
		expect(json.contingencyPlan).toEqual({
			triggerFactors: '',
			whatShouldHappen: '',
			whoToContact: '',
			copingStrategies: '',
			earlyWarningSigns: '',
			hasAdvanceStatement: false
		});
	});

	it('carries the stamped schema version into the projection', () => {
		const doc = new Y.Doc();
		stampSchemaVersion(doc, 'careplan');
		expect(carePlanToJson(doc).schemaVersion).toBe(3);
	});

	it('projects each rich-text field into its PRSB section', () => {
		const doc = new Y.Doc();
		setFragmentText(aboutMeFragment(doc, 'whatMattersToMe'), 'My garden');
		setFragmentText(planFragment(doc, 'strengths'), 'Walks daily');
		setFragmentText(contingencyFragment(doc, 'whoToContact'), 'Daughter, Sam');
		setFragmentText(carePlanFragment(doc, 'contacts.supportNetwork'), 'Neighbour shops weekly');
		const json = carePlanToJson(doc);
		expect(json.personalContacts.supportNetwork).toBe('Neighbour shops weekly');
		expect(json.aboutMe.whatMattersToMe).toBe('My garden');
		expect(json.carePlan.strengths).toBe('Walks daily');
		expect(json.contingencyPlan.whoToContact).toBe('Daughter, Sam');
	});
});

describe('rich text', () => {
	it('stores one paragraph per line and reads the lines back', () => {
		const doc = new Y.Doc();
		const fragment = planFragment(doc, 'needs');
		setFragmentText(fragment, 'Lives alone\n\nFalls twice this year');
		expect(fragment.toArray().map((p) => (p as Y.XmlElement).nodeName)).toEqual([
			'paragraph',
			'paragraph',
			'paragraph'
		]);
		expect(fragmentText(fragment)).toBe('Lives alone\n\nFalls twice this year');
	});

	it('replaces the whole content in one transaction', () => {
		const doc = new Y.Doc();
		const fragment = planFragment(doc, 'needs');
		setFragmentText(fragment, 'old\ntext');
		let updates = 0;
		doc.on('update', () => updates++);
		setFragmentText(fragment, 'new\r\ntext');
		expect(updates).toBe(1);
		expect(fragmentText(fragment)).toBe('new\ntext');
	});

	it('clears a field when set to empty text', () => {
		const doc = new Y.Doc();
		const fragment = planFragment(doc, 'needs');
		setFragmentText(fragment, 'something');
		setFragmentText(fragment, '');
		expect(fragment.length).toBe(0);
		expect(fragmentText(fragment)).toBe('');
	});

	it('appends a paragraph after the existing ones', () => {
		const doc = new Y.Doc();
		const fragment = contingencyFragment(doc, 'copingStrategies');
		setFragmentText(fragment, 'Breathing exercises');
		appendParagraph(fragment, 'Call a friend');
		expect(fragmentText(fragment)).toBe('Breathing exercises\nCall a friend');
	});

	it('flattens marks, and writes a nested list as bulleted lines', () => {
		const doc = new Y.Doc();
		const fragment = aboutMeFragment(doc, 'pleaseDoAndDont');
		const bold = new Y.XmlText();
		const list = new Y.XmlElement('bulletList');
		const item = new Y.XmlElement('listItem');
		fragment.insert(0, [paragraph(bold), list]);
		bold.insert(0, 'Please ');
		bold.insert(7, 'do', { bold: true });
		bold.insert(9, ' knock');
		list.insert(0, [item]);
		item.insert(0, [paragraph(new Y.XmlText('speak slowly'))]);
		expect(fragmentText(fragment)).toBe('Please do knock\n- speak slowly');
	});

	it('keeps both people’s typing in the same field', () => {
		const [a, b] = pair();
		setFragmentText(planFragment(a, 'strengths'), 'Supportive family');
		sync(a, b);
		const text = (doc: Y.Doc) =>
			(planFragment(doc, 'strengths').get(0) as Y.XmlElement).get(0) as Y.XmlText;
		text(a).insert(0, 'Very ');
		text(b).insert(text(b).length, ' nearby');
		appendParagraph(planFragment(b, 'strengths'), 'Keen gardener');
		sync(a, b);
		expect(carePlanToJson(a)).toEqual(carePlanToJson(b));
		expect(carePlanToJson(a).carePlan.strengths).toBe(
			'Very Supportive family nearby\nKeen gardener'
		);
	});
});

describe('review and contingency', () => {
	it('sets review fields without clearing the others', () => {
		const doc = new Y.Doc();
		setReview(doc, { reviewDate: '2025-06-01', responsible: 'Care coordinator' });
		setReview(doc, { agreedWithPerson: true, agreedDate: '2025-01-15' });
		setReview(doc, { agreedHow: 'In person at home, with her daughter' });
		expect(carePlanToJson(doc).carePlan.review).toEqual({
			reviewDate: '2025-06-01',
			responsible: 'Care coordinator',
			agreedWithPerson: true,
			agreedDate: '2025-01-15',
			agreedHow: 'In person at home, with her daughter',
			preparedBy: ''
		});
	});

	it('refuses how it was agreed when it is not text', () => {
		const doc = new Y.Doc();
		expect(() => setReview(doc, { agreedHow: 3 as unknown as string })).toThrow(TypeError);
		expect(reviewMap(doc).size).toBe(0);
	});

	it('refuses a review date that is not a date', () => {
		const doc = new Y.Doc();
		expect(() => setReview(doc, { reviewDate: 'next month' })).toThrow(RangeError);
		expect(reviewMap(doc).size).toBe(0);
	});

	it('records that the person has an advance statement', () => {
		const doc = new Y.Doc();
		setHasAdvanceStatement(doc, true);
		expect(carePlanToJson(doc).contingencyPlan.hasAdvanceStatement).toBe(true);
	});
});

describe('the plan as sections of text', () => {
	it('lists personal contacts after About me, and says how the plan was agreed', () => {
		const doc = new Y.Doc();
		setFragmentText(carePlanFragment(doc, 'contacts.supportNetwork'), 'Neighbour, Pat');
		const goalId = addGoal(doc, { description: 'Walk', importance: 7 });
		addGoalAction(doc, goalId, { what: 'Walking group', who: 'Link worker', confidence: 6 });
		setReview(doc, { agreedWithPerson: true, agreedDate: '2026-11-02', agreedHow: 'At home' });
		const sections = carePlanSections(carePlanToJson(doc));
		const keys = sections.map((s) => s.key);
		expect(keys.indexOf('contacts.supportNetwork')).toBe(
			keys.indexOf('aboutMe.alsoWorthKnowing') + 1
		);
		expect(keys.indexOf('plan.strengths')).toBe(keys.indexOf('contacts.supportNetwork') + 1);
		expect(sections.find((s) => s.key === 'contacts.supportNetwork')).toEqual({
			key: 'contacts.supportNetwork',
			section: 'Personal contacts',
			heading: 'Personal contacts and support network',
			text: 'Neighbour, Pat'
		});
		expect(sections.find((s) => s.key === `goal.${goalId}`)?.text).toBe(
			'Walk\n(importance 7 out of 10, not started)\n- Walking group; who: Link worker; to do; confidence 6 out of 10'
		);
		expect(sections.find((s) => s.key === 'review')?.text).toBe(
			'Agreed with the person on 2 Nov 2026\nHow agreed: At home'
		);
	});
});

describe('malformed content', () => {
	it('projects wrong types as empty values without throwing', () => {
		const doc = new Y.Doc();
		const goal = new Y.Map<unknown>();
		const action = new Y.Map<unknown>();
		const actions = new Y.Array<unknown>();
		goalsArray(doc).push(['not a goal', 42, goal, new Y.Text('text')]);
		goal.set('id', 7);
		goal.set('description', 'plain string, not Y.Text');
		goal.set('importance', 11);
		goal.set('status', 'finished');
		goal.set('actions', actions);
		actions.push([null, action]);
		action.set('when', '2025-13-01');
		action.set('confidence', 2.5);
		action.set('what', new Y.Map());
		reviewMap(doc).set('reviewDate', 20250601);
		reviewMap(doc).set('agreedWithPerson', 'yes');
		doc.getMap('contingencyMeta').set('hasAdvanceStatement', 1);
		doc.getMap('meta').set('schemaVersion', 'one');
		const json = carePlanToJson(doc);
		expect(json.schemaVersion).toBeNull();
		expect(json.carePlan.goals).toEqual([
			{
				id: '',
				description: '',
				importance: null,
				status: null,
				actions: [{ id: '', what: '', who: '', when: null, status: null, confidence: null }]
			}
		]);
		expect(json.carePlan.review.reviewDate).toBeNull();
		expect(json.carePlan.review.agreedWithPerson).toBe(false);
		expect(json.contingencyPlan.hasAdvanceStatement).toBe(false);
	});

	it('reads a rich-text field holding stray values and very deep nesting without throwing', () => {
		const doc = new Y.Doc();
		const fragment = planFragment(doc, 'needs');
		const loose = fragment as unknown as Y.Array<unknown>;
		Y.Array.prototype.insert.call(loose, 0, ['stray', 3, { a: 1 }]);
		doc.transact(() => {
			let parent = new Y.XmlElement('blockquote');
			fragment.insert(fragment.length, [parent]);
			for (let depth = 0; depth < 5000; depth++) {
				const child = new Y.XmlElement('blockquote');
				parent.insert(0, [child]);
				parent = child;
			}
			parent.insert(0, [new Y.XmlText('too deep to matter')]);
		});
		fragment.insert(fragment.length, [paragraph(new Y.XmlText('Lonely'))]);
		expect(() => carePlanToJson(doc)).not.toThrow();
		expect(carePlanToJson(doc).carePlan.needs).toBe('Lonely');
	});
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { outsideSchema } from '../../server/collab/schema-guard';
import {
	addGoal,
	addGoalAction,
	aboutMeFragment,
	setReview
} from '../../src/lib/domain/collab/careplan';
import {
	changeUpdate,
	metaMap,
	setFragmentText,
	stampSchemaVersion
} from '../../src/lib/domain/collab/documents';
import {
	addAgendaItem,
	itemText,
	markMeetingEnded,
	moveAgendaItem,
	removeAgendaItem,
	updateAgendaItem
} from '../../src/lib/domain/collab/meeting';

const PATIENT = '00000000-0000-4000-8000-000000000001';

/** A meeting document with two items and some text, as the server holds it. */
function meeting() {
	const doc = new Y.Doc();
	stampSchemaVersion(doc, 'meeting');
	const first = addAgendaItem(doc, { patientId: PATIENT, reason: 'Falls' });
	const second = addAgendaItem(doc, { reason: 'Polypharmacy' });
	setFragmentText(itemText(doc, first, 'notes'), 'Seen by the frailty team.');
	return { doc, first, second };
}

/** A client's edit made on a copy of the server's document (its origins are in the server's). */
const edit = (doc: Y.Doc, change: (copy: Y.Doc) => void) => changeUpdate(doc, change);

describe('the live server’s schema check', () => {
	it('lets through everything the meeting schema does: items, moves, texts, removal', () => {
		const { doc, first, second } = meeting();
		const edits = [
			edit(doc, (d) => addAgendaItem(d, { reason: 'New' })),
			edit(doc, (d) => updateAgendaItem(d, first, { status: 'discussed', minutesAllotted: 5 })),
			edit(doc, (d) => moveAgendaItem(d, second, 0)),
			edit(doc, (d) => removeAgendaItem(d, first)),
			edit(doc, (d) => setFragmentText(itemText(d, first, 'notes'), 'Rewritten.')),
			edit(doc, (d) => setFragmentText(itemText(d, second, 'outcome'), 'Refer to falls clinic.')),
			edit(doc, (d) => metaMap(d).set('schemaVersion', 2))
		];
		for (const update of edits) expect(outsideSchema('meeting', doc, update)).toBeNull();
	});

	it('refuses a meeting’s end written by a client: only ending it writes meta.endedAt', () => {
		const { doc } = meeting();
		const ended = edit(doc, (d) => markMeetingEnded(d, new Date().toISOString()));
		expect(outsideSchema('meeting', doc, ended)).toBe(
			'"meta.endedAt" is written by the server only'
		);
		// Set again over a value that is there (the item then follows the earlier one).
		markMeetingEnded(doc, '2026-11-30T10:00:00.000Z');
		const changed = edit(doc, (d) => metaMap(d).set('endedAt', '2026-12-01T10:00:00.000Z'));
		expect(outsideSchema('meeting', doc, changed)).toMatch(/meta\.endedAt/);
	});

	it('refuses a top-level type the schema does not have, in either kind of document', () => {
		const { doc } = meeting();
		const stray = edit(doc, (d) => d.getMap('stray').set('x', 1));
		expect(outsideSchema('meeting', doc, stray)).toBe('no top-level type "stray"');
		const oldAgenda = edit(doc, (d) => d.getArray('agenda').push(['v1']));
		expect(outsideSchema('meeting', doc, oldAgenda)).toBe('no top-level type "agenda"');
		const badField = edit(doc, (d) => d.getXmlFragment('item.x.secret').push([new Y.XmlText('a')]));
		expect(outsideSchema('meeting', doc, badField)).toMatch(/item\.x\.secret/);

		const plan = new Y.Doc();
		stampSchemaVersion(plan, 'careplan');
		const strayPlan = edit(plan, (d) => d.getText('__proto__').insert(0, 'x'));
		expect(outsideSchema('careplan', plan, strayPlan)).toMatch(/__proto__/);
		const notAnId = edit(plan, (d) =>
			d.getXmlFragment('goal.secret.description').push([new Y.XmlText('a')])
		);
		expect(outsideSchema('careplan', plan, notAnId)).toMatch(/goal\.secret\.description/);
	});

	it('lets through what the care plan schema does: texts, goals and their actions, review', () => {
		const plan = new Y.Doc();
		stampSchemaVersion(plan, 'careplan');
		const goal = addGoal(plan, { description: 'Walk to the shop' });
		const edits = [
			edit(plan, (d) => setFragmentText(aboutMeFragment(d, 'whatMattersToMe'), 'My garden.')),
			edit(plan, (d) => addGoal(d, { description: 'Sleep better' })),
			edit(plan, (d) =>
				addGoalAction(d, goal, { what: 'Physio referral', who: 'Practice physio' })
			),
			edit(plan, (d) => setReview(d, { reviewDate: '2027-01-05' })),
			edit(plan, (d) =>
				setFragmentText(d.getXmlFragment('contacts.supportNetwork'), 'Neighbour, Pat')
			)
		];
		for (const update of edits) expect(outsideSchema('careplan', plan, update)).toBeNull();
	});

	it('refuses a plan’s agreement written by a client: only Mark as agreed records it', () => {
		const plan = new Y.Doc();
		stampSchemaVersion(plan, 'careplan');
		for (const agreement of [
			{ agreedWithPerson: true },
			{ agreedDate: '2026-11-29' },
			{ agreedHow: 'By telephone' }
		]) {
			const update = edit(plan, (d) => setReview(d, agreement));
			expect(outsideSchema('careplan', plan, update)).toMatch(/^"review\.agreed\w+" is written by/);
		}
		// Set again over a value the server wrote (the item then follows the earlier one).
		setReview(plan, { agreedWithPerson: true, agreedDate: '2026-11-29' });
		const undone = edit(plan, (d) => setReview(d, { agreedWithPerson: false }));
		expect(outsideSchema('careplan', plan, undone)).toBe(
			'"review.agreedWithPerson" is written by the server only'
		);
	});

	it('judges a change that follows an item of the same update by where that item went', () => {
		const { doc } = meeting();
		// One update: a new stray root with several items following each other.
		const update = edit(doc, (d) => {
			const stray = d.getArray('stray');
			stray.push(['a']);
			stray.push(['b']);
		});
		expect(outsideSchema('meeting', doc, update)).toMatch(/stray/);
	});
});

import { expect, it } from 'vitest';
import {
	addGoal,
	addGoalAction,
	carePlanFragment,
	goalDescription,
	setFragmentText,
	setReview
} from '../../src/lib/domain/collab/careplan';
import { londonToday } from '../../src/lib/domain/london-time';
import { planReviewDue } from '../../src/lib/domain/plan-review';
import { defaultWorklist } from '../../src/lib/domain/worklist';
import { getCarePlan, planReviewDate } from '../../src/lib/server/careplans';
import { worklist } from '../../src/lib/server/worklist';
import { connect, liveDemo } from './collab-fixtures';
import { describeEachDatabase } from './fixtures';
import { eventually } from './wait';

const dayFrom = (day: string, days: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeEachDatabase('the plan as the Plan tab writes it', (db) => {
	const live = liveDemo(db);
	const patientId = () => live.docs.riverside.careplan.split(':')[1];

	async function overdueIds(): Promise<string[]> {
		const ids: string[] = [];
		for (let page = 1; ; page++) {
			const found = await worklist(db(), live.coordinator.user, {
				...defaultWorklist('pcn'),
				risks: ['review_overdue'],
				page
			});
			ids.push(...found.rows.map((row) => row.id));
			if (page >= found.pages) return ids;
		}
	}

	it('a review date passed on the Plan tab makes the review due on the patient and in the caseload', async () => {
		const today = londonToday();
		const yesterday = dayFrom(today, -1);
		const client = connect(live.server.url, live.docs.riverside.careplan, live.coordinator.token);
		await client.synced;
		setReview(client.doc, { reviewDate: yesterday, responsible: 'Priya Shah, care coordinator' });
		await eventually(async () =>
			(await planReviewDate(db(), patientId())) === yesterday ? true : null
		);
		expect(planReviewDue(await planReviewDate(db(), patientId()), today)).toEqual({
			state: 'overdue',
			reviewDate: yesterday
		});
		expect(await overdueIds()).toContain(patientId());

		// Moved to next month: no longer due anywhere.
		setReview(client.doc, { reviewDate: dayFrom(today, 30) });
		await eventually(async () =>
			(await planReviewDate(db(), patientId())) === dayFrom(today, 30) ? true : null
		);
		expect(planReviewDue(await planReviewDate(db(), patientId()), today)).toBeNull();
		expect(await overdueIds()).not.toContain(patientId());
		client.destroy();
	});

	// How the plan was agreed is written by Mark as agreed only (plan-versions.test.ts).
	it('goals, actions and the support network are projected', async () => {
		const client = connect(live.server.url, live.docs.riverside.careplan, live.coordinator.token);
		await client.synced;
		const goalId = addGoal(client.doc, { description: 'Walk to the shops', importance: 8 });
		addGoalAction(client.doc, goalId, { what: 'Join the walking group', confidence: 7 });
		setFragmentText(goalDescription(client.doc, goalId), 'Walk to the shops on my own');
		setFragmentText(carePlanFragment(client.doc, 'contacts.supportNetwork'), 'Neighbour, Pat');
		const view = await eventually(async () => {
			const plan = await getCarePlan(db(), live.coordinator.user, patientId());
			return plan?.plan.personalContacts.supportNetwork ? plan : null;
		});
		expect(view.plan.schemaVersion).toBe(3);
		expect(view.plan.personalContacts.supportNetwork).toBe('Neighbour, Pat');
		expect(view.plan.carePlan.goals.find((g) => g.id === goalId)).toMatchObject({
			description: 'Walk to the shops on my own',
			importance: 8,
			actions: [expect.objectContaining({ what: 'Join the walking group', confidence: 7 })]
		});
		client.destroy();
	});
});

import { expect, it } from 'vitest';
import {
	addGoal,
	aboutMeFragment,
	setFragmentText,
	setReview
} from '../../src/lib/domain/collab/careplan';
import { addAgendaItem, notesFragment, outcomeText } from '../../src/lib/domain/collab/meeting';
import { getCarePlan } from '../../src/lib/server/careplans';
import { getMeetingDetail } from '../../src/lib/server/meetings';
import { connect, eventually, liveDemo } from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('projection of live documents', (db) => {
	const live = liveDemo(db);

	it('a care plan edit is readable through the care plan service within 2 s', async () => {
		const patientId = live.docs.riverside.careplan.split(':')[1];
		const client = connect(live.server.url, live.docs.riverside.careplan, live.coordinator.token);
		await client.synced;
		setFragmentText(aboutMeFragment(client.doc, 'whatMattersToMe'), 'Gardening with my grandson');
		addGoal(client.doc, { description: 'Get back to the allotment', importance: 9 });
		setReview(client.doc, { reviewDate: '2027-01-15' });
		const edited = Date.now();
		const view = await eventually(async () => {
			const plan = await getCarePlan(db(), live.coordinator.user, patientId);
			return plan?.plan.aboutMe.whatMattersToMe === 'Gardening with my grandson' &&
				plan.plan.carePlan.goals.length === 1
				? plan
				: null;
		}, 2000);
		expect(Date.now() - edited).toBeLessThan(2000);
		expect(view.plan.carePlan.goals[0]).toMatchObject({
			description: 'Get back to the allotment',
			importance: 9
		});
		expect(view.plan.carePlan.review.reviewDate).toBe('2027-01-15');
		client.destroy();
	});

	it('an agenda edit is readable through the meeting service within 2 s, without foreign patients', async () => {
		const meetingId = live.docs.riverside.meeting.split(':')[1];
		const riversidePatient = live.docs.riverside.careplan.split(':')[1];
		const hillsidePatient = live.docs.hillside.careplan.split(':')[1];
		const client = connect(live.server.url, live.docs.riverside.meeting, live.coordinator.token);
		await client.synced;
		const first = addAgendaItem(client.doc, {
			patientId: riversidePatient,
			reason: 'Moderate frailty',
			minutesAllotted: 3
		});
		addAgendaItem(client.doc, { patientId: hillsidePatient, reason: 'Not ours' });
		setFragmentText(notesFragment(client.doc, first), 'Discussed falls risk');
		outcomeText(client.doc, first).insert(0, 'Refer to falls clinic');
		const meeting = await eventually(async () => {
			const detail = await getMeetingDetail(db(), live.coordinator.user, meetingId);
			return detail?.agenda.length === 2 && detail.agenda[0].outcome === 'Refer to falls clinic'
				? detail
				: null;
		}, 2000);
		expect(meeting.agenda[0]).toMatchObject({
			id: first,
			patientId: riversidePatient,
			reason: 'Moderate frailty',
			notes: 'Discussed falls risk',
			minutesAllotted: 3
		});
		expect(meeting.agenda[1].patientId).toBeNull();
		client.destroy();
	});
});

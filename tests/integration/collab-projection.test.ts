import { afterAll, beforeAll, expect, it } from 'vitest';
import { addGoal, aboutMeFragment, setFragmentText, setReview } from '../../src/lib/domain/collab/careplan';
import { addAgendaItem, notesFragment, outcomeText } from '../../src/lib/domain/collab/meeting';
import { getCarePlan } from '../../src/lib/server/careplans';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { getMeetingDetail } from '../../src/lib/server/meetings';
import { connect, demoDocuments, eventually, startCollabServer, type CollabServerHandle } from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('projection of live documents', (db) => {
	let server: CollabServerHandle;
	let docs: Awaited<ReturnType<typeof demoDocuments>>;
	let coordinator: Awaited<ReturnType<typeof signedInAs>>;

	beforeAll(async () => {
		await seedDemo(db());
		docs = await demoDocuments(db());
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		server = await startCollabServer(db());
	});
	afterAll(async () => {
		await server.close();
	});

	it('a care plan edit is readable through the care plan service within 2 s', async () => {
		const patientId = docs.riverside.careplan.split(':')[1];
		const client = connect(server.url, docs.riverside.careplan, coordinator.token);
		await client.synced;
		setFragmentText(aboutMeFragment(client.doc, 'whatMattersToMe'), 'Gardening with my grandson');
		addGoal(client.doc, { description: 'Get back to the allotment', importance: 9 });
		setReview(client.doc, { reviewDate: '2027-01-15' });
		const edited = Date.now();
		const view = await eventually(async () => {
			const plan = await getCarePlan(db(), coordinator.user, patientId);
			return plan?.plan.aboutMe.whatMattersToMe === 'Gardening with my grandson' &&
				plan.plan.carePlan.goals.length === 1
				? plan
				: null;
		}, 2000);
		expect(Date.now() - edited).toBeLessThan(2000);
		expect(view.plan.carePlan.goals[0]).toMatchObject({ description: 'Get back to the allotment', importance: 9 });
		expect(view.plan.carePlan.review.reviewDate).toBe('2027-01-15');
		client.destroy();
	});

	it('an agenda edit is readable through the meeting service within 2 s, without foreign patients', async () => {
		const meetingId = docs.riverside.meeting.split(':')[1];
		const riversidePatient = docs.riverside.careplan.split(':')[1];
		const hillsidePatient = docs.hillside.careplan.split(':')[1];
		const client = connect(server.url, docs.riverside.meeting, coordinator.token);
		await client.synced;
		const first = addAgendaItem(client.doc, { patientId: riversidePatient, reason: 'Moderate frailty', minutesAllotted: 3 });
		addAgendaItem(client.doc, { patientId: hillsidePatient, reason: 'Not ours' });
		setFragmentText(notesFragment(client.doc, first), 'Discussed falls risk');
		outcomeText(client.doc, first).insert(0, 'Refer to falls clinic');
		const meeting = await eventually(async () => {
			const detail = await getMeetingDetail(db(), coordinator.user, meetingId);
			return detail?.agenda.length === 2 && detail.agenda[0].outcome === 'Refer to falls clinic' ? detail : null;
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

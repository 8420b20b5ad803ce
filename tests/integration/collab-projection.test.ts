import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
	addGoal,
	aboutMeFragment,
	setFragmentText,
	setReview
} from '../../src/lib/domain/collab/careplan';
import { addAgendaItem, itemText } from '../../src/lib/domain/collab/meeting';
import { getCarePlan } from '../../src/lib/server/careplans';
import { schema } from '../../src/lib/server/db';
import { getMeetingDetail } from '../../src/lib/server/meetings';
import { connect, liveDemo } from './collab-fixtures';
import { describeEachDatabase } from './fixtures';
import { eventually } from './wait';

describeEachDatabase('projection of live documents', (db) => {
	const live = liveDemo(db);

	it('a care plan edit becomes readable through the care plan service', async () => {
		const patientId = live.docs.riverside.careplan.split(':')[1];
		const client = connect(live.server.url, live.docs.riverside.careplan, live.coordinator.token);
		await client.synced;
		setFragmentText(aboutMeFragment(client.doc, 'whatMattersToMe'), 'Gardening with my grandson');
		addGoal(client.doc, { description: 'Get back to the allotment', importance: 9 });
		setReview(client.doc, { reviewDate: '2027-01-15' });
		const view = await eventually(async () => {
			const plan = await getCarePlan(db(), live.coordinator.user, patientId);
			return plan?.plan.aboutMe.whatMattersToMe === 'Gardening with my grandson' &&
				plan.plan.carePlan.goals.length === 1
				? plan
				: null;
		});
		expect(view.plan.carePlan.goals[0]).toMatchObject({
			description: 'Get back to the allotment',
			importance: 9
		});
		expect(view.plan.carePlan.review.reviewDate).toBe('2027-01-15');
		client.destroy();
	});

	it('text pasted with control characters (a NUL) is projected without them, not refused by jsonb', async () => {
		const patientId = live.docs.riverside.careplan.split(':')[1];
		const client = connect(live.server.url, live.docs.riverside.careplan, live.coordinator.token);
		await client.synced;
		setFragmentText(
			aboutMeFragment(client.doc, 'myWellness'),
			'From the old system:\u0000 walks\u001b with a frame'
		);
		setReview(client.doc, { reviewDate: '2027-02-01', responsible: 'Priya\u0000 Shah' });
		const view = await eventually(async () => {
			const plan = await getCarePlan(db(), live.coordinator.user, patientId);
			return plan?.plan.carePlan.review.reviewDate === '2027-02-01' ? plan : null;
		});
		expect(view.plan.aboutMe.myWellness).toBe('From the old system: walks with a frame');
		expect(view.plan.carePlan.review.responsible).toBe('Priya Shah');
		client.destroy();
	});

	it('an agenda edit becomes readable through the meeting service, without foreign patients', async () => {
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
		setFragmentText(itemText(client.doc, first, 'notes'), 'Discussed falls risk');
		setFragmentText(itemText(client.doc, first, 'outcome'), 'Refer to falls clinic');
		const meeting = await eventually(async () => {
			const detail = await getMeetingDetail(db(), live.coordinator.user, meetingId);
			return detail?.agenda.length === 2 && detail.agenda[0].outcome === 'Refer to falls clinic'
				? detail
				: null;
		});
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

	it('records as presenting professional only a clinical member of the PCN: not an admin, an observer or someone of another PCN', async () => {
		const meetingId = live.docs.riverside.meeting.split(':')[1];
		const idOf = async (email: string) =>
			(await db().select().from(schema.user).where(eq(schema.user.email, email)))[0].id;
		const presenters = {
			nurse: await idOf('nurse@riverside.test'),
			admin: await idOf('admin@riverside.test'),
			observer: await idOf('observer@riverside.test'),
			otherPcn: await idOf('gp@hillside.test')
		};
		const client = connect(live.server.url, live.docs.riverside.meeting, live.coordinator.token);
		await client.synced;
		const ids = Object.fromEntries(
			Object.entries(presenters).map(([who, presenterId]) => [
				who,
				addAgendaItem(client.doc, { patientId: null, reason: `Presented by ${who}`, presenterId })
			])
		);
		const meeting = await eventually(async () => {
			const detail = await getMeetingDetail(db(), live.coordinator.user, meetingId);
			return detail?.agenda.some((item) => item.id === ids.otherPcn) ? detail : null;
		});
		const presenterOf = (id: string) => meeting.agenda.find((item) => item.id === id)?.presenterId;
		expect(presenterOf(ids.nurse)).toBe(presenters.nurse);
		expect(presenterOf(ids.admin)).toBeNull();
		expect(presenterOf(ids.observer)).toBeNull();
		expect(presenterOf(ids.otherPcn)).toBeNull();
		client.destroy();
	});
});

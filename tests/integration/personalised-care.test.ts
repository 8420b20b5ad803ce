/** Shared decision making, personal health budgets and referrals on a person's record. */
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import { createService } from '../../src/lib/server/community-services';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import { patientTimeline } from '../../src/lib/server/patient-timeline';
import { listCaseload } from '../../src/lib/server/patients';
import { logContactAttempt } from '../../src/lib/server/referral-triage';
import { createReferral } from '../../src/lib/server/referrals';
import { referToService } from '../../src/lib/server/service-referrals';
import {
	personalisedCareOf,
	PersonalisedCareError,
	recordHealthBudget,
	recordSharedDecision
} from '../../src/lib/server/personalised-care';
import { describeEachDatabase, signedInAs } from './fixtures';

const day = (offset: number) =>
	new Date(Date.parse(`${londonToday()}T12:00:00Z`) + offset * 86_400_000)
		.toISOString()
		.slice(0, 10);

describeEachDatabase('personalised care', (db) => {
	let coordinator: SessionUser;
	let hillside: SessionUser;
	let patientId: string;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		patientId = (await listCaseload(db(), coordinator, { limit: 1 })).patients[0].id;
	});

	it('records a shared decision (never dated ahead), and the timeline says so', async () => {
		const decision = {
			decision: 'Whether to have a knee replacement',
			decisionSupportTool: 'NHS decision support tool: osteoarthritis of the knee',
			preparedOn: day(0),
			outcome: null
		};
		await expect(
			recordSharedDecision(db(), coordinator, patientId, { ...decision, preparedOn: day(1) })
		).rejects.toBeInstanceOf(PersonalisedCareError);
		await recordSharedDecision(db(), coordinator, patientId, decision);
		await expect(recordSharedDecision(db(), hillside, patientId, decision)).rejects.toBeInstanceOf(
			PatientNotFoundError
		);
		const { decisions } = await personalisedCareOf(db(), coordinator, patientId);
		expect(decisions).toEqual([
			expect.objectContaining({ decision: decision.decision, by: 'Priya Shah' })
		]);
		expect((await personalisedCareOf(db(), hillside, patientId)).decisions).toEqual([]);
		const [latest] = await patientTimeline(db(), coordinator, patientId, { kinds: ['record'] });
		expect(latest.title).toBe('Prepared for a shared decision');
	});

	it('keeps the budget’s history, the latest entry current, reviews after it', async () => {
		await expect(
			recordHealthBudget(db(), coordinator, patientId, {
				status: 'in_place',
				recordedOn: day(0),
				amountPence: 240000,
				reviewOn: day(0),
				note: null
			})
		).rejects.toMatchObject({ field: 'reviewOn' });
		await recordHealthBudget(db(), coordinator, patientId, {
			status: 'discussed',
			recordedOn: day(-30),
			amountPence: null,
			reviewOn: null,
			note: null
		});
		await recordHealthBudget(db(), coordinator, patientId, {
			status: 'in_place',
			recordedOn: day(0),
			amountPence: 240050,
			reviewOn: day(180),
			note: 'Personal assistant two mornings a week'
		});
		const { budgets } = await personalisedCareOf(db(), coordinator, patientId);
		expect(budgets.map((b) => [b.status, b.amountPence])).toEqual([
			['in_place', 240050],
			['discussed', null]
		]);
	});
});

describeEachDatabase('the timeline’s referrals', (db) => {
	it('tells a referral received and a referral to a service, each with where it stands', async () => {
		await seedDemo(db());
		const coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		const [person] = (await listCaseload(db(), coordinator, { limit: 1 })).patients;
		const referralId = await createReferral(db(), coordinator, {
			nhsNumber: person.nhsNumber,
			source: 'hospital_discharge',
			reason: 'Home after a fall',
			urgency: 'soon',
			referrer: 'Ward 7 discharge team',
			receivedOn: day(-1)
		});
		await logContactAttempt(db(), coordinator, referralId, {
			attemptedOn: day(-1),
			mode: 'telephone',
			succeeded: false,
			note: 'No answer'
		});
		const serviceId = await createService(db(), coordinator, {
			name: 'Timeline Test Befriending',
			category: 'befriending',
			description: '',
			contact: '01632 960999',
			area: 'Riverside',
			eligibility: '',
			referralRoute: '',
			capacity: '',
			lastCheckedOn: null,
			active: true
		});
		await referToService(db(), coordinator, person.id, {
			serviceId,
			sentOn: day(0),
			reason: 'Lonely since her husband died'
		});
		const events = await patientTimeline(db(), coordinator, person.id, { kinds: ['referral'] });
		expect(events.slice(0, 3).map((e) => [e.title, e.detail])).toEqual([
			['Referred to Timeline Test Befriending', 'Sent'],
			['Referral received: Hospital discharge', 'Not yet triaged'],
			['Contact attempt, no contact: Telephone', 'No answer']
		]);
		expect(events[2]).toMatchObject({ by: 'Priya Shah', href: `/referrals/${referralId}` });
		// The service referral is told once, from its own table, not again as a record change.
		const record = await patientTimeline(db(), coordinator, person.id, { kinds: ['record'] });
		expect(record.map((e) => e.title).filter((t) => /community service/i.test(t))).toEqual([]);
	});
});

/**
 * Referrals and telephone triage: a referral received for a person of the PCN, attempts at a
 * first contact, and the triage's first contact and outcome — timed in working days against the
 * PCN's target (bank holidays of England and Wales counted), refused whole when wrong, and
 * accepted onto the caseload exactly once.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import { schema, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	ALREADY_TRIAGED,
	logContactAttempt,
	recordTriage,
	ReferralStateError,
	type TriageInput
} from '../../src/lib/server/referral-triage';
import {
	createReferral,
	listReferrals,
	NO_SUCH_PATIENT,
	ReferralInputError,
	ReferralNotFoundError,
	type ReferralInput
} from '../../src/lib/server/referrals';
import { getReferral } from '../../src/lib/server/referral-detail';
import { setFirstContactTarget } from '../../src/lib/server/pcn-settings';
import { describeEachDatabase, signedInAs } from './fixtures';

/** A patient of the PCN with no open caseload episode (or with one), by NHS number. */
async function patientOf(db: Db, actor: SessionUser, onCaseload: boolean, skip = 0) {
	const rows = await db
		.select({ nhsNumber: schema.patient.nhsNumber, episode: schema.caseloadEpisode.id })
		.from(schema.patient)
		.leftJoin(
			schema.caseloadEpisode,
			and(
				eq(schema.caseloadEpisode.patientId, schema.patient.id),
				isNull(schema.caseloadEpisode.closedOn)
			)
		)
		.where(eq(schema.patient.organisationId, actor.organisationId))
		.orderBy(schema.patient.nhsNumber);
	return rows.filter((r) => (r.episode !== null) === onCaseload)[skip].nhsNumber;
}

async function openEpisodes(db: Db, nhsNumber: string) {
	return db
		.select({ id: schema.caseloadEpisode.id, referralId: schema.caseloadEpisode.referralId })
		.from(schema.caseloadEpisode)
		.innerJoin(schema.patient, eq(schema.patient.id, schema.caseloadEpisode.patientId))
		.where(and(eq(schema.patient.nhsNumber, nhsNumber), isNull(schema.caseloadEpisode.closedOn)));
}

const refused = async (promise: Promise<unknown>) => {
	const e = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(e).toBeInstanceOf(ReferralInputError);
	return (e as ReferralInputError).errors;
};

const telephone = (on: string, outcome: Partial<TriageInput> = {}): TriageInput => ({
	firstContactOn: on,
	firstContactMode: 'telephone',
	firstContactById: null,
	outcome: 'accepted',
	outcomeDetail: null,
	referredOnTo: null,
	...outcome
});

describeEachDatabase('referrals and telephone triage', (db) => {
	let coordinator: SessionUser;
	let hillside: SessionUser;
	let received: (input?: Partial<ReferralInput>) => Promise<string>;
	/** Each referral a reason of its own: the same one twice is one referral (a double save). */
	let sent = 0;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		const someone = await patientOf(db(), coordinator, false, 0);
		received = async (input = {}) =>
			createReferral(db(), coordinator, {
				nhsNumber: someone,
				source: 'gp_practice',
				reason: `Struggling at home since her fall (${++sent})`,
				urgency: 'routine',
				referrer: 'Dr Test, Riverside Medical Centre',
				receivedOn: '2026-04-01',
				...input
			});
	});

	it('times the first contact in working days, Easter’s bank holidays not counted', async () => {
		// Wednesday 1 April 2026: Good Friday (3rd) and Easter Monday (6th) do not count, so
		// five working days run to Friday 10 April.
		const onTime = await received();
		await recordTriage(
			db(),
			coordinator,
			onTime,
			telephone('2026-04-10', { outcome: 'signposted', outcomeDetail: 'Age UK befriending' })
		);
		const within = (await getReferral(db(), coordinator, onTime))!;
		expect(within.timing).toEqual({ dueBy: '2026-04-10', workingDays: 5, overTarget: false });

		const late = await received();
		await recordTriage(
			db(),
			coordinator,
			late,
			telephone('2026-04-13', { outcome: 'signposted', outcomeDetail: 'Citizens Advice' })
		);
		const over = (await getReferral(db(), coordinator, late))!;
		expect(over.timing).toEqual({ dueBy: '2026-04-10', workingDays: 6, overTarget: true });
	});

	it('flags a referral not yet contacted once past its due day, and lists it as overdue', async () => {
		const waiting = await received({ receivedOn: '2026-11-02', urgency: 'urgent' });
		const fresh = await received({ receivedOn: londonToday(), urgency: 'urgent' });
		const overdue = await listReferrals(db(), coordinator, {
			overdue: true,
			urgency: 'urgent',
			limit: 500
		});
		const ids = overdue.referrals.map((r) => r.id);
		expect(ids).toContain(waiting);
		expect(ids).not.toContain(fresh);
		expect(overdue.referrals.find((r) => r.id === waiting)!.timing.overTarget).toBe(true);
		expect(overdue.referrals.every((r) => r.timing.overTarget && r.firstContactOn === null)).toBe(
			true
		);
		const open = await listReferrals(db(), coordinator, { urgency: 'urgent', limit: 500 });
		expect(open.referrals.find((r) => r.id === fresh)!.timing.overTarget).toBe(false);
	});

	it('measures against the PCN’s own target once changed', async () => {
		const admin = (await signedInAs(db(), 'admin@riverside.test')).user;
		const id = await received();
		await recordTriage(
			db(),
			coordinator,
			id,
			telephone('2026-04-13', { outcome: 'declined', outcomeDetail: 'Moved out of area' })
		);
		await setFirstContactTarget(db(), admin, 10);
		expect((await getReferral(db(), coordinator, id))!.timing.overTarget).toBe(false);
		await setFirstContactTarget(db(), admin, 5);
		expect((await getReferral(db(), coordinator, id))!.timing.overTarget).toBe(true);
		await expect(setFirstContactTarget(db(), admin, 31)).rejects.toThrow(RangeError);
	});

	it('refuses a first contact before the referral was received, or in the future', async () => {
		const id = await received();
		expect(await refused(recordTriage(db(), coordinator, id, telephone('2026-03-31')))).toEqual({
			firstContactOn: 'The first contact cannot be before the referral was received'
		});
		expect(await refused(recordTriage(db(), coordinator, id, telephone('2099-01-01')))).toEqual({
			firstContactOn: 'The first contact cannot be in the future'
		});
		expect(
			await refused(
				logContactAttempt(db(), coordinator, id, {
					attemptedOn: '2026-03-01',
					mode: 'telephone',
					succeeded: false,
					note: null
				})
			)
		).toEqual({ attemptedOn: 'The attempt cannot be before the referral was received' });
		expect((await getReferral(db(), coordinator, id))!.outcome).toBeNull();
	});

	it('refuses a referral for an NHS number not on the PCN’s list, or received in the future', async () => {
		const hillsidePatient = await patientOf(db(), hillside, false, 0);
		expect(await refused(received({ nhsNumber: hillsidePatient }))).toEqual({
			nhsNumber: NO_SUCH_PATIENT
		});
		expect(await refused(received({ receivedOn: '2099-01-01' }))).toEqual({
			receivedOn: 'The date received cannot be in the future'
		});
	});

	it('requires what they were signposted to, whom referred on to, and why declined', async () => {
		const id = await received();
		const on = '2026-04-02';
		expect(
			await refused(recordTriage(db(), coordinator, id, telephone(on, { outcome: 'signposted' })))
		).toEqual({
			signpostedTo: 'Enter what they were signposted to'
		});
		expect(
			await refused(recordTriage(db(), coordinator, id, telephone(on, { outcome: 'referred_on' })))
		).toEqual({
			referredOnTo: 'Choose whom they were referred on to'
		});
		expect(
			await refused(
				recordTriage(
					db(),
					coordinator,
					id,
					telephone(on, { outcome: 'referred_on', referredOnTo: 'other_professional' })
				)
			)
		).toEqual({ referredOnDetail: 'Enter which professional they were referred on to' });
		expect(
			await refused(recordTriage(db(), coordinator, id, telephone(on, { outcome: 'declined' })))
		).toEqual({
			declineReason: 'Enter why the referral was declined'
		});
		await recordTriage(
			db(),
			coordinator,
			id,
			telephone(on, { outcome: 'referred_on', referredOnTo: 'health_wellbeing_coach' })
		);
		const saved = (await getReferral(db(), coordinator, id))!;
		expect(saved).toMatchObject({ outcome: 'referred_on', referredOnTo: 'health_wellbeing_coach' });
	});

	it('accepting opens exactly one caseload episode, linked to the referral', async () => {
		const person = await patientOf(db(), coordinator, false, 1);
		const id = await received({ nhsNumber: person });
		expect(await recordTriage(db(), coordinator, id, telephone('2026-04-02'))).toEqual({
			episodeOpened: true
		});
		expect(await openEpisodes(db(), person)).toEqual([{ id: expect.any(String), referralId: id }]);
		// A second referral for the same person, accepted too: still one open episode.
		const again = await received({ nhsNumber: person });
		expect(await recordTriage(db(), coordinator, again, telephone('2026-04-02'))).toEqual({
			episodeOpened: false
		});
		expect(await openEpisodes(db(), person)).toHaveLength(1);
		// And a referral is triaged once.
		await expect(recordTriage(db(), coordinator, again, telephone('2026-04-02'))).rejects.toThrow(
			new ReferralStateError(ALREADY_TRIAGED)
		);
	});

	it('three failed attempts ask for a decision, which may then be made without a contact', async () => {
		const id = await received();
		const attempt = (attemptedOn: string) =>
			logContactAttempt(db(), coordinator, id, {
				attemptedOn,
				mode: 'telephone',
				succeeded: false,
				note: 'No answer'
			});
		await attempt('2026-04-01');
		await attempt('2026-04-02');
		expect((await getReferral(db(), coordinator, id))!.decisionDue).toBe(false);
		// Without three failed attempts, a decision needs a first contact.
		expect(
			await refused(
				recordTriage(db(), coordinator, id, {
					...telephone('2026-04-02'),
					firstContactOn: null,
					firstContactMode: null,
					outcome: 'declined',
					outcomeDetail: 'No reply'
				})
			)
		).toEqual({
			firstContactOn: 'Enter the date of the first contact'
		});
		await attempt('2026-04-07');
		const due = (await getReferral(db(), coordinator, id))!;
		expect(due).toMatchObject({ decisionDue: true, failedAttempts: 3 });
		expect(due.attempts).toHaveLength(3);
		await recordTriage(db(), coordinator, id, {
			...telephone('2026-04-02'),
			firstContactOn: null,
			firstContactMode: null,
			outcome: 'declined',
			outcomeDetail: 'No reply after three calls; letter sent to GP'
		});
		expect((await getReferral(db(), coordinator, id))!).toMatchObject({
			decisionDue: false,
			outcome: 'declined'
		});
	});

	it('a successful attempt becomes the first contact', async () => {
		const id = await received();
		await logContactAttempt(db(), coordinator, id, {
			attemptedOn: '2026-04-08',
			mode: 'home_visit',
			succeeded: true,
			note: null
		});
		const saved = (await getReferral(db(), coordinator, id))!;
		expect(saved).toMatchObject({
			firstContactOn: '2026-04-08',
			firstContactMode: 'home_visit',
			firstContactBy: { id: coordinator.id }
		});
		expect(saved.timing.workingDays).toBe(3);
	});

	it('another PCN’s referral is not found, to read or to change', async () => {
		const id = await received();
		expect(await getReferral(db(), hillside, id)).toBeNull();
		await expect(recordTriage(db(), hillside, id, telephone('2026-04-02'))).rejects.toThrow(
			ReferralNotFoundError
		);
		await expect(
			logContactAttempt(db(), hillside, id, {
				attemptedOn: '2026-04-02',
				mode: 'telephone',
				succeeded: false,
				note: null
			})
		).rejects.toThrow(ReferralNotFoundError);
		const theirs = await listReferrals(db(), hillside, { status: 'all', limit: 500 });
		expect(theirs.referrals.map((r) => r.id)).not.toContain(id);
	});

	it('a refused triage saves nothing: no outcome, no first contact, no episode, no audit', async () => {
		const person = await patientOf(db(), coordinator, false, 2);
		const id = await received({ nhsNumber: person });
		const audits = async () =>
			(
				await db()
					.select()
					.from(schema.auditEvent)
					.where(and(eq(schema.auditEvent.entityId, id), eq(schema.auditEvent.action, 'update')))
			).length;
		const before = await audits();
		// Accepting by someone outside the PCN fails after the dates pass: nothing is kept.
		await refused(
			recordTriage(db(), coordinator, id, {
				...telephone('2026-04-02'),
				firstContactById: hillside.id
			})
		);
		const saved = (await getReferral(db(), coordinator, id))!;
		expect(saved).toMatchObject({ outcome: null, firstContactOn: null, triagedAt: null });
		expect(await openEpisodes(db(), person)).toHaveLength(0);
		expect(await audits()).toBe(before);
	});

	it('lists newest first, a page at a time, filtered by status and source', async () => {
		const first = await listReferrals(db(), coordinator, { status: 'all', limit: 3 });
		expect(first.referrals).toHaveLength(3);
		const next = await listReferrals(db(), coordinator, {
			status: 'all',
			limit: 3,
			cursor: first.nextCursor!
		});
		const days = [...first.referrals, ...next.referrals].map((r) => r.receivedOn);
		expect(days).toEqual([...days].sort().reverse());
		expect(new Set([...first.referrals, ...next.referrals].map((r) => r.id)).size).toBe(6);
		const triaged = await listReferrals(db(), coordinator, {
			status: 'triaged',
			source: 'vcse',
			limit: 500
		});
		expect(triaged.referrals.every((r) => r.outcome !== null && r.source === 'vcse')).toBe(true);
		const open = await listReferrals(db(), coordinator, { status: 'open', limit: 500 });
		expect(open.referrals.every((r) => r.outcome === null)).toBe(true);
	});
	it('the same referral saved twice is one referral: the second is refused, saying why', async () => {
		const input = { reason: 'Double-clicked save', receivedOn: '2026-05-05' };
		await received(input);
		await expect(received(input)).rejects.toMatchObject({
			errors: { nhsNumber: expect.stringMatching(/already in the inbox/) }
		});
		// Another reason the same day is another referral.
		await received({ ...input, reason: 'A second concern, from the practice nurse' });
	});
});

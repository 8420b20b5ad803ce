/**
 * The contact log and appointments: what may be logged or booked and when, the coordinator's
 * day, the worklist's "no contact for N days" and "many appointments", and the timeline.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultWorklist } from '../../src/lib/domain/worklist';
import type { SessionUser } from '../../src/lib/server/auth';
import {
	arrangeAppointment,
	ContactLogError,
	coordinatorAppointments,
	listAppointments,
	listContacts,
	logContact,
	setAppointmentStatus,
	type AppointmentInput
} from '../../src/lib/server/contact-log';
import { AppointmentForm, toAppointmentInput } from '../../src/lib/server/contact-log-forms';
import { closeEpisode, londonToday, openEpisode } from '../../src/lib/server/caseload-episodes';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import { patientTimeline } from '../../src/lib/server/patient-timeline';
import { logContactAttempt, recordTriage } from '../../src/lib/server/referral-triage';
import { createReferral } from '../../src/lib/server/referrals';
import { worklist } from '../../src/lib/server/worklist';
import { describeEachDatabase, signedInAs } from './fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function booking(startsAt: Date, change: Partial<AppointmentInput> = {}): AppointmentInput {
	return {
		kind: 'discharge_follow_up',
		startsAt,
		durationMinutes: 30,
		withWhom: 'Falls clinic',
		location: 'Riverside Community Hospital',
		accessNeeds: 'Hospital transport booked',
		remindAt: new Date(startsAt.getTime() - HOUR),
		note: null,
		...change
	};
}

describe('the appointment form', () => {
	it('refuses a time the clocks skip, and turns a reminder into an instant before the start', () => {
		const parsed = AppointmentForm.parse({
			kind: 'follow_up',
			date: '2027-03-28',
			time: '01:30',
			durationMinutes: '30',
			withWhom: 'GP',
			location: 'Surgery',
			accessNeeds: '',
			reminder: 'hour',
			note: ''
		});
		expect(toAppointmentInput(parsed)).toMatchObject({ ok: false, field: 'time' });
		const later = toAppointmentInput({ ...parsed, time: '10:00' });
		if (!later.ok) throw new Error('refused');
		expect(later.input.startsAt.toISOString()).toBe('2027-03-28T09:00:00.000Z');
		expect(later.input.remindAt?.toISOString()).toBe('2027-03-28T08:00:00.000Z');
	});
});

describeEachDatabase('contacts and appointments', (db) => {
	let coordinator: SessionUser;
	let hillside: SessionUser;
	let patientId: string;

	/** People off the caseload with no contact in 30 days, who may be referred. */
	const noContactFor30Days = async () =>
		(
			await worklist(db(), coordinator, {
				...defaultWorklist('pcn'),
				episode: 'none',
				noContactDays: 30
			})
		).rows;
	const referred = (nhsNumber: string) =>
		createReferral(db(), coordinator, {
			nhsNumber,
			source: 'gp_practice',
			reason: 'Two falls this month',
			urgency: 'routine',
			referrer: 'Dr Okafor',
			receivedOn: londonToday()
		});

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		const found = await worklist(db(), coordinator, { ...defaultWorklist('pcn'), sort: 'age' });
		patientId = found.rows[0].id;
	});

	it('logs contacts (never in the future) newest first, and they leave the "no contact" list', async () => {
		const noContact = async () =>
			(
				await worklist(db(), coordinator, {
					...defaultWorklist('pcn'),
					noContactDays: 30,
					search: '',
					sort: 'age'
				})
			).rows.map((r) => r.id);
		expect(await noContact()).toContain(patientId);
		await expect(
			logContact(db(), coordinator, patientId, {
				occurredAt: new Date(Date.now() + HOUR),
				kind: 'call',
				withWhom: 'Daughter',
				summary: 'Tomorrow',
				durationMinutes: null
			})
		).rejects.toBeInstanceOf(ContactLogError);
		for (const [ago, summary] of [
			[2 * DAY, 'Talked through the discharge letter'],
			[HOUR, 'Checked the pharmacy delivery came']
		] as const) {
			await logContact(db(), coordinator, patientId, {
				occurredAt: new Date(Date.now() - ago),
				kind: 'call',
				withWhom: 'Daughter',
				summary,
				durationMinutes: 10
			});
		}
		const contacts = await listContacts(db(), coordinator, patientId);
		expect(contacts.slice(0, 2).map((c) => c.source === 'log' && c.summary)).toEqual([
			'Checked the pharmacy delivery came',
			'Talked through the discharge letter'
		]);
		expect(await noContact()).not.toContain(patientId);
		await expect(
			logContact(db(), hillside, patientId, {
				occurredAt: new Date(),
				kind: 'call',
				withWhom: 'x',
				summary: 'x',
				durationMinutes: null
			})
		).rejects.toBeInstanceOf(PatientNotFoundError);
		const timeline = await patientTimeline(db(), coordinator, patientId, { kinds: ['record'] });
		expect(timeline[0]).toMatchObject({
			title: 'Phone call with Daughter',
			detail: 'Checked the pharmacy delivery came',
			by: 'Priya Shah'
		});
	});

	it('counts a first contact made at triage as a contact: off the "no contact" list, on the Contacts tab', async () => {
		const [person] = await noContactFor30Days();
		const referralId = await referred(person.nhsNumber);
		await recordTriage(db(), coordinator, referralId, {
			firstContactOn: londonToday(),
			firstContactMode: 'telephone',
			firstContactById: null,
			outcome: 'accepted',
			outcomeDetail: null,
			referredOnTo: null
		});
		expect((await noContactFor30Days()).map((r) => r.id)).not.toContain(person.id);
		const [contact] = await listContacts(db(), coordinator, person.id);
		expect(contact).toMatchObject({
			source: 'triage',
			mode: 'telephone',
			by: 'Priya Shah',
			referral: { id: referralId, receivedOn: londonToday() }
		});
	});

	it('counts a successful contact attempt, once, and not a failed one', async () => {
		const [person] = await noContactFor30Days();
		const referralId = await referred(person.nhsNumber);
		const attempt = (succeeded: boolean) =>
			logContactAttempt(db(), coordinator, referralId, {
				attemptedOn: londonToday(),
				mode: 'video',
				succeeded,
				note: succeeded ? 'Spoke with them' : 'No answer'
			});
		await attempt(false);
		expect((await noContactFor30Days()).map((r) => r.id)).toContain(person.id);
		await attempt(true);
		expect((await noContactFor30Days()).map((r) => r.id)).not.toContain(person.id);
		// Triage then records that first contact again: it is not a second one.
		await recordTriage(db(), coordinator, referralId, {
			firstContactOn: londonToday(),
			firstContactMode: 'video',
			firstContactById: null,
			outcome: 'signposted',
			outcomeDetail: 'Citizens Advice',
			referredOnTo: null
		});
		const contacts = await listContacts(db(), coordinator, person.id);
		expect(contacts.filter((c) => c.source === 'triage' && c.referral.id === referralId)).toEqual([
			expect.objectContaining({ mode: 'video', note: 'Spoke with them' })
		]);
	});

	it('books appointments only ahead, with a reminder before them, and records how they went', async () => {
		const tomorrow = new Date(Date.now() + DAY);
		await expect(
			arrangeAppointment(db(), coordinator, patientId, booking(new Date(Date.now() - HOUR)))
		).rejects.toMatchObject({ field: 'startsAt' });
		await expect(
			arrangeAppointment(
				db(),
				coordinator,
				patientId,
				booking(tomorrow, { remindAt: new Date(tomorrow.getTime() + HOUR) })
			)
		).rejects.toMatchObject({ field: 'remindAt' });
		await expect(
			arrangeAppointment(
				db(),
				coordinator,
				patientId,
				booking(tomorrow, { remindAt: new Date(Date.now() - HOUR) })
			)
		).rejects.toMatchObject({ field: 'remindAt' });
		const id = await arrangeAppointment(db(), coordinator, patientId, booking(tomorrow));
		await expect(
			setAppointmentStatus(db(), coordinator, patientId, id, 'attended')
		).rejects.toMatchObject({
			field: 'status'
		});
		// Once it has started, whether they came can be recorded.
		await setAppointmentStatus(
			db(),
			coordinator,
			patientId,
			id,
			'did_not_attend',
			new Date(tomorrow.getTime() + HOUR)
		);
		const [saved] = (await listAppointments(db(), coordinator, patientId)).filter(
			(a) => a.id === id
		);
		expect(saved).toMatchObject({ status: 'did_not_attend', kind: 'discharge_follow_up' });
		await expect(
			setAppointmentStatus(db(), hillside, patientId, id, 'cancelled')
		).rejects.toBeInstanceOf(PatientNotFoundError);
		// Another person's page of the same PCN does not reach it either.
		const [other] = (
			await worklist(db(), coordinator, { ...defaultWorklist('pcn'), sort: 'age' })
		).rows.slice(1);
		await expect(
			setAppointmentStatus(db(), coordinator, other.id, id, 'cancelled')
		).rejects.toBeInstanceOf(PatientNotFoundError);
	});

	it('arranges nothing new for someone recorded as having died, and cancels what was booked', async () => {
		const [, , person] = (
			await worklist(db(), coordinator, { ...defaultWorklist('pcn'), episode: 'none' })
		).rows;
		await db().transaction((tx) =>
			openEpisode(tx, coordinator, person.id, { reason: 'proactively_identified' })
		);
		const booked = await arrangeAppointment(
			db(),
			coordinator,
			person.id,
			booking(new Date(Date.now() + 3 * DAY))
		);
		await closeEpisode(db(), coordinator, person.id, { reason: 'died', note: null });
		const [appointmentNow] = (await listAppointments(db(), coordinator, person.id)).filter(
			(a) => a.id === booked
		);
		expect(appointmentNow.status).toBe('cancelled');
		await expect(
			arrangeAppointment(db(), coordinator, person.id, booking(new Date(Date.now() + DAY)))
		).rejects.toThrow(/Recorded as having died/);
		await expect(
			db().transaction((tx) =>
				openEpisode(tx, coordinator, person.id, { reason: 'proactively_identified' })
			)
		).rejects.toThrow(/Recorded as having died/);
		await expect(
			createReferral(db(), coordinator, {
				nhsNumber: person.nhsNumber,
				source: 'self',
				reason: 'x',
				urgency: 'routine',
				referrer: 'x',
				receivedOn: londonToday()
			})
		).rejects.toMatchObject({ errors: { nhsNumber: expect.stringMatching(/having died/) } });
		// Not suggested for the caseload any more.
		const proactive = await worklist(db(), coordinator, {
			...defaultWorklist('pcn'),
			episode: 'off',
			search: person.nhsNumber
		});
		expect(proactive.rows).toEqual([]);
	});

	it('makes the care coordinator who puts someone on the caseload theirs, when no one is', async () => {
		const [person] = (
			await worklist(db(), coordinator, {
				...defaultWorklist('pcn'),
				episode: 'none',
				coordinatorId: 'none'
			})
		).rows;
		await db().transaction((tx) =>
			openEpisode(tx, coordinator, person.id, { reason: 'proactively_identified' })
		);
		const mine = await worklist(db(), coordinator, {
			...defaultWorklist('mine'),
			search: person.nhsNumber
		});
		expect(mine.rows.map((r) => r.id)).toEqual([person.id]);
	});

	it('shows the coordinator their own day, and many appointments stand out', async () => {
		const inTwoDays = new Date(Date.now() + 2 * DAY);
		for (let i = 0; i < 4; i++) {
			await db()
				.insert(schema.appointment)
				.values({
					organisationId: coordinator.organisationId,
					patientId,
					startsAt: new Date(Date.now() - (i + 1) * 7 * DAY),
					withWhom: `Clinic ${i}`,
					location: 'Hospital',
					coordinatorId: coordinator.id,
					status: 'attended'
				});
		}
		const id = await arrangeAppointment(db(), coordinator, patientId, booking(inTwoDays));
		const day = await coordinatorAppointments(
			db(),
			coordinator,
			new Date(inTwoDays.getTime() - HOUR),
			new Date(inTwoDays.getTime() + HOUR)
		);
		expect(day.map((a) => a.id)).toContain(id);
		expect(day.every((a) => a.coordinator === 'Priya Shah')).toBe(true);
		const theirs = await coordinatorAppointments(
			db(),
			hillside,
			new Date(inTwoDays.getTime() - HOUR),
			new Date(inTwoDays.getTime() + HOUR)
		);
		expect(theirs.map((a) => a.id)).not.toContain(id);
		const many = await worklist(db(), coordinator, {
			...defaultWorklist('pcn'),
			risks: ['many_appointments']
		});
		expect(many.rows.map((r) => r.id)).toContain(patientId);
		expect(many.rows.every((r) => r.risks.includes('many_appointments'))).toBe(true);
	});
});

/**
 * Where an appointment's status may go (domain/contact-log.ts appointmentStatusChoices): a
 * cancelled one stays cancelled, nothing goes back to booked (not even for someone recorded as
 * having died, whose booked appointments closing the episode cancelled), attended and did not
 * attend correct one another; the Contacts tab refuses the rest on the status field.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
	appointmentStatusChoices,
	appointmentStatusRefusal
} from '../../src/lib/domain/contact-log';
import { defaultWorklist } from '../../src/lib/domain/worklist';
import type { SessionUser } from '../../src/lib/server/auth';
import { closeEpisode, openEpisode } from '../../src/lib/server/caseload-episodes';
import {
	arrangeAppointment,
	listAppointments,
	setAppointmentStatus,
	type AppointmentInput
} from '../../src/lib/server/contact-log';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { worklist } from '../../src/lib/server/worklist';
import { describeEachDatabase, signedInAs } from './fixtures';
import { asking, formPost, outcome } from './route-fixtures';

vi.mock('$app/server', async () => (await import('./route-fixtures')).appServer);
vi.mock(import('../../src/lib/server/db'), async (original) => ({
	...(await original()),
	db: (await import('./route-fixtures')).routeDb
}));
const { actions } = await import('../../src/routes/(app)/patients/[id]/contacts/+page.server');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function booking(startsAt: Date): AppointmentInput {
	return {
		kind: 'follow_up',
		startsAt,
		durationMinutes: 30,
		withWhom: 'Falls clinic',
		location: 'Riverside Community Hospital',
		accessNeeds: null,
		remindAt: null,
		note: null
	};
}

describe('the appointment status rule', () => {
	it('offers a booked appointment cancelled, and attended or not only once it has started', () => {
		expect(appointmentStatusChoices('booked', { started: false })).toEqual(['cancelled']);
		expect(appointmentStatusChoices('booked', { started: true })).toEqual([
			'attended',
			'did_not_attend',
			'cancelled'
		]);
	});

	it('keeps a cancelled appointment cancelled, and never goes back to booked', () => {
		for (const started of [false, true]) {
			expect(appointmentStatusChoices('cancelled', { started })).toEqual([]);
			for (const from of ['attended', 'did_not_attend', 'cancelled'] as const) {
				expect(appointmentStatusChoices(from, { started })).not.toContain('booked');
				expect(appointmentStatusRefusal(from, 'booked', { started })).toMatch(/arrange a new one/);
			}
		}
		expect(appointmentStatusChoices('attended', { started: true })).toEqual(['did_not_attend']);
		expect(appointmentStatusChoices('did_not_attend', { started: true })).toEqual(['attended']);
		for (const from of ['attended', 'did_not_attend'] as const) {
			expect(appointmentStatusRefusal(from, 'cancelled', { started: true })).toBe(
				'Once it is recorded whether they attended, the appointment is not cancelled'
			);
		}
		expect(appointmentStatusRefusal('booked', 'booked', { started: true })).toBeNull();
	});
});

describeEachDatabase('changing an appointment’s status', (db) => {
	let coordinator: SessionUser;
	let people: { id: string; nhsNumber: string }[];
	const statusOf = async (patientId: string, id: string) =>
		(await listAppointments(db(), coordinator, patientId)).find((a) => a.id === id)?.status;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		people = (
			await worklist(db(), coordinator, { ...defaultWorklist('pcn'), episode: 'none' })
		).rows.slice(0, 3);
	});

	it('keeps a cancelled appointment cancelled: not booked again, nor recorded as attended', async () => {
		const [person] = people;
		const tomorrow = new Date(Date.now() + DAY);
		const id = await arrangeAppointment(db(), coordinator, person.id, booking(tomorrow));
		await setAppointmentStatus(db(), coordinator, person.id, id, 'cancelled');
		await expect(
			setAppointmentStatus(db(), coordinator, person.id, id, 'booked')
		).rejects.toMatchObject({ field: 'status', message: expect.stringMatching(/stays cancelled/) });
		await expect(
			setAppointmentStatus(
				db(),
				coordinator,
				person.id,
				id,
				'attended',
				new Date(tomorrow.getTime() + HOUR)
			)
		).rejects.toMatchObject({ field: 'status' });
		expect(await statusOf(person.id, id)).toBe('cancelled');
	});

	it('corrects attended to did not attend and back, but never to booked or cancelled', async () => {
		const [, person] = people;
		const startsAt = new Date(Date.now() + DAY);
		const after = new Date(startsAt.getTime() + HOUR);
		const id = await arrangeAppointment(db(), coordinator, person.id, booking(startsAt));
		await setAppointmentStatus(db(), coordinator, person.id, id, 'attended', after);
		await setAppointmentStatus(db(), coordinator, person.id, id, 'did_not_attend', after);
		await setAppointmentStatus(db(), coordinator, person.id, id, 'attended', after);
		for (const status of ['booked', 'cancelled'] as const) {
			await expect(
				setAppointmentStatus(db(), coordinator, person.id, id, status, after)
			).rejects.toMatchObject({ field: 'status' });
		}
		expect(await statusOf(person.id, id)).toBe('attended');
	});

	it('never books again the appointment of someone recorded as having died', async () => {
		const [, , person] = people;
		await db().transaction((tx) =>
			openEpisode(tx, coordinator, person.id, { reason: 'proactively_identified' })
		);
		const id = await arrangeAppointment(
			db(),
			coordinator,
			person.id,
			booking(new Date(Date.now() + 2 * DAY))
		);
		await closeEpisode(db(), coordinator, person.id, { reason: 'died', note: null });
		expect(await statusOf(person.id, id)).toBe('cancelled');
		await expect(
			setAppointmentStatus(db(), coordinator, person.id, id, 'booked')
		).rejects.toMatchObject({ field: 'status' });
		expect(await statusOf(person.id, id)).toBe('cancelled');

		// On the Contacts tab: the status field's error, the page kept, never a 500.
		asking(db(), coordinator, `http://localhost/patients/${person.id}/contacts?/status`);
		const refused = await outcome(() =>
			actions.status({
				request: formPost({ appointmentId: id, status: 'booked' }),
				params: { id: person.id }
			} as unknown as Parameters<typeof actions.status>[0])
		);
		expect(refused).toMatchObject({
			kind: 'failure',
			status: 400,
			data: {
				form: `status:${id}`,
				errors: { status: expect.stringMatching(/stays cancelled/) },
				values: { appointmentId: id, status: 'booked' }
			}
		});
		expect(await statusOf(person.id, id)).toBe('cancelled');
	});
});

/**
 * Community services and social prescribing: the PCN's directory filtered and kept, a person
 * referred to an active service of their own PCN (never an unknown, inactive or other PCN's one,
 * never on a future date), the referral's status moved on with its outcome, and services'
 * feedback recorded — each change whole or not at all, audited.
 */
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import {
	createService,
	DUPLICATE_SERVICE,
	getService,
	listServices,
	ServiceInputError,
	ServiceNotFoundError,
	updateService,
	type ServiceInput
} from '../../src/lib/server/community-services';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import { recordServiceFeedback } from '../../src/lib/server/service-feedback';
import {
	ALREADY_REFERRED,
	INACTIVE_SERVICE,
	referToService,
	serviceReferralsOf,
	ServiceReferralNotFoundError,
	UNKNOWN_SERVICE,
	updateServiceReferral
} from '../../src/lib/server/service-referrals';
import { describeEachDatabase, signedInAs } from './fixtures';

const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

const refused = async (promise: Promise<unknown>) => {
	const e = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(e).toBeInstanceOf(ServiceInputError);
	return (e as ServiceInputError).errors;
};

const aService = (input: Partial<ServiceInput> = {}): ServiceInput => ({
	name: 'Tuesday Lunch Club',
	category: 'befriending',
	description: 'A hot lunch and company every Tuesday',
	contact: '01632 960999',
	area: 'Meadow Lane',
	eligibility: 'Over-65s',
	referralRoute: 'Phone the club',
	capacity: 'Taking referrals',
	lastCheckedOn: '2026-01-15',
	active: true,
	...input
});

describeEachDatabase('community services and social prescribing', (db) => {
	let coordinator: SessionUser;
	let hillside: SessionUser;
	let someone: string;
	let hillsidePerson: string;

	/** The id of a demo service of the caller's PCN, by name. */
	const serviceNamed = async (actor: SessionUser, name: string) => {
		const page = await listServices(db(), actor, { q: name, inactive: true });
		return page.services.find((s) => s.name === name)!.id;
	};
	const auditsOn = async (entityId: string) => {
		const [{ n }] = await db()
			.select({ n: count() })
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.entityId, entityId), eq(schema.auditEvent.action, 'update')));
		return n;
	};

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		const patientOf = async (actor: SessionUser) => {
			const [row] = await db()
				.select({ id: schema.patient.id })
				.from(schema.patient)
				.where(eq(schema.patient.organisationId, actor.organisationId))
				.orderBy(schema.patient.nhsNumber)
				.limit(1);
			return row.id;
		};
		someone = await patientOf(coordinator);
		hillsidePerson = await patientOf(hillside);
	});

	it('the demo directory is seeded once, with every status of referral and some feedback', async () => {
		await seedDemo(db());
		const all = await listServices(db(), coordinator, { inactive: true });
		expect(all.total).toBe(12);
		const statuses = await db()
			.selectDistinct({ status: schema.serviceReferral.status })
			.from(schema.serviceReferral)
			.where(eq(schema.serviceReferral.organisationId, coordinator.organisationId));
		expect(statuses.map((s) => s.status).sort()).toEqual(
			['accepted', 'attended', 'closed', 'declined', 'did_not_attend', 'sent'].sort()
		);
		const money = await getService(
			db(),
			coordinator,
			await serviceNamed(coordinator, 'Money Matters Advice Riverside')
		);
		expect(money!.feedback[0].kind).toBe('capacity');
	});

	it('filters the directory by category, area and name; inactive services only when asked', async () => {
		const befriending = await listServices(db(), coordinator, { category: 'befriending' });
		expect(befriending.services.length).toBeGreaterThan(0);
		expect(befriending.services.every((s) => s.category === 'befriending')).toBe(true);

		const library = await listServices(db(), coordinator, { area: 'riverside LIBRARY' });
		expect(library.services.map((s) => s.name)).toEqual(['Calm Minds Wellbeing Café']);
		const withInactive = await listServices(db(), coordinator, {
			area: 'Riverside Library',
			inactive: true
		});
		expect(withInactive.services.map((s) => s.name)).toEqual([
			'Calm Minds Wellbeing Café',
			'Digital Skills Drop-in'
		]);

		const byName = await listServices(db(), coordinator, { q: 'walking' });
		expect(byName.services.map((s) => s.name)).toEqual(['Parkside Walking Group']);
		// A wildcard typed in a search is a character, not "anything".
		expect((await listServices(db(), coordinator, { q: '%' })).total).toBe(0);
		const paged = await listServices(db(), coordinator, { limit: 5, page: 2 });
		expect(paged.services).toHaveLength(5);
		expect(paged.pageCount).toBe(3);
	});

	it('another PCN’s directory is its own: their services are not found, nor listed', async () => {
		const theirs = await serviceNamed(hillside, 'Hillside Good Neighbours');
		expect(await getService(db(), coordinator, theirs)).toBeNull();
		expect(await getService(db(), coordinator, 'not-a-uuid')).toBeNull();
		const ours = await listServices(db(), coordinator, { inactive: true, q: 'Hillside' });
		expect(ours.total).toBe(0);
		await expect(
			updateService(db(), coordinator, theirs, aService({ name: 'Taken over' }))
		).rejects.toBeInstanceOf(ServiceNotFoundError);
		await expect(
			recordServiceFeedback(db(), coordinator, theirs, {
				kind: 'gap',
				note: 'x',
				recordedOn: londonToday()
			})
		).rejects.toBeInstanceOf(ServiceNotFoundError);
	});

	it('adds and edits a service, audited with before and after; a future check date and a duplicate name refused', async () => {
		expect(
			await refused(createService(db(), coordinator, aService({ lastCheckedOn: tomorrow() })))
		).toEqual({ lastCheckedOn: 'The date last checked cannot be in the future' });
		const id = await createService(db(), coordinator, aService());
		expect(
			await refused(createService(db(), coordinator, aService({ name: 'tuesday LUNCH club' })))
		).toEqual({ name: DUPLICATE_SERVICE });

		await updateService(
			db(),
			coordinator,
			id,
			aService({ capacity: 'Full until spring', active: false })
		);
		const saved = (await getService(db(), coordinator, id))!;
		expect(saved.capacity).toBe('Full until spring');
		expect(saved.active).toBe(false);
		const audit = await db()
			.select()
			.from(schema.auditEvent)
			.where(
				and(
					eq(schema.auditEvent.entityType, 'community_service'),
					eq(schema.auditEvent.entityId, id),
					eq(schema.auditEvent.action, 'update')
				)
			);
		expect(audit).toHaveLength(1);
		expect(audit[0].before).toMatchObject({ capacity: 'Taking referrals', active: true });
		expect(audit[0].after).toMatchObject({ capacity: 'Full until spring', active: false });
	});

	it('refers a person to an active service of their PCN, audited on the patient', async () => {
		const circle = await serviceNamed(coordinator, 'Riverside Befriending Circle');
		const before = await auditsOn(someone);
		const id = await referToService(db(), coordinator, someone, {
			serviceId: circle,
			sentOn: londonToday(),
			reason: 'Lives alone; would like company'
		});
		const mine = await serviceReferralsOf(db(), coordinator, someone);
		expect(mine.find((r) => r.id === id)).toMatchObject({
			status: 'sent',
			outcome: null,
			service: { name: 'Riverside Befriending Circle', category: 'befriending' }
		});
		expect(await auditsOn(someone)).toBe(before + 1);
		const counts = (await getService(db(), coordinator, circle))!.referralCounts;
		expect(counts.sent).toBeGreaterThan(0);

		// A second open referral to the same service is the same referral: refused.
		expect(
			await refused(
				referToService(db(), coordinator, someone, {
					serviceId: circle,
					sentOn: londonToday(),
					reason: 'Again'
				})
			)
		).toEqual({ serviceId: ALREADY_REFERRED });
	});

	it('refuses an unknown, inactive or other PCN’s service and a future date, saving nothing', async () => {
		const inactive = await serviceNamed(coordinator, 'Digital Skills Drop-in');
		const theirs = await serviceNamed(hillside, 'Hillside Good Neighbours');
		const walking = await serviceNamed(coordinator, 'Parkside Walking Group');
		const count0 = (await serviceReferralsOf(db(), coordinator, someone)).length;
		const audits0 = await auditsOn(someone);
		const refer = (serviceId: string, sentOn = londonToday()) =>
			refused(referToService(db(), coordinator, someone, { serviceId, sentOn, reason: 'x' }));

		expect(await refer(crypto.randomUUID())).toEqual({ serviceId: UNKNOWN_SERVICE });
		expect(await refer('nonsense')).toEqual({ serviceId: UNKNOWN_SERVICE });
		expect(await refer(theirs)).toEqual({ serviceId: UNKNOWN_SERVICE });
		expect(await refer(inactive)).toEqual({ serviceId: INACTIVE_SERVICE });
		expect(await refer(walking, tomorrow())).toEqual({
			sentOn: 'The date sent cannot be in the future'
		});
		expect((await serviceReferralsOf(db(), coordinator, someone)).length).toBe(count0);
		expect(await auditsOn(someone)).toBe(audits0);
	});

	it('another PCN’s person is not found, and cannot be referred or updated', async () => {
		const walking = await serviceNamed(coordinator, 'Parkside Walking Group');
		await expect(
			referToService(db(), coordinator, hillsidePerson, {
				serviceId: walking,
				sentOn: londonToday(),
				reason: 'x'
			})
		).rejects.toBeInstanceOf(PatientNotFoundError);
		expect(await serviceReferralsOf(db(), hillside, someone)).toEqual([]);
		const [mine] = await serviceReferralsOf(db(), coordinator, someone);
		await expect(
			updateServiceReferral(db(), hillside, someone, mine.id, { status: 'closed', outcome: 'x' })
		).rejects.toBeInstanceOf(ServiceReferralNotFoundError);
		// Nor through another person of the same PCN.
		const [{ id: other }] = await db()
			.select({ id: schema.patient.id })
			.from(schema.patient)
			.where(eq(schema.patient.organisationId, coordinator.organisationId))
			.orderBy(schema.patient.nhsNumber)
			.offset(1)
			.limit(1);
		await expect(
			updateServiceReferral(db(), coordinator, other, mine.id, { status: 'closed', outcome: 'x' })
		).rejects.toBeInstanceOf(ServiceReferralNotFoundError);
	});

	it('moves a referral on as a real one does, keeping its outcome; closed is final', async () => {
		const housing = await serviceNamed(coordinator, 'Riverside Housing Options');
		const id = await referToService(db(), coordinator, someone, {
			serviceId: housing,
			sentOn: '2026-02-02',
			reason: 'Damp flat'
		});
		const update = (status: 'attended' | 'accepted' | 'closed' | 'sent', outcome: string | null) =>
			updateServiceReferral(db(), coordinator, someone, id, { status, outcome });
		const stored = async () =>
			(await serviceReferralsOf(db(), coordinator, someone)).find((r) => r.id === id)!;

		await update('accepted', 'Assessment booked for March');
		await update('attended', 'Assessed at home; damp works ordered');
		expect(await stored()).toMatchObject({
			status: 'attended',
			outcome: 'Assessed at home; damp works ordered'
		});
		const audits = await auditsOn(someone);
		expect(await refused(update('sent', null))).toEqual({
			status: 'A referral marked “Attended” cannot be marked “Sent”'
		});
		expect(await refused(update('closed', null))).toEqual({
			outcome: 'Enter the outcome before closing it'
		});
		expect(await stored()).toMatchObject({ status: 'attended' });
		expect(await auditsOn(someone)).toBe(audits);

		await update('closed', 'Works done; breathing better');
		expect(await refused(update('closed', 'Changed'))).toEqual({
			status: 'This referral is closed: nothing more can be recorded on it'
		});
		expect(await stored()).toMatchObject({
			status: 'closed',
			outcome: 'Works done; breathing better'
		});
		const counts = (await getService(db(), coordinator, housing))!.referralCounts;
		expect(counts.closed).toBeGreaterThan(0);
	});

	it('records a service’s feedback for service development, audited; a future date refused', async () => {
		const carers = await serviceNamed(coordinator, 'Riverside Carers’ Centre');
		expect(
			await refused(
				recordServiceFeedback(db(), coordinator, carers, {
					kind: 'gap',
					note: 'x',
					recordedOn: tomorrow()
				})
			)
		).toEqual({ recordedOn: 'The date cannot be in the future' });
		const audits = await auditsOn(carers);
		await recordServiceFeedback(db(), coordinator, carers, {
			kind: 'gap',
			note: 'No young carers’ group in the PCN',
			recordedOn: londonToday()
		});
		const service = (await getService(db(), coordinator, carers))!;
		expect(service.feedback[0]).toMatchObject({
			kind: 'gap',
			note: 'No young carers’ group in the PCN',
			by: 'Priya Shah'
		});
		expect(await auditsOn(carers)).toBe(audits + 1);
	});

	it('audits views of the directory and of a service', async () => {
		const views = async () => {
			const [{ n }] = await db()
				.select({ n: count() })
				.from(schema.auditEvent)
				.where(
					and(
						eq(schema.auditEvent.entityType, 'community_service'),
						eq(schema.auditEvent.action, 'view'),
						eq(schema.auditEvent.userId, coordinator.id)
					)
				);
			return n;
		};
		const before = await views();
		const page = await listServices(db(), coordinator);
		await getService(db(), coordinator, page.services[0].id);
		expect(await views()).toBe(before + 2);
	});
});

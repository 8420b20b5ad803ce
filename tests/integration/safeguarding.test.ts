/**
 * Safeguarding concerns (issue 11, item 5): raised to a named clinical contact, who sees them on
 * their list until they acknowledge them with an outcome; nobody else may acknowledge; the
 * person's open-concern flag follows; details only for those who may read them, every view
 * audited; another PCN's answer as not found.
 */
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { schema, type Db } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { parseForm } from '../../src/lib/server/forms';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import { patientTimeline } from '../../src/lib/server/patient-timeline';
import {
	acknowledgeConcern,
	AlreadyAcknowledgedError,
	ConcernNotFoundError,
	namedContactChoices,
	NotNamedContactError,
	raiseConcern,
	SafeguardingInputError,
	type ConcernInput
} from '../../src/lib/server/safeguarding';
import { AcknowledgeConcernForm, RaiseConcernForm } from '../../src/lib/server/safeguarding-forms';
import {
	concernsOf,
	concernsToAcknowledge,
	safeguardingLists
} from '../../src/lib/server/safeguarding-reads';
import { describeEachDatabase, signedInAs } from './fixtures';

const DESCRIPTION = 'Bruising on both forearms; says a family member grabs her when angry';

describeEachDatabase('safeguarding concerns', (db) => {
	let coordinator: SessionUser;
	let gp: SessionUser;
	let nurse: SessionUser;
	let observer: SessionUser;
	let admin: SessionUser;
	let hillside: SessionUser;
	let unflagged: string[];

	const concern = (change: Partial<ConcernInput> = {}): ConcernInput => ({
		category: 'physical',
		description: DESCRIPTION,
		namedContactId: gp.id,
		consentToShare: 'yes',
		immediateRisk: false,
		...change
	});
	const flag = async (patientId: string) =>
		(
			await db()
				.select({ open: schema.patient.safeguardingConcern })
				.from(schema.patient)
				.where(eq(schema.patient.id, patientId))
		)[0].open;
	const concernsAbout = async (patientId: string) =>
		db()
			.select()
			.from(schema.safeguardingConcern)
			.where(eq(schema.safeguardingConcern.patientId, patientId));
	const auditRows = (d: Db, patientId: string, detail: string) =>
		d
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.entityId, patientId), eq(schema.auditEvent.detail, detail)));

	beforeAll(async () => {
		await seedDemo(db());
		const as = async (email: string) => (await signedInAs(db(), email)).user;
		coordinator = await as('coordinator@riverside.test');
		gp = await as('gp@riverside.test');
		nurse = await as('nurse@riverside.test');
		observer = await as('observer@riverside.test');
		admin = await as('admin@riverside.test');
		hillside = await as('gp@hillside.test');
		const people = await db()
			.select({ id: schema.patient.id })
			.from(schema.patient)
			.where(
				and(
					eq(schema.patient.organisationId, coordinator.organisationId),
					eq(schema.patient.safeguardingConcern, false)
				)
			)
			.orderBy(schema.patient.nhsNumber)
			.limit(8);
		unflagged = people.map((p) => p.id);
	});

	it('a raised concern is on the named contact’s list and counted, and the person is flagged', async () => {
		const patientId = unflagged[0];
		const before = await concernsToAcknowledge(db(), gp);
		const id = await raiseConcern(db(), coordinator, patientId, concern({ immediateRisk: true }));
		expect(await flag(patientId)).toBe(true);
		expect(await concernsToAcknowledge(db(), gp)).toBe(before + 1);
		const lists = await safeguardingLists(db(), gp);
		const listed = lists.toAcknowledge.find((c) => c.id === id);
		expect(listed).toMatchObject({
			patient: { id: patientId },
			category: 'physical',
			description: DESCRIPTION,
			immediateRisk: true,
			raisedBy: 'Priya Shah',
			namedContact: 'Dr Tom Okafor',
			mayAcknowledge: true
		});
		// The raiser sees it waiting; it is not theirs to acknowledge.
		const raised = await safeguardingLists(db(), coordinator);
		expect(raised.raisedByYou.map((c) => c.id)).toContain(id);
		expect(raised.toAcknowledge.map((c) => c.id)).not.toContain(id);
		// Audited on the person, without the details (the audit trail and timeline are for all).
		const [audit] = await auditRows(db(), patientId, 'safeguarding concern raised');
		expect(audit).toMatchObject({ action: 'create', userId: coordinator.id });
		expect(JSON.stringify(audit.after)).not.toContain('Bruising');
	});

	it('refuses an acknowledgement by anyone but the named contact, and changes nothing', async () => {
		const patientId = unflagged[1];
		const id = await raiseConcern(db(), coordinator, patientId, concern());
		const acknowledgements = async () =>
			(await auditRows(db(), patientId, 'safeguarding concern acknowledged')).length;
		for (const someoneElse of [nurse, coordinator]) {
			await expect(acknowledgeConcern(db(), someoneElse, id, 'No further action')).rejects.toThrow(
				NotNamedContactError
			);
		}
		await expect(acknowledgeConcern(db(), nurse, id, 'x')).rejects.toThrow(
			/Only Dr Tom Okafor, the named contact/
		);
		const [stored] = await concernsAbout(patientId);
		expect(stored).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null, outcome: null });
		expect(await flag(patientId)).toBe(true);
		expect(await acknowledgements()).toBe(0);
	});

	it('the named contact acknowledges once; the flag clears only when no concern is left open', async () => {
		const patientId = unflagged[2];
		const first = await raiseConcern(db(), coordinator, patientId, concern());
		const second = await raiseConcern(
			db(),
			nurse,
			patientId,
			concern({ category: 'financial', namedContactId: gp.id })
		);
		await acknowledgeConcern(db(), gp, first, 'Referred to the local authority safeguarding team', {
			patientId
		});
		expect(await flag(patientId)).toBe(true);
		await expect(acknowledgeConcern(db(), gp, first, 'Again')).rejects.toThrow(
			AlreadyAcknowledgedError
		);
		await acknowledgeConcern(db(), gp, second, 'No further action: son manages the money with her');
		expect(await flag(patientId)).toBe(false);
		const stored = await concernsAbout(patientId);
		expect(stored.find((c) => c.id === first)).toMatchObject({
			acknowledgedBy: gp.id,
			outcome: 'Referred to the local authority safeguarding team'
		});
		const lists = await safeguardingLists(db(), gp);
		expect(lists.toAcknowledge.map((c) => c.id)).not.toContain(first);
		expect(lists.recentlyAcknowledged.map((c) => c.id)).toEqual(
			expect.arrayContaining([first, second])
		);
		expect(await auditRows(db(), patientId, 'safeguarding concern acknowledged')).toHaveLength(2);
	});

	it('of two acknowledgements at once by the named contact, one succeeds', async () => {
		const patientId = unflagged[3];
		const id = await raiseConcern(db(), coordinator, patientId, concern());
		const results = await Promise.allSettled([
			acknowledgeConcern(db(), gp, id, 'First'),
			acknowledgeConcern(db(), gp, id, 'Second')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(AlreadyAcknowledgedError);
		expect(await flag(patientId)).toBe(false);
	});

	it('refuses bad input with a message per field, and saves nothing', async () => {
		const patientId = unflagged[4];
		const form = new FormData();
		form.set('description', '   ');
		const parsed = parseForm(RaiseConcernForm, form);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.keys(parsed.errors).sort()).toEqual([
			'category',
			'consentToShare',
			'description',
			'immediateRisk',
			'namedContactId'
		]);
		expect(parseForm(AcknowledgeConcernForm, new FormData())).toMatchObject({
			ok: false,
			errors: { outcome: 'Enter the outcome: what you did or decided about this concern' }
		});
		// A named contact who may not read concerns, another PCN's clinician, the raiser
		// themselves, or no one at all: refused on the field.
		for (const namedContactId of [observer.id, admin.id, hillside.id, coordinator.id, 'nobody']) {
			await expect(
				raiseConcern(db(), coordinator, patientId, concern({ namedContactId }))
			).rejects.toThrow(SafeguardingInputError);
		}
		expect(await concernsAbout(patientId)).toEqual([]);
		expect(await flag(patientId)).toBe(false);
		expect(await auditRows(db(), patientId, 'safeguarding concern raised')).toEqual([]);
		const choices = (await namedContactChoices(db(), coordinator)).map((c) => c.id);
		expect(choices).toContain(gp.id);
		expect(choices).not.toContain(observer.id);
		expect(choices).not.toContain(coordinator.id);
	});

	it('audits every view of the details: one row per read', async () => {
		const patientId = unflagged[5];
		await raiseConcern(db(), coordinator, patientId, concern());
		const views = async () =>
			(
				await db()
					.select({ n: count() })
					.from(schema.auditEvent)
					.where(
						and(
							eq(schema.auditEvent.action, 'view'),
							eq(schema.auditEvent.entityId, patientId),
							eq(schema.auditEvent.detail, 'safeguarding concerns viewed'),
							eq(schema.auditEvent.userId, nurse.id)
						)
					)
			)[0].n;
		const read = await concernsOf(db(), nurse, patientId, { ip: '203.0.113.9' });
		expect(read.details).toBe(true);
		expect(await views()).toBe(1);
		await concernsOf(db(), nurse, patientId);
		expect(await views()).toBe(2);
		await safeguardingLists(db(), nurse);
		expect(await views()).toBe(2);
		// The GP's list shows it: their view of this person is audited too.
		const [gpViews] = await db()
			.select({ n: count() })
			.from(schema.auditEvent)
			.where(
				and(
					eq(schema.auditEvent.entityId, patientId),
					eq(schema.auditEvent.detail, 'safeguarding concerns viewed'),
					eq(schema.auditEvent.userId, gp.id)
				)
			);
		await safeguardingLists(db(), gp);
		const [after] = await db()
			.select({ n: count() })
			.from(schema.auditEvent)
			.where(
				and(
					eq(schema.auditEvent.entityId, patientId),
					eq(schema.auditEvent.detail, 'safeguarding concerns viewed'),
					eq(schema.auditEvent.userId, gp.id)
				)
			);
		expect(after.n).toBe(gpViews.n + 1);
	});

	it('observers and admins see only that a concern is open, when, and to whom', async () => {
		const patientId = unflagged[6];
		await raiseConcern(db(), coordinator, patientId, concern());
		for (const reader of [observer, admin]) {
			const read = await concernsOf(db(), reader, patientId);
			expect(read.details).toBe(false);
			expect(read.concerns).toHaveLength(1);
			expect(Object.keys(read.concerns[0]).sort()).toEqual([
				'acknowledgedAt',
				'id',
				'namedContact',
				'open',
				'raisedAt'
			]);
			expect(JSON.stringify(read)).not.toContain('Bruising');
			expect(await safeguardingLists(db(), reader)).toEqual({
				toAcknowledge: [],
				raisedByYou: [],
				recentlyAcknowledged: []
			});
		}
		const timeline = await patientTimeline(db(), observer, patientId);
		const raised = timeline.find((e) => e.title === 'Safeguarding concern raised');
		expect(raised).toMatchObject({ detail: 'Raised to Dr Tom Okafor', by: 'Priya Shah' });
		expect(JSON.stringify(timeline)).not.toContain('Bruising');
	});

	it('another PCN’s patient and concern are not found', async () => {
		const patientId = unflagged[7];
		const id = await raiseConcern(db(), coordinator, patientId, concern());
		await expect(concernsOf(db(), hillside, patientId)).rejects.toThrow(PatientNotFoundError);
		await expect(
			raiseConcern(db(), hillside, patientId, concern({ namedContactId: hillside.id }))
		).rejects.toThrow(PatientNotFoundError);
		await expect(acknowledgeConcern(db(), hillside, id, 'Mine now')).rejects.toThrow(
			ConcernNotFoundError
		);
		// Nor is a concern acknowledged through another patient's page.
		await expect(
			acknowledgeConcern(db(), gp, id, 'Wrong person', { patientId: unflagged[0] })
		).rejects.toThrow(ConcernNotFoundError);
		expect((await concernsAbout(patientId))[0].acknowledgedAt).toBeNull();
	});

	it('the demo’s flagged people have the concern behind the flag, raised to the GP', async () => {
		const flagged = await db()
			.select({ id: schema.patient.id })
			.from(schema.patient)
			.where(
				and(
					eq(schema.patient.organisationId, coordinator.organisationId),
					eq(schema.patient.safeguardingConcern, true)
				)
			);
		const seeded = flagged.filter((p) => !unflagged.includes(p.id));
		expect(seeded.length).toBeGreaterThan(0);
		for (const person of seeded) {
			const read = await concernsOf(db(), gp, person.id);
			expect(read.concerns.some((c) => c.open && c.namedContact === 'Dr Tom Okafor')).toBe(true);
		}
		await seedDemo(db());
		expect(await concernsAbout(seeded[0].id)).toHaveLength(1);
	});
});

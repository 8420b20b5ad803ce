/** PAM scores and ONS4 answers on a person's record: recorded whole or not at all, audited. */
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { formatCalendarDate } from '../../src/lib/domain/london-time';
import { londonToday } from '../../src/lib/server/caseload-episodes';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { MeasureError, measuresOf, recordOns4, recordPam } from '../../src/lib/server/measures';
import { PatientNotFoundError } from '../../src/lib/server/patient-scope';
import { patientTimeline } from '../../src/lib/server/patient-timeline';
import { listCaseload } from '../../src/lib/server/patients';
import { describeEachDatabase, signedInAs } from './fixtures';

const day = (offset: number) =>
	new Date(Date.parse(`${londonToday()}T12:00:00Z`) + offset * 86_400_000)
		.toISOString()
		.slice(0, 10);

describeEachDatabase('outcome measures', (db) => {
	let coordinator: SessionUser;
	let hillside: SessionUser;
	let patientId: string;

	const stored = async () => {
		const [row] = await db()
			.select({ n: count() })
			.from(schema.outcomeMeasure)
			.where(eq(schema.outcomeMeasure.patientId, patientId));
		return row.n;
	};
	const audits = async () => {
		const [row] = await db()
			.select({ n: count() })
			.from(schema.auditEvent)
			.where(
				and(eq(schema.auditEvent.entityId, patientId), eq(schema.auditEvent.action, 'create'))
			);
		return row.n;
	};

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		patientId = (await listCaseload(db(), coordinator, { limit: 1 })).patients[0].id;
	});

	it('records a PAM score with the level derived from it, audited and on the timeline once', async () => {
		const [before, auditsBefore] = [await stored(), await audits()];
		await recordPam(db(), coordinator, patientId, { recordedOn: day(-1), score: 47.1 });
		expect(await stored()).toBe(before + 1);
		expect(await audits()).toBe(auditsBefore + 1);
		const mine = (await measuresOf(db(), coordinator, patientId)).filter(
			(m) => m.kind === 'pam' && m.recordedOn === day(-1)
		);
		expect(mine).toEqual([
			expect.objectContaining({ pamScore: 47.1, pamLevel: 2, recordedBy: 'Priya Shah' })
		]);
		// On the timeline once, as a measure (not again as a record change).
		const timeline = await patientTimeline(db(), coordinator, patientId);
		expect(timeline.filter((e) => e.title === 'PAM score 47.1 (level 2)')).toHaveLength(1);
		expect(timeline.some((e) => e.title === 'PAM score recorded')).toBe(false);
	});

	it('records ONS4 answers as four separate values', async () => {
		const answers = { lifeSatisfaction: 6, worthwhile: 7, happy: 5, anxious: 4 };
		await recordOns4(db(), coordinator, patientId, { recordedOn: day(0), answers });
		const ons4 = (await measuresOf(db(), coordinator, patientId)).filter((m) => m.kind === 'ons4');
		expect(ons4.at(-1)).toMatchObject({ recordedOn: day(0), ons4: answers, pamScore: null });
	});

	it('refuses an out-of-range or badly dated measure, saving nothing and auditing nothing', async () => {
		const [before, auditsBefore] = [await stored(), await audits()];
		for (const [input, field] of [
			[{ recordedOn: day(0), score: 100.1 }, 'pamScore'],
			[{ recordedOn: day(0), score: -0.1 }, 'pamScore'],
			[{ recordedOn: day(0), score: Number.NaN }, 'pamScore'],
			[{ recordedOn: day(0), score: 52.45 }, 'pamScore'],
			[{ recordedOn: day(1), score: 50 }, 'pamOn'],
			[{ recordedOn: '1999-12-31', score: 50 }, 'pamOn'],
			[{ recordedOn: '2026-02-30', score: 50 }, 'pamOn']
		] as const) {
			const refusal = recordPam(db(), coordinator, patientId, input);
			await expect(refusal).rejects.toBeInstanceOf(MeasureError);
			await expect(refusal).rejects.toHaveProperty(['errors', field]);
		}
		const good = { lifeSatisfaction: 6, worthwhile: 7, happy: 5, anxious: 4 };
		for (const answers of [
			{ ...good, anxious: 11 },
			{ ...good, happy: 5.5 },
			{ lifeSatisfaction: 6, worthwhile: 7, happy: 5 }
		]) {
			await expect(
				recordOns4(db(), coordinator, patientId, { recordedOn: day(0), answers })
			).rejects.toBeInstanceOf(MeasureError);
		}
		await expect(
			recordOns4(db(), coordinator, patientId, { recordedOn: day(3), answers: good })
		).rejects.toHaveProperty(['errors', 'ons4On']);
		expect(await stored()).toBe(before);
		expect(await audits()).toBe(auditsBefore);
	});

	it('refuses the same PAM score again on the same day, naming it, saving and auditing nothing', async () => {
		await recordPam(db(), coordinator, patientId, { recordedOn: day(-2), score: 58.3 });
		const [before, auditsBefore] = [await stored(), await audits()];
		const again = recordPam(db(), coordinator, patientId, { recordedOn: day(-2), score: 58.3 });
		await expect(again).rejects.toBeInstanceOf(MeasureError);
		await expect(again).rejects.toHaveProperty(
			['errors', 'pamScore'],
			`A PAM score of 58.3 is already recorded for ${formatCalendarDate(day(-2))}`
		);
		expect(await stored()).toBe(before);
		expect(await audits()).toBe(auditsBefore);
		// Another score that day, or the same score another day, is a measure of its own.
		await recordPam(db(), coordinator, patientId, { recordedOn: day(-2), score: 58.4 });
		await recordPam(db(), coordinator, patientId, { recordedOn: day(-3), score: 58.3 });
		expect(await stored()).toBe(before + 2);
	});

	it('saves one of several identical PAM scores sent at the same moment', async () => {
		const before = await stored();
		const all = await Promise.allSettled(
			Array.from({ length: 6 }, () =>
				recordPam(db(), coordinator, patientId, { recordedOn: day(-4), score: 61.7 })
			)
		);
		expect(all.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of all.filter((r) => r.status === 'rejected'))
			expect((r as PromiseRejectedResult).reason).toBeInstanceOf(MeasureError);
		expect(await stored()).toBe(before + 1);
	});

	it('refuses the same ONS4 answers again on the same day, on its date; other answers are kept', async () => {
		const answers = { lifeSatisfaction: 3, worthwhile: 9, happy: 2, anxious: 7 };
		await recordOns4(db(), coordinator, patientId, { recordedOn: day(-2), answers });
		const [before, auditsBefore] = [await stored(), await audits()];
		const both = await Promise.allSettled([
			recordOns4(db(), coordinator, patientId, { recordedOn: day(-2), answers }),
			recordOns4(db(), coordinator, patientId, { recordedOn: day(-2), answers })
		]);
		for (const r of both) {
			expect(r.status).toBe('rejected');
			const reason = (r as PromiseRejectedResult).reason;
			expect(reason).toBeInstanceOf(MeasureError);
			expect(reason.errors).toEqual({
				ons4On: `These ONS4 answers are already recorded for ${formatCalendarDate(day(-2))}`
			});
		}
		expect(await stored()).toBe(before);
		expect(await audits()).toBe(auditsBefore);
		await recordOns4(db(), coordinator, patientId, {
			recordedOn: day(-2),
			answers: { ...answers, anxious: 6 }
		});
		expect(await stored()).toBe(before + 1);
	});

	it('keeps one PCN’s measures from another', async () => {
		await expect(
			recordPam(db(), hillside, patientId, { recordedOn: day(0), score: 50 })
		).rejects.toBeInstanceOf(PatientNotFoundError);
		await expect(measuresOf(db(), hillside, patientId)).rejects.toBeInstanceOf(
			PatientNotFoundError
		);
		const hillsidePatient = (await listCaseload(db(), hillside, { limit: 1 })).patients[0].id;
		const theirs = await measuresOf(db(), hillside, hillsidePatient);
		expect(theirs.every((m) => m.recordedBy !== 'Priya Shah')).toBe(true);
	});
});

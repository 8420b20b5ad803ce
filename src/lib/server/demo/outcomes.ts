/**
 * The demo's outcome measures and carers' assessments (issue 11): earlier PAM scores and three
 * ONS4 answer sets for the people whose latest PAM the MDT seed recorded (so the Measures tab
 * charts a trend, while each person's latest PAM, which the worklist reads, stays as it was), and
 * carers' assessments offered, completed and referred on for some carers. Synthetic and
 * deterministic (by order; dates relative to today), seeded once per PCN.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { pamLevel, type Ons4Answers } from '../../domain/measures';
import type { Db } from '../db';
import { outcomeMeasure, patient, personalContact } from '../db/schema';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

/** Three ONS4 sets, oldest first, for the people measured: a little better each time. */
const ONS4_SETS: readonly Ons4Answers[][] = [
	[
		{ lifeSatisfaction: 3, worthwhile: 5, happy: 4, anxious: 8 },
		{ lifeSatisfaction: 4, worthwhile: 5, happy: 5, anxious: 6 },
		{ lifeSatisfaction: 6, worthwhile: 7, happy: 6, anxious: 4 }
	],
	[
		{ lifeSatisfaction: 5, worthwhile: 6, happy: 3, anxious: 7 },
		{ lifeSatisfaction: 5, worthwhile: 6, happy: 5, anxious: 7 },
		{ lifeSatisfaction: 6, worthwhile: 6, happy: 6, anxious: 5 }
	],
	[
		{ lifeSatisfaction: 7, worthwhile: 8, happy: 7, anxious: 3 },
		{ lifeSatisfaction: 6, worthwhile: 8, happy: 6, anxious: 4 },
		{ lifeSatisfaction: 8, worthwhile: 9, happy: 8, anxious: 2 }
	]
];

const SUPPORT = [
	'Carers’ centre: advice and a carer’s card',
	'Respite care through the local authority',
	'Carers’ support group'
] as const;

async function seedMeasures(db: Db, organisationId: string) {
	const [done] = await db
		.select({ id: outcomeMeasure.id })
		.from(outcomeMeasure)
		.where(and(eq(outcomeMeasure.organisationId, organisationId), eq(outcomeMeasure.kind, 'ons4')))
		.limit(1);
	if (done) return;
	const latest = await db
		.select({
			patientId: outcomeMeasure.patientId,
			score: outcomeMeasure.pamScore,
			recordedBy: outcomeMeasure.recordedBy
		})
		.from(outcomeMeasure)
		.innerJoin(patient, eq(patient.id, outcomeMeasure.patientId))
		.where(and(eq(outcomeMeasure.organisationId, organisationId), eq(outcomeMeasure.kind, 'pam')))
		.orderBy(asc(patient.nhsNumber));
	const rows: (typeof outcomeMeasure.$inferInsert)[] = [];
	latest.forEach((measured, index) => {
		const base = { organisationId, patientId: measured.patientId, recordedBy: measured.recordedBy };
		const score = measured.score ?? 50;
		for (const [days, rise] of [
			[210, 6.4],
			[120, 2.9]
		] as const) {
			const earlier = Math.max(0, Math.round((score - rise) * 10) / 10);
			rows.push({
				...base,
				kind: 'pam',
				recordedOn: daysAgo(days),
				pamScore: earlier,
				pamLevel: pamLevel(earlier)
			});
		}
		ONS4_SETS[index % ONS4_SETS.length].forEach((answers, i) => {
			rows.push({ ...base, kind: 'ons4', recordedOn: daysAgo([200, 110, 25][i]), ons4: answers });
		});
	});
	if (rows.length > 0) await db.insert(outcomeMeasure).values(rows);
}

async function seedCarerAssessments(db: Db, organisationId: string) {
	const [done] = await db
		.select({ id: personalContact.id })
		.from(personalContact)
		.where(
			and(
				eq(personalContact.organisationId, organisationId),
				isNotNull(personalContact.carerAssessmentOfferedOn)
			)
		)
		.limit(1);
	if (done) return;
	const carers = await db
		.select({ id: personalContact.id })
		.from(personalContact)
		.innerJoin(patient, eq(patient.id, personalContact.patientId))
		.where(
			and(eq(personalContact.organisationId, organisationId), eq(personalContact.isCarer, true))
		)
		.orderBy(asc(patient.nhsNumber), asc(personalContact.name));
	for (const [index, carer] of carers.entries()) {
		// Of every five carers: one assessed and referred on, one offered and waiting, one assessed;
		// the other two not yet offered, for the register's "not offered" filter to find.
		const step = index % 5;
		if (step > 2) continue;
		const values =
			step === 0
				? {
						carerAssessmentOfferedOn: daysAgo(60 + index),
						carerAssessmentCompletedOn: daysAgo(30 + index),
						carerSupportReferral: SUPPORT[index % SUPPORT.length],
						carerSupportReferredOn: daysAgo(28 + index)
					}
				: step === 1
					? { carerAssessmentOfferedOn: daysAgo(10 + index) }
					: {
							carerAssessmentOfferedOn: daysAgo(120 + index),
							carerAssessmentCompletedOn: daysAgo(90 + index)
						};
		await db.update(personalContact).set(values).where(eq(personalContact.id, carer.id));
	}
}

/** Seeds a demo PCN's measure history and carers' assessments, once. */
export async function seedDemoOutcomes(db: Db, organisationId: string) {
	await seedMeasures(db, organisationId);
	await seedCarerAssessments(db, organisationId);
}

import { and, desc, eq, inArray, isNotNull, lt, or, sql, gte } from 'drizzle-orm';
import { OPEN_ACTION_STATUSES } from '../domain/actions';
import type { SessionUser } from './auth';
import type { Db } from './db';
import { carePlan, mdtAction, outcomeMeasure, patient } from './db/schema';

export type Suggestion = { patientId: string; reasons: string[] };

const DAY = 24 * 60 * 60 * 1000;

/**
 * Patients worth discussing at the MDT, each with why: moderate or severe frailty, discharged
 * from hospital in the last 14 days, PAM level 1, care plan review overdue, an open safeguarding
 * concern, overdue actions, or referred for MDT by a professional. Most reasons first.
 */
export async function suggestedForDiscussion(
	db: Db,
	actor: SessionUser,
	today = new Date()
): Promise<Suggestion[]> {
	const org = actor.organisationId;
	const todayIso = today.toISOString().slice(0, 10);
	const since = new Date(today.getTime() - 14 * DAY).toISOString().slice(0, 10);
	const reasons = new Map<string, string[]>();
	const add = (id: string, reason: string) => reasons.set(id, [...(reasons.get(id) ?? []), reason]);

	const flagged = await db
		.select({
			id: patient.id,
			efi: patient.efiDeficits,
			discharged: patient.lastDischargeDate,
			safeguarding: patient.safeguardingConcern,
			referral: patient.mdtReferralReason
		})
		.from(patient)
		.where(
			and(
				eq(patient.organisationId, org),
				or(
					gte(patient.efiDeficits, 9),
					gte(patient.lastDischargeDate, since),
					eq(patient.safeguardingConcern, true),
					isNotNull(patient.mdtReferralReason)
				)
			)
		);
	for (const p of flagged) {
		if (p.referral) add(p.id, `Referred for MDT: ${p.referral}`);
		if (p.safeguarding) add(p.id, 'Open safeguarding concern');
		if (p.discharged && p.discharged >= since)
			add(p.id, `Discharged from hospital on ${p.discharged}`);
		if (p.efi !== null && p.efi >= 13) add(p.id, 'Severe frailty');
		else if (p.efi !== null && p.efi >= 9) add(p.id, 'Moderate frailty');
	}

	// The latest PAM of each patient; level 1 is "may not yet understand their role".
	const latestPam = await db
		.selectDistinctOn([outcomeMeasure.patientId], {
			patientId: outcomeMeasure.patientId,
			level: outcomeMeasure.pamLevel
		})
		.from(outcomeMeasure)
		.where(and(eq(outcomeMeasure.organisationId, org), eq(outcomeMeasure.kind, 'pam')))
		.orderBy(outcomeMeasure.patientId, desc(outcomeMeasure.recordedOn));
	for (const m of latestPam) if (m.level === 1) add(m.patientId, 'PAM level 1');

	const overdueReviews = await db
		.select({ id: carePlan.patientId, date: carePlan.reviewDate })
		.from(carePlan)
		.where(and(eq(carePlan.organisationId, org), lt(carePlan.reviewDate, todayIso)));
	for (const r of overdueReviews) add(r.id, `Care plan review overdue (due ${r.date})`);

	const overdueActions = await db
		.select({ id: mdtAction.patientId, count: sql<number>`count(*)::int` })
		.from(mdtAction)
		.where(
			and(
				eq(mdtAction.organisationId, org),
				isNotNull(mdtAction.patientId),
				inArray(mdtAction.status, OPEN_ACTION_STATUSES),
				lt(mdtAction.dueDate, todayIso)
			)
		)
		.groupBy(mdtAction.patientId);
	for (const a of overdueActions) {
		if (a.id) add(a.id, a.count === 1 ? '1 overdue action' : `${a.count} overdue actions`);
	}

	return [...reasons]
		.map(([patientId, list]) => ({ patientId, reasons: list }))
		.sort((a, b) => b.reasons.length - a.reasons.length);
}

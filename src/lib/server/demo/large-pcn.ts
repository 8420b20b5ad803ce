/**
 * "Large PCN": a synthetic PCN of 100,000 people (by default) and two years of their care, for
 * `npm run seed:large` and the reports benchmark (`npm run bench:reports`). Its own ODS codes,
 * users at large.test and NHS numbers from 999 600 0000 keep it apart from the demo's PCNs.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles';
import { hashPassword } from '../auth';
import type { Db } from '../db';
import { membership, organisation, user } from '../db/schema';
import { seedHistory, type HistoryResult, type HistoryStep } from './history';
import { rows } from './history-sql';
import { DEMO_PASSWORD } from './seed';

export const LARGE_PCN = {
	name: 'Large PCN',
	odsCode: 'U99950',
	practices: [
		{ name: 'Abbey Road Medical Practice', odsCode: 'Y99951' },
		{ name: 'Canal Side Surgery', odsCode: 'Y99952' },
		{ name: 'Elm Park Health Centre', odsCode: 'Y99953' },
		{ name: 'Foundry Lane Practice', odsCode: 'Y99954' },
		{ name: 'Hill Top Surgery', odsCode: 'Y99955' },
		{ name: 'Orchard Grove Medical Centre', odsCode: 'Y99956' }
	],
	users: [
		{ email: 'coordinator@large.test', name: 'Nadia Rahman', role: 'care_coordinator' },
		{ email: 'gp@large.test', name: 'Dr Owen Pryce', role: 'gp' },
		{ email: 'linkworker@large.test', name: 'Leah Morgan', role: 'social_prescribing_link_worker' },
		{ email: 'coach@large.test', name: 'Tom Bailey', role: 'health_wellbeing_coach' },
		{ email: 'nurse@large.test', name: 'Grace Mensah', role: 'practice_nurse' },
		{ email: 'manager@large.test', name: 'Helen Ward', role: 'pcn_manager' }
	] satisfies { email: string; name: string; role: Role }[],
	seed: 9950,
	nhsNumberStart: 9996000000,
	postcodeArea: 'LP'
} as const;

export type LargePcnResult = HistoryResult & { organisationId: string; setupMs: number };

/**
 * Creates Large PCN (its practices and users) if missing, and its history of `patients` people
 * unless it has one already (then `skipped`, whatever its size: say so rather than add more).
 */
export async function seedLargePcn(
	db: Db,
	options: { patients?: number; today?: string; onStep?: (step: HistoryStep) => void } = {}
): Promise<LargePcnResult> {
	const started = performance.now();
	const pcnId = await ensureOrganisation(db);
	const practiceIds: string[] = [];
	for (const practice of LARGE_PCN.practices) {
		practiceIds.push(await ensureOrganisation(db, { ...practice, parentId: pcnId }));
	}
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const staffIds: string[] = [];
	for (const member of LARGE_PCN.users) {
		await db
			.insert(user)
			.values({ email: member.email, name: member.name, passwordHash })
			.onConflictDoNothing();
		const [{ id }] = await db
			.select({ id: user.id })
			.from(user)
			.where(eq(user.email, member.email));
		await db
			.insert(membership)
			.values({ userId: id, organisationId: pcnId, role: member.role })
			.onConflictDoNothing();
		if (member.role !== 'pcn_manager') staffIds.push(id);
	}
	const setupMs = performance.now() - started;
	const result = await seedHistory(db, {
		organisationId: pcnId,
		practiceIds,
		staffIds,
		patients: options.patients ?? 100_000,
		seed: LARGE_PCN.seed,
		nhsNumberStart: LARGE_PCN.nhsNumberStart,
		postcodeArea: LARGE_PCN.postcodeArea,
		today: options.today,
		onStep: options.onStep
	});
	return { ...result, organisationId: pcnId, setupMs };
}

/** How many people Large PCN has, or null when it does not exist. */
export async function largePcnPatients(
	db: Db
): Promise<{ organisationId: string; patients: number } | null> {
	const [row] = await rows<{ id: string; patients: number | string }>(
		db,
		sql`select o.id, (select count(*) from patient p where p.organisation_id = o.id) as patients
			from organisation o where o.ods_code = ${LARGE_PCN.odsCode}`
	);
	return row ? { organisationId: row.id, patients: Number(row.patients) } : null;
}

async function ensureOrganisation(
	db: Db,
	practice?: { name: string; odsCode: string; parentId: string }
): Promise<string> {
	const values = practice
		? { kind: 'practice' as const, ...practice }
		: { kind: 'pcn' as const, name: LARGE_PCN.name, odsCode: LARGE_PCN.odsCode };
	await db.insert(organisation).values(values).onConflictDoNothing();
	const [{ id }] = await db
		.select({ id: organisation.id })
		.from(organisation)
		.where(and(eq(organisation.odsCode, values.odsCode), eq(organisation.kind, values.kind)));
	return id;
}

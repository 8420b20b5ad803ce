import { and, eq } from 'drizzle-orm';
import { frailtyCategory } from '../../domain/frailty';
import type { AccessibleFormat } from '../../domain/patients';
import { mayCoordinateCare, type Role } from '../../domain/roles';
import { hashPassword } from '../auth';
import type { Db } from '../db';
import {
	caseloadEpisode,
	membership,
	organisation,
	patient,
	personalContact,
	user
} from '../db/schema';
import { seedDemoMeetings } from './meetings';
import { seedDemoReferrals } from './referrals';
import { seedDemoServices } from './services';
import { seedDemoContacts } from './contacts';
import { seedDemoOutcomes } from './outcomes';
import { seedDemoSafeguarding } from './safeguarding';
import { seedDemoCarePlans } from './care-plans';
import { syntheticPatients } from './population';

/** Demo only: never created outside `npm run demo` and the tests. */
export const DEMO_PASSWORD = 'demo-password-2026';

type DemoPcn = {
	name: string;
	odsCode: string;
	practices: { name: string; odsCode: string }[];
	users: { email: string; name: string; role: Role }[];
	patients: { seed: number; count: number; postcodeArea: string; nhsNumberStart: number };
};

export const DEMO_PCNS: DemoPcn[] = [
	{
		name: 'Riverside PCN',
		odsCode: 'U99901',
		practices: [
			{ name: 'Riverside Medical Centre', odsCode: 'Y99911' },
			{ name: 'Bridge Street Surgery', odsCode: 'Y99912' },
			{ name: 'Meadow Lane Practice', odsCode: 'Y99913' }
		],
		users: [
			{ email: 'coordinator@riverside.test', name: 'Priya Shah', role: 'care_coordinator' },
			{ email: 'gp@riverside.test', name: 'Dr Tom Okafor', role: 'gp' },
			{
				email: 'linkworker@riverside.test',
				name: 'Megan Hughes',
				role: 'social_prescribing_link_worker'
			},
			{ email: 'coach@riverside.test', name: 'Sam Whitfield', role: 'health_wellbeing_coach' },
			{ email: 'nurse@riverside.test', name: 'Aisha Begum', role: 'practice_nurse' },
			{ email: 'pharmacist@riverside.test', name: 'Daniel Kowalski', role: 'pharmacist' },
			{ email: 'admin@riverside.test', name: 'Claire Donnelly', role: 'admin' },
			{ email: 'manager@riverside.test', name: 'Mark Pennington', role: 'pcn_manager' },
			{ email: 'observer@riverside.test', name: 'Ruth Adeyemi', role: 'observer' }
		],
		patients: { seed: 2026, count: 80, postcodeArea: 'RV1', nhsNumberStart: 9990000000 }
	},
	{
		name: 'Hillside PCN',
		odsCode: 'U99902',
		practices: [
			{ name: 'Hillside Health Centre', odsCode: 'Y99921' },
			{ name: 'Quarry Road Surgery', odsCode: 'Y99922' }
		],
		users: [
			{ email: 'coordinator@hillside.test', name: 'Jordan Ellis', role: 'care_coordinator' },
			{ email: 'gp@hillside.test', name: 'Dr Fiona Grant', role: 'gp' }
		],
		patients: { seed: 4052, count: 20, postcodeArea: 'HS2', nhsNumberStart: 9995000000 }
	}
];

/**
 * Seeds the synthetic Riverside and Hillside PCNs. Idempotent: rows that exist (by ODS code,
 * email or NHS number) are left as they are, so it is safe on every start of the demo.
 */
export async function seedDemo(db: Db): Promise<{ patients: number; users: number }> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	let patients = 0;
	let users = 0;
	for (const pcn of DEMO_PCNS) {
		await db.transaction(async (tx) => {
			await tx
				.insert(organisation)
				.values({ kind: 'pcn', name: pcn.name, odsCode: pcn.odsCode })
				.onConflictDoNothing();
			const [{ id: pcnId }] = await tx
				.select({ id: organisation.id })
				.from(organisation)
				.where(eq(organisation.odsCode, pcn.odsCode));
			await tx
				.insert(organisation)
				.values(pcn.practices.map((p) => ({ kind: 'practice' as const, parentId: pcnId, ...p })))
				.onConflictDoNothing();
			const practices = await tx
				.select({ id: organisation.id, odsCode: organisation.odsCode })
				.from(organisation)
				.where(and(eq(organisation.parentId, pcnId), eq(organisation.kind, 'practice')));
			const practiceIds = new Map(practices.map((p) => [p.odsCode, p.id]));

			const createdUsers = await tx
				.insert(user)
				.values(pcn.users.map((u) => ({ email: u.email, name: u.name, passwordHash })))
				.onConflictDoNothing()
				.returning({ id: user.id, email: user.email });
			users += createdUsers.length;
			const roles = new Map(pcn.users.map((u) => [u.email, u.role]));
			if (createdUsers.length > 0) {
				await tx
					.insert(membership)
					.values(
						createdUsers.map((u) => ({
							userId: u.id,
							organisationId: pcnId,
							role: roles.get(u.email)!
						}))
					)
					.onConflictDoNothing();
			}

			const people = syntheticPatients({
				...pcn.patients,
				practiceOds: pcn.practices.map((p) => p.odsCode)
			});
			const coordinatorEmail = pcn.users.find((u) => mayCoordinateCare(u.role))?.email;
			const [coordinator] = coordinatorEmail
				? await tx.select({ id: user.id }).from(user).where(eq(user.email, coordinatorEmail))
				: [];
			const inserted = await tx
				.insert(patient)
				.values(
					people.map(({ contacts: _contacts, practiceOds, ...person }) => ({
						...person,
						...communicationNeedsOf(person.nhsNumber),
						organisationId: pcnId,
						practiceId: practiceIds.get(practiceOds)!,
						// The core cohort (moderate or severe frailty) has a named coordinator.
						assignedCoordinatorId: coordinator && onCaseload(person) ? coordinator.id : null
					}))
				)
				.onConflictDoNothing()
				.returning({ id: patient.id, nhsNumber: patient.nhsNumber });
			patients += inserted.length;
			if (inserted.length === 0) return;
			const byNhsNumber = new Map(people.map((p) => [p.nhsNumber, p]));
			const contacts = inserted.flatMap((row) =>
				byNhsNumber.get(row.nhsNumber)!.contacts.map((c) => ({
					...c,
					organisationId: pcnId,
					patientId: row.id
				}))
			);
			if (contacts.length > 0) await tx.insert(personalContact).values(contacts);
			const episodes = inserted.flatMap((row) =>
				demoEpisodes(byNhsNumber.get(row.nhsNumber)!, row.id, pcnId)
			);
			if (episodes.length > 0) await tx.insert(caseloadEpisode).values(episodes);
		});
		const [{ id: pcnId }] = await db
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.odsCode, pcn.odsCode));
		await seedDemoMeetings(db, pcnId, pcn.name);
		await seedDemoReferrals(db, pcnId, pcn.odsCode);
		await seedDemoServices(db, pcnId, pcn.odsCode);
		await seedDemoContacts(db, pcnId, pcn.odsCode);
		await seedDemoOutcomes(db, pcnId);
		await seedDemoSafeguarding(db, pcnId);
		await seedDemoCarePlans(db, pcnId);
	}
	return { patients, users };
}

/**
 * Some people's communication needs, fixed by their NHS number (so that the seeded population's
 * random draws, and every demo figure built on them, stay as they were).
 */
function communicationNeedsOf(nhsNumber: string) {
	const n = Number(nhsNumber.slice(-4));
	const formats: AccessibleFormat[] =
		n % 7 === 0 ? ['large_print'] : n % 11 === 0 ? ['easy_read'] : [];
	return {
		interpreterLanguage: n % 13 === 0 ? ['Polish', 'Urdu', 'Bengali'][n % 3] : null,
		accessibleFormats: formats,
		contactPreferences: n % 5 === 0 ? 'Mornings are best; happy for a message to be left' : null
	};
}

/** `days` before today, as `YYYY-MM-DD`. */
function daysAgo(days: number, today = new Date()): string {
	return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Most of the core cohort (moderate or severe frailty) is on the caseload; one in five is not
 * yet, for the proactive identification list to find.
 */
function onCaseload(person: { nhsNumber: string; efiDeficits: number }): boolean {
	const frailty = frailtyCategory(person.efiDeficits);
	return (
		(frailty === 'moderate' || frailty === 'severe') && Number(person.nhsNumber.slice(-4)) % 5 !== 0
	);
}

/**
 * The caseload: the moderately and severely frail are on it (some since a referral, most
 * proactively identified); some mildly frail people were, and were discharged with their goals
 * met. Everyone else is not on it, so that the proactive identification list has people.
 */
function demoEpisodes(
	person: { nhsNumber: string; efiDeficits: number },
	patientId: string,
	organisationId: string
): (typeof caseloadEpisode.$inferInsert)[] {
	const n = Number(person.nhsNumber.slice(-4));
	const frailty = frailtyCategory(person.efiDeficits);
	const base = { organisationId, patientId };
	if (onCaseload(person)) {
		return [
			{
				...base,
				openedOn: daysAgo(20 + (n % 300)),
				openReason: n % 3 === 0 ? 'accepted_from_referral' : 'proactively_identified'
			}
		];
	}
	if (frailty === 'mild' && n % 4 === 0) {
		return [
			{
				...base,
				openedOn: daysAgo(400 + (n % 100)),
				openReason: 'proactively_identified',
				closedOn: daysAgo(120 + (n % 60)),
				closeReason: 'goals_met'
			}
		];
	}
	return [];
}

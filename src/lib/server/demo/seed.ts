import { and, eq } from 'drizzle-orm';
import { syntheticPatients } from '../../domain/demo-data';
import type { Role } from '../../domain/roles';
import { hashPassword } from '../auth';
import type { Db } from '../db';
import { membership, organisation, patient, personalContact, user } from '../db/schema';
import { seedDemoMeetings } from './meetings';

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
			{ email: 'linkworker@riverside.test', name: 'Megan Hughes', role: 'social_prescribing_link_worker' },
			{ email: 'coach@riverside.test', name: 'Sam Whitfield', role: 'health_wellbeing_coach' },
			{ email: 'nurse@riverside.test', name: 'Aisha Begum', role: 'practice_nurse' },
			{ email: 'pharmacist@riverside.test', name: 'Daniel Kowalski', role: 'pharmacist' },
			{ email: 'admin@riverside.test', name: 'Claire Donnelly', role: 'admin' },
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
					.values(createdUsers.map((u) => ({ userId: u.id, organisationId: pcnId, role: roles.get(u.email)! })))
					.onConflictDoNothing();
			}

			const people = syntheticPatients({
				...pcn.patients,
				practiceOds: pcn.practices.map((p) => p.odsCode)
			});
			const inserted = await tx
				.insert(patient)
				.values(
					people.map(({ contacts: _contacts, practiceOds, ...person }) => ({
						...person,
						organisationId: pcnId,
						practiceId: practiceIds.get(practiceOds)!
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
		});
		const [{ id: pcnId }] = await db
			.select({ id: organisation.id })
			.from(organisation)
			.where(eq(organisation.odsCode, pcn.odsCode));
		await seedDemoMeetings(db, pcnId, pcn.name);
	}
	return { patients, users };
}

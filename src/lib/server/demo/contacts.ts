/**
 * The demo's contacts, appointments and personalised care (issue 10, item 8): for the people on
 * the caseload, a year of calls, visits, messages and letters; appointments and follow-ups the
 * coordinator arranged (attended, missed, cancelled, and some to come, today's included, with
 * follow-ups after hospital discharges); some shared decisions and personal health budgets.
 * Synthetic, deterministic (seeded randomness; dates relative to today), seeded once per PCN.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { AppointmentKind, ContactKind } from '../../domain/contact-log';
import { fromLondonTime } from '../../domain/london-time';
import { mayCoordinateCare, type Role } from '../../domain/roles';
import type { Db } from '../db';
import {
	appointment,
	caseloadEpisode,
	contactLog,
	healthBudget,
	membership,
	patient,
	sharedDecision
} from '../db/schema';
import { createRandom } from './random';

const DAY = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The PCNs given this demo, by ODS code, with each one's seed. */
const DEMO_SEEDS: Record<string, number> = { U99901: 7101, U99902: 7102 };

const CONTACTS: readonly [ContactKind, string, string][] = [
	['call', 'the patient', 'Checked in after the MDT; agreed next steps and who will ring whom'],
	['call', 'daughter', 'Talked through the new medicines routine; pharmacy delivery arranged'],
	['visit', 'the patient', 'Home visit: reviewed what matters to them and the plan together'],
	['message', 'the patient', 'Sent a reminder of Thursday’s appointment and the transport time'],
	['letter', 'the patient', 'Wrote with the plan in large print, as asked'],
	['call', 'district nurse', 'Shared concerns about pressure areas; nurse to visit this week'],
	['call', 'son', 'Carer feeling the strain; offered a carer’s assessment and the carers’ centre'],
	['visit', 'the patient and carer', 'Joint visit with the link worker about getting out more']
];

const APPOINTMENTS: readonly [AppointmentKind, string, string][] = [
	['discharge_follow_up', 'Falls clinic', 'Riverside Community Hospital'],
	['follow_up', 'Dr Tom Okafor (GP)', 'Meadow Lane Practice'],
	['appointment', 'Memory assessment service', 'Riverside Community Hospital, outpatients'],
	['appointment', 'Heart failure nurse', 'Bridge Street Practice'],
	['follow_up', 'Practice pharmacist (medicines review)', 'By telephone']
];

/** Staff of the PCN: its first care coordinator (who arranged everything), by role. */
async function coordinatorOf(db: Db, organisationId: string): Promise<string | null> {
	const members = await db
		.select({ id: membership.userId, role: membership.role })
		.from(membership)
		.where(eq(membership.organisationId, organisationId));
	return members.find((m) => mayCoordinateCare(m.role as Role))?.id ?? null;
}

/** A London wall-clock time `daysFromToday` away, at `hour`:`minute`. */
function at(today: number, daysFromToday: number, hour: number, minute = 0): Date {
	const date = isoDay(today + daysFromToday * DAY);
	const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
	return fromLondonTime(date, time) ?? new Date(today + daysFromToday * DAY + hour * 3_600_000);
}

export async function seedDemoContacts(db: Db, organisationId: string, pcnOdsCode: string) {
	const seed = DEMO_SEEDS[pcnOdsCode];
	if (seed === undefined) return;
	const [existing] = await db
		.select({ id: contactLog.id })
		.from(contactLog)
		.where(eq(contactLog.organisationId, organisationId))
		.limit(1);
	if (existing) return;
	const coordinatorId = await coordinatorOf(db, organisationId);
	if (!coordinatorId) return;
	const people = await db
		.select({ id: patient.id, discharged: patient.lastDischargeDate })
		.from(patient)
		.innerJoin(
			caseloadEpisode,
			and(eq(caseloadEpisode.patientId, patient.id), isNull(caseloadEpisode.closedOn))
		)
		.where(eq(patient.organisationId, organisationId))
		.orderBy(patient.nhsNumber);
	if (people.length === 0) return;
	const random = createRandom(seed);
	const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
	const base = { organisationId };

	const contacts: (typeof contactLog.$inferInsert)[] = [];
	const appointments: (typeof appointment.$inferInsert)[] = [];
	const decisions: (typeof sharedDecision.$inferInsert)[] = [];
	const budgets: (typeof healthBudget.$inferInsert)[] = [];
	people.forEach((person, index) => {
		// Some have had no contact for a while: the worklist's "no contact for N days" finds them.
		const quiet = random.chance(0.2);
		for (let i = 0, n = random.int(2, 6); i < n; i++) {
			const [kind, withWhom, summary] = random.pick(CONTACTS);
			contacts.push({
				...base,
				patientId: person.id,
				occurredAt: at(
					today,
					-random.int(quiet ? 45 : 1, 360),
					random.int(9, 16),
					random.pick([0, 15, 30, 45])
				),
				kind,
				withWhom,
				summary,
				durationMinutes: kind === 'call' || kind === 'visit' ? random.int(5, 60) : null,
				by: coordinatorId
			});
		}
		const add = (daysFromToday: number, chosen: readonly [AppointmentKind, string, string]) => {
			const startsAt = at(today, daysFromToday, random.int(9, 15), random.pick([0, 30]));
			const past = daysFromToday < 0;
			appointments.push({
				...base,
				patientId: person.id,
				kind: chosen[0],
				startsAt,
				durationMinutes: random.pick([20, 30, 45, 60]),
				withWhom: chosen[1],
				location: chosen[2],
				accessNeeds: random.chance(0.4)
					? random.pick(['Hospital transport booked', 'Wheelchair access', 'Daughter to attend'])
					: null,
				remindAt: past ? null : new Date(startsAt.getTime() - DAY),
				status: past
					? random.weighted([
							['attended', 8],
							['did_not_attend', 1],
							['cancelled', 1]
						] as const)
					: 'booked',
				coordinatorId
			});
		};
		for (let i = 0, n = random.int(0, 3); i < n; i++)
			add(-random.int(3, 300), random.pick(APPOINTMENTS));
		// A few have appointments to come, some today, so the coordinator's day view has them.
		if (index % 4 === 0) add(index % 8 === 0 ? 0 : random.int(1, 21), random.pick(APPOINTMENTS));
		if (person.discharged) add(random.int(1, 7), APPOINTMENTS[0]);
		if (index % 6 === 1) {
			decisions.push({
				...base,
				patientId: person.id,
				decision: random.pick([
					'Whether to have a knee replacement',
					'Whether to start statins',
					'Where to be cared for at the end of life',
					'Whether to have cataract surgery'
				]),
				decisionSupportTool: random.chance(0.7) ? 'NHS decision support tool shared' : null,
				preparedOn: isoDay(today - random.int(7, 200) * DAY),
				outcome: random.chance(0.6)
					? 'Decided together with the GP after talking it through'
					: null,
				by: coordinatorId
			});
		}
		if (index % 9 === 2) {
			budgets.push({
				...base,
				patientId: person.id,
				status: 'discussed',
				recordedOn: isoDay(today - 150 * DAY),
				by: coordinatorId
			});
			budgets.push({
				...base,
				patientId: person.id,
				status: random.pick(['eligible', 'in_place'] as const),
				recordedOn: isoDay(today - random.int(20, 100) * DAY),
				amountPence: random.int(12, 60) * 10_000,
				reviewOn: isoDay(today + random.int(30, 180) * DAY),
				by: coordinatorId
			});
		}
	});
	await db.transaction(async (tx) => {
		if (contacts.length) await tx.insert(contactLog).values(contacts);
		if (appointments.length) await tx.insert(appointment).values(appointments);
		if (decisions.length) await tx.insert(sharedDecision).values(decisions);
		if (budgets.length) await tx.insert(healthBudget).values(budgets);
	});
}

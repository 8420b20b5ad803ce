/**
 * A synthetic service history for a PCN: its people and two years (by default) of referrals,
 * first contacts, triage, caseload episodes, contacts, appointments, outcome measures, social
 * prescribing and MDT meetings with their actions, for the service reports (issue 12) to have
 * something to show — inequalities included — and for their benchmark to run at 100,000 people.
 *
 * Set-based: each table is one `insert … select` over `generate_series`, drawing its numbers
 * from a seeded hash of each row's key (history-sql.ts), so a seed gives the same people and
 * events on PostgreSQL and PGlite, and a million rows take minutes, not hours. One transaction:
 * a history is there whole or not at all. Nobody is real: NHS numbers are in the 999 range.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { mayBeAssigned, mayChair, mayCoordinateCare, type Role } from '../../domain/roles';
import type { Db } from '../db';
import { membership, organisation, user } from '../db/schema';
import {
	insertAppointments,
	insertContacts,
	insertMeasures,
	insertServiceReferrals,
	insertServices
} from './history-care';
import {
	createItems,
	createMeetings,
	insertActions,
	insertItems,
	insertMeetings,
	planSeries
} from './history-meetings';
import { insertPatients } from './history-patients';
import {
	assignCoordinator,
	createSpells,
	insertAttempts,
	insertEpisodes,
	insertReferrals
} from './history-referrals';
import { execute, historyPatients, rows, type HistoryPlan } from './history-sql';

export type HistoryOptions = {
	organisationId: string;
	practiceIds: string[];
	/** Clinical users who own the work; the first is the care coordinator (most of it). */
	staffIds: string[];
	patients: number;
	/** NHS numbers are issued above this one (999…); it also marks the history's people. */
	nhsNumberStart: number;
	/** How far back the history goes (24 months). */
	months?: number;
	seed?: number;
	/** Events end the day before this one (`YYYY-MM-DD`, default today). */
	today?: string;
	/** Postcodes' outward codes: this and the practice's number ("LP" gives LP1, LP2…). */
	postcodeArea?: string;
	/** Told of each step as it finishes (for a progress line). */
	onStep?: (step: HistoryStep) => void;
};

export type HistoryStep = { name: string; rows: number; ms: number };

export type HistoryResult = {
	/** True when the organisation already had this history's people: nothing was added. */
	skipped: boolean;
	patients: number;
	/** Rows of referrals, attempts, episodes, contacts, appointments, measures, referrals to services, meetings, agenda items and actions. */
	events: number;
	steps: HistoryStep[];
};

const EVENT_STEPS = new Set([
	'referrals',
	'contact attempts',
	'caseload episodes',
	'contacts',
	'appointments',
	'outcome measures',
	'service referrals',
	'meetings',
	'agenda items',
	'actions'
]);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The first and last day of events: `months` before `today`, and the day before `today`. */
export function historyPeriod(today: string, months: number): { start: string; end: string } {
	const [y, m, d] = today.split('-').map(Number);
	if (!y || !m || !d) throw new RangeError(`Not a date: ${today}`);
	return {
		start: isoDay(new Date(Date.UTC(y, m - 1 - months, d))),
		end: isoDay(new Date(Date.UTC(y, m - 1, d - 1)))
	};
}

/** Seeds the history once: nothing is added when the organisation already has its people. */
export async function seedHistory(db: Db, options: HistoryOptions): Promise<HistoryResult> {
	const months = options.months ?? 24;
	if (!Number.isInteger(options.patients) || options.patients < 1) {
		throw new RangeError('patients must be a whole number ≥ 1');
	}
	if (!Number.isInteger(months) || months < 6) throw new RangeError('months must be 6 or more');
	if (options.practiceIds.length === 0 || options.staffIds.length === 0) {
		throw new RangeError('A history needs practices and staff');
	}
	const plan: HistoryPlan = {
		organisationId: options.organisationId,
		practiceIds: options.practiceIds,
		staffIds: options.staffIds,
		seed: options.seed ?? 1,
		...historyPeriod(options.today ?? isoDay(new Date()), months),
		nhsNumberStart: options.nhsNumberStart,
		patients: options.patients,
		postcodeArea: options.postcodeArea ?? 'ZZ'
	};
	const [present] = await rows<{ one: number }>(
		db,
		sql`select 1 as one from patient p where ${historyPatients(plan)} limit 1`
	);
	if (present) return { skipped: true, patients: 0, events: 0, steps: [] };

	const names = await seriesNames(db, plan);
	const perPractice = names.length > 1;
	const { series, intervalDays } = planSeries(plan, names);
	const steps: HistoryStep[] = [];
	await db.transaction(async (tx) => {
		const work = tx as unknown as Db;
		// A working table's statement reports no rows: its rows are counted after.
		const step = async (name: string, statements: SQL | SQL[], workingTable?: string) => {
			const started = performance.now();
			let count = 0;
			for (const statement of [statements].flat()) count += await execute(work, statement);
			if (workingTable) {
				const [{ n }] = await rows<{ n: number }>(
					work,
					sql`select count(*)::int as n from ${sql.identifier(workingTable)}`
				);
				count = n;
			}
			const done = { name, rows: count, ms: performance.now() - started };
			steps.push(done);
			options.onStep?.(done);
			return count;
		};
		const added = await step('patients', insertPatients(plan));
		if (added !== plan.patients) {
			throw new Error(`Issued ${added} NHS numbers for ${plan.patients} patients`);
		}
		await step('spells (working table)', createSpells(plan), 'history_spell');
		await step('referrals', insertReferrals(plan));
		await step('contact attempts', insertAttempts(plan));
		await step('caseload episodes', insertEpisodes(plan));
		await step('named coordinators', assignCoordinator(plan));
		await step('contacts', insertContacts(plan));
		await step('appointments', insertAppointments(plan));
		await step('outcome measures', insertMeasures(plan));
		await step('community services', insertServices(plan));
		await step('service referrals', insertServiceReferrals(plan));
		await step(
			'meetings planned (working table)',
			createMeetings(plan, series, intervalDays),
			'history_meeting'
		);
		const [meetings, ...invitedAndAttended] = insertMeetings(plan);
		await step('meetings', meetings);
		await step('invitees and attendance', invitedAndAttended);
		await step(
			'discussions (working table)',
			createItems(plan, perPractice, intervalDays),
			'history_item'
		);
		await step('agenda items', insertItems(plan));
		await step('actions', insertActions(plan));
	});
	return {
		skipped: false,
		patients: plan.patients,
		events: steps.filter((s) => EVENT_STEPS.has(s.name)).reduce((sum, s) => sum + s.rows, 0),
		steps
	};
}

/**
 * One series per practice in a PCN large enough to fill their meetings ("<practice> MDT"), else
 * one for the PCN ("<PCN> neighbourhood MDT").
 */
async function seriesNames(db: Db, plan: HistoryPlan): Promise<string[]> {
	if (plan.patients >= 10_000 && plan.practiceIds.length > 1) {
		const practices = await db
			.select({ id: organisation.id, name: organisation.name })
			.from(organisation)
			.where(inArray(organisation.id, plan.practiceIds));
		const name = new Map(practices.map((p) => [p.id, p.name]));
		return plan.practiceIds.map((id) => `${name.get(id) ?? id} MDT`);
	}
	const [pcn] = await db
		.select({ name: organisation.name })
		.from(organisation)
		.where(eq(organisation.id, plan.organisationId));
	return [`${(pcn?.name ?? 'PCN').replace(/ PCN$/, '')} neighbourhood MDT`];
}

/**
 * The staff a PCN's history is given: its care coordinator first, then the members who may
 * chair, then the others who may be assigned actions (each group by email, so the choice is
 * the same on every run).
 */
export async function historyStaff(db: Db, organisationId: string): Promise<string[]> {
	const members = await db
		.select({ id: user.id, role: membership.role })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.organisationId, organisationId), eq(user.active, true)))
		.orderBy(asc(user.email));
	const rank = (role: Role) =>
		mayCoordinateCare(role) ? 0 : mayChair(role) ? 1 : mayBeAssigned(role) ? 2 : 3;
	const sorted = [...members].sort((a, b) => rank(a.role) - rank(b.role));
	return sorted.filter((m) => rank(m.role) < 3).map((m) => m.id);
}

/** The practices of a PCN, by ODS code. */
export async function practicesOf(db: Db, organisationId: string): Promise<string[]> {
	const practices = await db
		.select({ id: organisation.id })
		.from(organisation)
		.where(and(eq(organisation.parentId, organisationId), eq(organisation.kind, 'practice')))
		.orderBy(asc(organisation.odsCode));
	return practices.map((p) => p.id);
}

/** The demo's history: 1,500 people of Riverside PCN and two years of their care. */
export const DEMO_HISTORY = { patients: 1500, seed: 2027, nhsNumberStart: 9991000000 } as const;

/**
 * Seeds the demo PCN's history once (seconds): the lead's `npm run demo` calls it for Riverside.
 * Skipped when its people are already there, or the PCN has no practices or clinical staff.
 */
export async function seedDemoHistory(
	db: Db,
	organisationId: string,
	options: { today?: string; postcodeArea?: string } = {}
): Promise<HistoryResult> {
	const practiceIds = await practicesOf(db, organisationId);
	const staffIds = await historyStaff(db, organisationId);
	if (practiceIds.length === 0 || staffIds.length === 0) {
		return { skipped: true, patients: 0, events: 0, steps: [] };
	}
	return seedHistory(db, {
		organisationId,
		practiceIds,
		staffIds,
		...DEMO_HISTORY,
		postcodeArea: options.postcodeArea ?? 'RV',
		today: options.today
	});
}

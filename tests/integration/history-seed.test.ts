/**
 * The synthetic service history (npm run seed:large, the demo's history): every row it writes is
 * one the app could have written — valid NHS numbers, one open episode a person, first contacts
 * after referrals, completion times only on done actions, PAM levels that match their scores,
 * everything in the months before today — and a seed always gives the same history.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { pamLevel } from '../../src/lib/domain/measures';
import { isSyntheticNhsNumber, isValidNhsNumber } from '../../src/lib/domain/nhs-number';
import type { Db } from '../../src/lib/server/db';
import { historyPeriod, seedHistory, type HistoryOptions } from '../../src/lib/server/demo/history';
import { rows } from '../../src/lib/server/demo/history-sql';
import { describeEachDatabase } from './fixtures';
import { historyFingerprint, historyOrganisation } from './history-fixtures';

const TODAY = '2026-06-15';
const { start, end } = historyPeriod(TODAY, 24);
const HISTORY = { patients: 300, seed: 7, nhsNumberStart: 9993000000, today: TODAY, months: 24 };

describeEachDatabase('a synthetic service history', (db) => {
	let options: HistoryOptions;

	beforeAll(async () => {
		const organisation = await historyOrganisation(db(), 'A');
		options = { ...organisation, ...HISTORY };
		const result = await seedHistory(db(), options);
		expect(result.skipped).toBe(false);
		expect(result.patients).toBe(HISTORY.patients);
	});

	const query = <T>(statement: ReturnType<typeof sql>) => rows<T>(db() as Db, statement);
	const org = () => options.organisationId;

	it('gives everyone a valid, synthetic NHS number of their own', async () => {
		const people = await query<{ nhs_number: string }>(
			sql`select nhs_number from patient where organisation_id = ${org()}`
		);
		expect(people).toHaveLength(HISTORY.patients);
		expect(people.every((p) => isValidNhsNumber(p.nhs_number))).toBe(true);
		expect(people.every((p) => isSyntheticNhsNumber(p.nhs_number))).toBe(true);
		expect(new Set(people.map((p) => p.nhs_number)).size).toBe(HISTORY.patients);
	});

	it('has every kind of event, about ten a person', async () => {
		const counts = await query<Record<string, number>>(sql`select
			(select count(*)::int from referral where organisation_id = ${org()}) as referrals,
			(select count(*)::int from contact_attempt where organisation_id = ${org()}) as attempts,
			(select count(*)::int from caseload_episode where organisation_id = ${org()}) as episodes,
			(select count(*)::int from contact_log where organisation_id = ${org()}) as contacts,
			(select count(*)::int from outcome_measure where organisation_id = ${org()}) as measures,
			(select count(*)::int from service_referral where organisation_id = ${org()}) as services,
			(select count(*)::int from agenda_item where organisation_id = ${org()}) as items,
			(select count(*)::int from mdt_action where organisation_id = ${org()}) as actions`);
		for (const [kind, count] of Object.entries(counts[0])) expect(count, kind).toBeGreaterThan(0);
		const total = Object.values(counts[0]).reduce((sum, n) => sum + n, 0);
		expect(total / HISTORY.patients).toBeGreaterThan(5);
		expect(total / HISTORY.patients).toBeLessThan(20);
	});

	it('never has two episodes of a person open, or overlapping', async () => {
		const overlaps = await query<{ n: number }>(sql`select count(*)::int as n
			from caseload_episode a join caseload_episode b
				on a.patient_id = b.patient_id and a.id <> b.id and a.opened_on <= b.opened_on
			where a.organisation_id = ${org()}
				and (a.closed_on is null or a.closed_on >= b.opened_on)`);
		expect(overlaps[0].n).toBe(0);
		const open = await query<{ n: number }>(sql`select count(*)::int as n from caseload_episode
			where organisation_id = ${org()} and closed_on is null`);
		expect(open[0].n).toBeGreaterThan(0);
	});

	it('records a main need, makes first contact on or after the referral arrives, and triages after it', async () => {
		const wrong = await query<{ n: number }>(sql`select count(*)::int as n from referral
			where organisation_id = ${org()} and (first_contact_on < received_on
				or (triaged_at at time zone 'UTC')::date < coalesce(first_contact_on, received_on)
				or presenting_need is null
				or (outcome is null) <> (triaged_at is null)
				or (outcome = 'referred_on') <> (referred_on_to is not null))`);
		expect(wrong[0].n).toBe(0);
		const episodes = await query<{ accepted: number; linked: number }>(sql`select
			(select count(*)::int from referral where organisation_id = ${org()} and outcome = 'accepted') as accepted,
			(select count(*)::int from caseload_episode e join referral r on r.id = e.referral_id
				where e.organisation_id = ${org()} and r.outcome = 'accepted'
					and e.opened_on = (r.triaged_at at time zone 'UTC')::date) as linked`);
		expect(episodes[0].linked).toBe(episodes[0].accepted);
	});

	it('records a completion time on done actions, and only on them', async () => {
		const actions = await query<{ status: string; done: boolean; after: boolean }>(sql`
			select status, completed_at is not null as done, completed_at >= created_at as after
			from mdt_action where organisation_id = ${org()}`);
		expect(actions.every((a) => a.done === (a.status === 'done'))).toBe(true);
		expect(actions.filter((a) => a.done).every((a) => a.after)).toBe(true);
		expect(actions.some((a) => a.status === 'done')).toBe(true);
		expect(actions.some((a) => a.status === 'open' || a.status === 'in_progress')).toBe(true);
	});

	it('gives each PAM score the level of its band, and ONS4 four whole answers', async () => {
		const measures = await query<{
			kind: string;
			pam_score: number | null;
			pam_level: number | null;
			ons4: Record<string, number> | null;
		}>(
			sql`select kind, pam_score, pam_level, ons4 from outcome_measure where organisation_id = ${org()}`
		);
		const pam = measures.filter((m) => m.kind === 'pam');
		expect(pam.length).toBeGreaterThan(0);
		for (const m of pam) expect(m.pam_level).toBe(pamLevel(m.pam_score!));
		const ons4 = measures.filter((m) => m.kind === 'ons4');
		expect(ons4.length).toBeGreaterThan(0);
		for (const { ons4: answers } of ons4) {
			expect(Object.keys(answers!).sort()).toEqual([
				'anxious',
				'happy',
				'lifeSatisfaction',
				'worthwhile'
			]);
			for (const value of Object.values(answers!)) {
				expect(Number.isInteger(value) && value >= 0 && value <= 10).toBe(true);
			}
		}
	});

	it('dates every event within the months before today', async () => {
		const ranges = await query<{ what: string; first: string; last: string }>(sql`
			select what, min(d)::text as first, max(d)::text as last from (
				select 'received' as what, received_on as d from referral where organisation_id = ${org()}
				union all select 'first contact', first_contact_on from referral where organisation_id = ${org()}
				union all select 'triaged', (triaged_at at time zone 'UTC')::date from referral where organisation_id = ${org()}
				union all select 'attempt', (attempted_at at time zone 'UTC')::date from contact_attempt where organisation_id = ${org()}
				union all select 'opened', opened_on from caseload_episode where organisation_id = ${org()}
				union all select 'closed', closed_on from caseload_episode where organisation_id = ${org()}
				union all select 'contact', (occurred_at at time zone 'UTC')::date from contact_log where organisation_id = ${org()}
				union all select 'appointment', (starts_at at time zone 'UTC')::date from appointment where organisation_id = ${org()}
				union all select 'measure', recorded_on from outcome_measure where organisation_id = ${org()}
				union all select 'sent', sent_on from service_referral where organisation_id = ${org()}
				union all select 'meeting', (ended_at at time zone 'UTC')::date from meeting where organisation_id = ${org()}
				union all select 'action', (created_at at time zone 'UTC')::date from mdt_action where organisation_id = ${org()}
				union all select 'completed', (completed_at at time zone 'UTC')::date from mdt_action where organisation_id = ${org()}
			) event where d is not null group by what`);
		expect(ranges).toHaveLength(13);
		for (const range of ranges) {
			expect(range.first >= start, `${range.what} from ${range.first}`).toBe(true);
			expect(range.last <= end, `${range.what} to ${range.last}`).toBe(true);
		}
	});

	it('is seeded once: again, it adds nothing', async () => {
		const count = async () =>
			(
				await query<{ n: number }>(
					sql`select count(*)::int as n from referral where organisation_id = ${org()}`
				)
			)[0].n;
		const before = await count();
		expect((await seedHistory(db(), options)).skipped).toBe(true);
		expect(await count()).toBe(before);
	});

	it('is the same history for the same seed, and another for another', async () => {
		const same = { ...(await historyOrganisation(db(), 'B')), ...HISTORY };
		await seedHistory(db(), same);
		const other = { ...(await historyOrganisation(db(), 'C')), ...HISTORY, seed: 8 };
		await seedHistory(db(), other);
		const fingerprint = await historyFingerprint(db(), options);
		expect(await historyFingerprint(db(), same)).toEqual(fingerprint);
		const another = await historyFingerprint(db(), other);
		expect(another.patient).not.toBe(fingerprint.patient);
		expect(another.referral).not.toBe(fingerprint.referral);
	});
});

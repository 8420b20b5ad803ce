/**
 * What happens during a service history's caseload episodes (history.ts): the coordinator's
 * contacts, appointments, outcome measures (PAM rising over an episode, less so for the most
 * deprived, people of minority ethnic groups and the oldest; ONS4 at the start, middle and end)
 * and social prescribing referrals to the PCN's directory of community services.
 */
import { sql, type SQL } from 'drizzle-orm';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '../../domain/community-services';
import {
	day,
	FENCE,
	literal,
	num,
	officeHours,
	pick,
	staff,
	textArray,
	uniform,
	uuid,
	weighted,
	type HistoryPlan
} from './history-sql';
import {
	HISTORY_APPOINTMENTS,
	HISTORY_CONTACTS,
	HISTORY_SERVICE_OUTCOMES,
	HISTORY_SERVICES
} from './history-vocabulary';

/** The spells with an episode, each with the last day it covers (`until`). */
function episodes(plan: HistoryPlan): SQL {
	return sql`(select *, coalesce(closed_on, ${day(plan.end)}) as until
		from history_spell where opened_on is not null) e`;
}

/** A day of the episode, for a uniform number `u`. */
const dayOfEpisode = (u: SQL) =>
	sql`(e.opened_on + floor(${u} * (e.until - e.opened_on + 1))::int)`;

/** A contact every three to nine days while an episode is open (at least one, at most 40). */
export function insertContacts(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`e.key * 100 + j`, salt);
	const byPerson = uniform(plan, sql`e.key`, 270);
	const which = sql`(1 + floor(${u(271)} * ${num(HISTORY_CONTACTS.length)})::int)`;
	return sql`
		insert into contact_log (organisation_id, patient_id, occurred_at, kind, with_whom, summary,
			duration_minutes, "by", created_at)
		select ${uuid(plan.organisationId)}, patient_id, occurred_at, kind::contact_kind, with_whom,
			summary, duration, worker, occurred_at
		from (
			select e.patient_id, ${officeHours(dayOfEpisode(u(272)), u(273))} as occurred_at,
				${weighted(sql`u_kind`, [
					['call', 55],
					['visit', 15],
					['message', 20],
					['letter', 10]
				])} as kind,
				(${textArray(HISTORY_CONTACTS.map((c) => c.withWhom))})[${which}] as with_whom,
				(${textArray(HISTORY_CONTACTS.map((c) => c.summary))})[${which}] as summary,
				(5 + floor(${u(274)} * 40))::smallint as duration,
				${staff(plan, u(275), 0.75)} as worker
			from ${episodes(plan)}
			cross join lateral generate_series(1, greatest(1, least(40,
				round((e.until - e.opened_on) / (3.0 + ${byPerson} * 6))))::int) j
			cross join lateral (select ${u(276)} as u_kind ${FENCE}) d
			${FENCE}
		) contact`;
}

/** Up to three past appointments an episode; the most deprived miss more of them. */
export function insertAppointments(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`e.key * 10 + j`, salt);
	const which = sql`(1 + floor(${u(281)} * ${num(HISTORY_APPOINTMENTS.length)})::int)`;
	return sql`
		insert into appointment (organisation_id, patient_id, kind, starts_at, duration_minutes,
			with_whom, location, status, coordinator_id, created_at, updated_at)
		select ${uuid(plan.organisationId)}, e.patient_id,
			${weighted(sql`u_kind`, [
				['appointment', 50],
				['follow_up', 35],
				['discharge_follow_up', 15]
			])}::appointment_kind,
			${officeHours(dayOfEpisode(u(282)), u(283))}, 30,
			(${textArray(HISTORY_APPOINTMENTS.map((a) => a.withWhom))})[${which}],
			(${textArray(HISTORY_APPOINTMENTS.map((a) => a.location))})[${which}],
			(case when e.deprived then ${weighted(sql`u_status`, [
				['attended', 70],
				['did_not_attend', 18],
				['cancelled', 12]
			])}
				else ${weighted(sql`u_status`, [
					['attended', 78],
					['did_not_attend', 9],
					['cancelled', 13]
				])} end)::appointment_status,
			${uuid(plan.staffIds[0])}, ${officeHours(sql`e.opened_on`, u(284))}, ${officeHours(sql`e.until`, u(284))}
		from ${episodes(plan)}
		cross join lateral generate_series(1, floor(${uniform(plan, sql`e.key`, 280)} * 4)::int) j
		cross join lateral (select ${u(285)} as u_kind, ${u(286)} as u_status ${FENCE}) d`;
}

/**
 * PAM every three months or so of an episode (four in five episodes measure it), from a start
 * that is lower where deprivation is higher, and ONS4 at the first, middle and last of them.
 */
export function insertMeasures(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`e.key * 10 + j`, salt);
	const per = (salt: number) => uniform(plan, sql`e.key`, salt);
	const person = uniform(plan, sql`e.k`, 290);
	const answer = (base: SQL, direction: number, salt: number) =>
		sql`least(10, greatest(0, round(${base} + ${num(direction)} * step + (${u(salt)} - 0.5) * 2)))::int`;
	return sql`
		with measured as (
			select e.patient_id, e.key, e.k, j, measures,
				e.opened_on + least(e.until - e.opened_on,
					3 + round(j * (e.until - e.opened_on - 3)::float8 / greatest(measures - 1, 1))::int) as recorded_on,
				${staff(plan, u(296), 0.6)} as worker, ${u(297)} as u_time,
				47 + (e.imd - 5) * 0.8 + (${person} - 0.5) * 20 + (e.spell - 1) * 2 as base,
				4.5 - 2.5 * e.deprived::int - 1.5 * e.minority::int - 1.5 * (e.age >= 85)::int
					+ (${per(298)} - 0.5) * 3 as gain,
				4 + ${per(299)} * 3 + (e.imd >= 6)::int as wellbeing,
				j::float8 / greatest(measures - 1, 1) * (2 - e.deprived::int) as step
			from (select *, least(6, 1 + (until - opened_on) / 90) as measures from ${episodes(plan)}) e
			cross join lateral generate_series(0, e.measures - 1) j
			where ${per(300)} < 0.8
		)
		insert into outcome_measure (organisation_id, patient_id, kind, recorded_on, pam_score,
			pam_level, ons4, recorded_by, created_at)
		select ${uuid(plan.organisationId)}, patient_id, kind::measure_kind, recorded_on,
			score::real,
			case when score is null then null when score <= 47.0 then 1 when score <= 55.1 then 2
				when score <= 67.0 then 3 else 4 end,
			ons4, worker, ${officeHours(sql`recorded_on`, sql`u_time`)}
		from (
			select e.patient_id, 'pam' as kind, recorded_on, worker, u_time, null::jsonb as ons4,
				round(least(100, greatest(0, base + j * gain + (${u(291)} - 0.5) * 6))::numeric, 1) as score
			from measured e
			union all
			select e.patient_id, 'ons4', recorded_on, worker, u_time,
				jsonb_build_object('lifeSatisfaction', ${answer(sql`wellbeing`, 1, 292)},
					'worthwhile', ${answer(sql`(wellbeing + 1)`, 1, 293)},
					'happy', ${answer(sql`wellbeing`, 1.2, 294)},
					'anxious', ${answer(sql`(10 - wellbeing)`, -1.5, 295)}), null
			from measured e
			where j = 0 or j = measures - 1 or j = (measures - 1) / 2
			${FENCE}
		) measure`;
}

/**
 * The PCN's directory: two services of each category, added only when the PCN has fewer than
 * ten active services of its own (the demo's PCNs keep the directory they have).
 */
export function insertServices(plan: HistoryPlan): SQL {
	const rows = HISTORY_SERVICES.map(
		(s, i) =>
			sql`(${literal(s.name)}, ${literal(s.category)}, ${literal(
				`Support with ${SERVICE_CATEGORY_LABELS[s.category].toLowerCase()}`
			)}, ${literal(`01632 960${String(200 + i).padStart(3, '0')}`)})`
	);
	return sql`
		insert into community_service (organisation_id, name, category, description, contact, area,
			capacity, last_checked_on)
		select ${uuid(plan.organisationId)}, name, category::service_category, description, contact,
			'Whole PCN', 'Taking referrals', ${day(plan.end)} - 30
		from (values ${sql.join(rows, sql`, `)}) v(name, category, description, contact)
		where (select count(*) from community_service
			where organisation_id = ${uuid(plan.organisationId)} and active) < 10`;
}

/** Up to two social prescribing referrals an episode, to any active service of the PCN. */
export function insertServiceReferrals(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`e.key * 10 + j`, salt);
	const reasons = SERVICE_CATEGORIES.map((category) => {
		const list = HISTORY_SERVICES.filter((s) => s.category === category).flatMap((s) => s.reasons);
		return sql`when ${literal(category)} then ${pick(sql`u_reason`, list)}`;
	});
	const outcomes = Object.entries(HISTORY_SERVICE_OUTCOMES).map(
		([status, text]) => sql`when ${literal(status)} then ${literal(text)}`
	);
	const recent = [
		['sent', 60],
		['accepted', 40]
	] as const;
	const under45 = (dna: number) =>
		[
			['accepted', 35],
			['attended', 35],
			['did_not_attend', dna],
			['declined', 10],
			['closed', 8]
		] as const;
	const older = (dna: number) =>
		[
			['attended', 42],
			['closed', 28],
			['did_not_attend', dna],
			['declined', 10],
			['accepted', 6]
		] as const;
	return sql`
		insert into service_referral (organisation_id, patient_id, service_id, sent_on, reason, status,
			outcome, "by", created_at, updated_at)
		select ${uuid(plan.organisationId)}, patient_id, service_id, sent_on,
			case category ${sql.join(reasons, sql` `)} end, status::service_referral_status,
			case status ${sql.join(outcomes, sql` `)} end, worker,
			${officeHours(sql`sent_on`, sql`u_reason`)}, ${officeHours(sql`sent_on`, sql`u_reason`)}
		from (
			select *,
				case when ${day(plan.end)} - sent_on < 14 then ${weighted(sql`u_status`, recent)}
					when ${day(plan.end)} - sent_on < 45 then (case when deprived
						then ${weighted(sql`u_status`, under45(20))} else ${weighted(sql`u_status`, under45(10))} end)
					when deprived then ${weighted(sql`u_status`, older(22))}
					else ${weighted(sql`u_status`, older(12))} end as status
			from (
				select e.patient_id, e.deprived, c.id as service_id, c.category::text as category,
					${sql`(e.opened_on + floor(${u(310)} * (e.until - e.opened_on + 1))::int)`} as sent_on,
					${u(311)} as u_status, ${u(312)} as u_reason, ${staff(plan, u(313), 0.5)} as worker
				from ${episodes(plan)}
				cross join (select array_agg(id order by name, id) as ids, count(*)::int as n
					from community_service
					where organisation_id = ${uuid(plan.organisationId)} and active) directory
				cross join lateral generate_series(1, floor(${uniform(plan, sql`e.key`, 314)} * 3)::int) j
				join community_service c on c.id = directory.ids[1 + floor(${u(315)} * directory.n)::int]
				${FENCE}
			) sent
			${FENCE}
		) referral`;
}

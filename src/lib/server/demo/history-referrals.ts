/**
 * The referral side of a service history (history.ts). Each person has up to three "spells" in
 * separate stretches of the period, so that their episodes never overlap: a referral (first
 * contact after some failed attempts, triage, and an episode if accepted) or a proactive episode.
 * The most deprived, and people of minority ethnic groups, are referred more, wait longer for a
 * first contact and fail to be reached more often: the inequalities a dashboard should show.
 */
import { sql, type SQL } from 'drizzle-orm';
import { REFERRAL_SOURCES } from '../../domain/referrals';
import {
	addWorkingDays,
	day,
	FENCE,
	historyPatients,
	literal,
	num,
	officeHours,
	pick,
	staff,
	uniform,
	uuid,
	weekdayOnOrAfter,
	weighted,
	type HistoryPlan
} from './history-sql';
import {
	HISTORY_ATTEMPT_NOTES,
	HISTORY_DECLINE_REASONS,
	HISTORY_OTHER_PROFESSIONALS,
	HISTORY_REASONS,
	HISTORY_REFERRERS,
	HISTORY_SIGNPOSTED_TO,
	NO_REPLY
} from './history-vocabulary';

const SOURCES_YOUNGER: [string, number][] = [
	['gp_practice', 38],
	['hospital_discharge', 10],
	['community_services', 12],
	['vcse', 14],
	['self', 16],
	['family_carer', 10]
];
const SOURCES_OLDER: [string, number][] = [
	['gp_practice', 34],
	['hospital_discharge', 26],
	['community_services', 16],
	['vcse', 7],
	['self', 5],
	['family_carer', 12]
];

const REASON_TEXTS = Object.fromEntries(
	Object.entries(HISTORY_REASONS).map(([source, list]) => [source, list.map(([text]) => text)])
);

/** The main need each reason would be recorded as. */
function needOf(reason: SQL): SQL {
	const cases = Object.values(HISTORY_REASONS)
		.flat()
		.map(([text, need]) => sql`when ${literal(text)} then ${literal(need)}`);
	return sql`(case ${reason} ${sql.join(cases, sql` `)} else 'other' end)::presenting_need`;
}

function bySource(lists: Record<string, readonly string[]>, u: SQL): SQL {
	const cases = REFERRAL_SOURCES.map((s) => sql`when ${literal(s)} then ${pick(u, lists[s])}`);
	return sql`(case source ${sql.join(cases, sql` `)} end)`;
}

/**
 * `history_spell`, a temporary table of every spell with what happened in it (dropped at the
 * end of the transaction): the facts each later statement inserts from.
 */
export function createSpells(plan: HistoryPlan): SQL {
	const days = (Date.parse(plan.end) - Date.parse(plan.start)) / 86_400_000 + 1;
	// Spells of 80 days at least (a spell's referral arrives 60 days before its end, or earlier).
	const maxSpells = Math.max(1, Math.min(3, Math.floor(days / 240)));
	const u = (salt: number) => uniform(plan, sql`key`, salt);
	const byPerson = (salt: number) => uniform(plan, sql`p.nhs_number::bigint`, salt);
	// Where a person's spells meet: evenly spread, each moved by up to 30% of a spell either way.
	const boundary = (r: SQL) => sql`(case when ${r} = 0 then ${day(plan.start)}
		when ${r} = spells then ${day(plan.end)} + 1
		else ${day(plan.start)} + floor(${num(days)} * (${r} + (${uniform(plan, sql`k * 10 + ${r}`, 119)} - 0.5) * 0.6)
			/ spells)::int end)`;
	return sql`
		create temp table history_spell on commit drop as
		select *,
			case when opened_on is null then null
				when last and opened_on + duration > ${day(plan.end)} then null
				when last then opened_on + duration
				else greatest(opened_on, least(opened_on + duration, window_end - 1)) end as closed_on
		from (
			select *,
				case when proactive then window_start
						+ floor(${u(120)} * (window_end - window_start - (case when last then 0 else 30 end)))::int
					when outcome = 'accepted' then triaged_on end as opened_on
			from (
				select *,
					case when triaged_on is null then null
						when no_reply then 'declined'
						else ${weighted(sql`u_outcome`, [
							['accepted', 55],
							['signposted', 22],
							['referred_on', 13],
							['declined', 10]
						])}
					end as outcome,
					${weighted(sql`u_onward`, [
						['social_prescribing_link_worker', 5],
						['health_wellbeing_coach', 3],
						['other_professional', 2]
					])} as onward
				from (
					select *,
						case when first_contact_on <= ${day(plan.end)} then first_contact_on end as contacted_on,
						case when t <= ${day(plan.end)} then t end as triaged_on
					from (
						select *,
							case when no_reply then ${addWorkingDays(sql`received_on`, sql`7`)}
								else first_contact_on + (case when ${u(121)} < 0.7 then 0 else floor(${u(122)} * 4)::int end)
							end as t
						from (
							select *,
								case when not no_reply then ${addWorkingDays(sql`received_on`, sql`wait`)} end as first_contact_on
							from (
								select *, failed = 3 as no_reply,
									least(25, floor(-ln(1 - ${u(123)}) * ((case urgency when 'urgent' then 1.0
										when 'soon' then 2.0 else 3.2 end) + 0.35 * (10 - imd) + 1.2 * minority::int
										+ 0.8 * failed)))::int as wait
								from (
									select *,
										${bySource(REASON_TEXTS, u(124))} as reason,
										${bySource(HISTORY_REFERRERS, u(125))} as referrer,
										${weighted(sql`u_urgency`, [
											['routine', 72],
											['soon', 20],
											['urgent', 8]
										])} as urgency
									from (
										select *,
											${weekdayOnOrAfter(sql`(window_start + floor(${u(126)} * (window_end - window_start - (case when last then 0 else 60 end)))::int)`)} as received_on,
											${u(127)} < 0.15 as proactive,
											(case when age >= 80 then ${weighted(sql`u_source`, SOURCES_OLDER)}
												else ${weighted(sql`u_source`, SOURCES_YOUNGER)} end) as source,
											least(3, floor(-ln(1 - ${u(128)}) * (0.4 + 0.06 * (10 - imd) + 0.2 * minority::int)))::int as failed,
											${u(129)} as u_outcome, ${u(130)} as u_onward, ${u(131)} as u_urgency,
											${weighted(sql`u_mode`, [
												['telephone', 80],
												['home_visit', 8],
												['face_to_face', 6],
												['video', 4],
												['letter', 2]
											])} as mode,
											21 + least(400, floor(-ln(1 - ${u(132)}) * 120))::int as duration,
											${staff(plan, u(133), 0.7)} as worker
										from (
											select *, ${u(134)} as u_source, ${u(135)} as u_mode
											from (
												select person.*, s as spell, s = spells as last, k * 10 + s as key,
													${boundary(sql`s - 1`)} as window_start, ${boundary(sql`s`)} - 1 as window_end
												from (
													select p.id as patient_id, p.practice_id, p.nhs_number::bigint as k,
														coalesce(p.imd_decile, 5) as imd, coalesce(p.imd_decile <= 3, false) as deprived,
														(p.ethnicity not like 'White%' and p.ethnicity <> 'Not stated') as minority,
														extract(year from age(${day(plan.end)}, p.date_of_birth))::int as age,
														coalesce(p.efi_deficits, 0) as efi,
														least(${num(maxSpells)},
															(${byPerson(190)} < least(0.85, 0.15 + 0.014 * coalesce(p.efi_deficits, 0)
																+ 0.025 * (10 - coalesce(p.imd_decile, 5))
																+ 0.05 * (extract(year from age(${day(plan.end)}, p.date_of_birth)) >= 80)::int))::int
															* (1 + (${byPerson(191)} < 0.3)::int * (1 + (${byPerson(192)} < 0.25)::int))) as spells
													from patient p
													where ${historyPatients(plan)}
													${FENCE}
												) person
												cross join lateral generate_series(1, person.spells) s
												${FENCE}
											) windowed
											${FENCE}
										) drawn
										${FENCE}
									) described
									${FENCE}
								) waited
								${FENCE}
							) contacted
							${FENCE}
						) triage
						${FENCE}
					) dated
					${FENCE}
				) triaged
				${FENCE}
			) decided
			${FENCE}
		) opened`;
}

/** The referrals of the spells that are not proactive. */
export function insertReferrals(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`key`, salt);
	return sql`
		insert into referral (organisation_id, patient_id, source, reason, presenting_need, urgency, referrer,
			received_on, first_contact_on, first_contact_mode, first_contact_by, outcome,
			outcome_detail, referred_on_to, triaged_at, triaged_by, created_by, created_at, updated_at)
		select ${uuid(plan.organisationId)}, patient_id, source::referral_source, reason, ${needOf(sql`reason`)},
			urgency::referral_urgency, referrer, received_on, contacted_on,
			case when contacted_on is not null then mode::contact_mode end,
			case when contacted_on is not null then worker end,
			outcome::triage_outcome,
			case outcome when 'signposted' then ${pick(u(140), HISTORY_SIGNPOSTED_TO)}
				when 'declined' then (case when no_reply then ${literal(NO_REPLY)}
					else ${pick(u(141), HISTORY_DECLINE_REASONS)} end)
				when 'referred_on' then (case when onward = 'other_professional'
					then ${pick(u(142), HISTORY_OTHER_PROFESSIONALS)} end) end,
			case when outcome = 'referred_on' then onward::referred_on_to end,
			case when outcome is not null then ${officeHours(sql`triaged_on`, u(143))} end,
			case when outcome is not null then worker end,
			${uuid(plan.staffIds[0])},
			${officeHours(sql`received_on`, u(144))}, ${officeHours(sql`coalesce(triaged_on, received_on)`, u(143))}
		from history_spell
		where not proactive`;
}

/**
 * Each attempt at a first contact: the failed ones spread over the wait, then the one that
 * succeeded; for a person never reached, three failed attempts two working days apart.
 */
export function insertAttempts(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`s.key * 10 + j`, salt);
	return sql`
		insert into contact_attempt (organisation_id, referral_id, attempted_at, mode, succeeded,
			note, "by", created_at)
		select ${uuid(plan.organisationId)}, referral_id, attempted_at, mode::contact_mode, succeeded, note,
			worker, attempted_at
		from (
			select r.id as referral_id, s.worker, j > s.failed as succeeded,
				case when j > s.failed then s.mode else 'telephone' end as mode,
				case when j > s.failed then 'Spoke with them; triage completed'
					else ${pick(u(150), HISTORY_ATTEMPT_NOTES)} end as note,
				(case when s.no_reply then ${addWorkingDays(sql`s.received_on`, sql`(j - 1) * 2`)}
					when j > s.failed then s.first_contact_on
					else ${addWorkingDays(sql`s.received_on`, sql`(j * s.wait / (s.failed + 1))`)} end)::timestamp
					+ make_interval(mins => 540 + (j - 1) * 100 + floor(${u(151)} * 90)::int) as local_time
			from history_spell s
			join referral r on r.organisation_id = ${uuid(plan.organisationId)}
				and r.patient_id = s.patient_id and r.received_on = s.received_on
			cross join lateral generate_series(1, s.failed + (not s.no_reply)::int) j
			where not s.proactive
			${FENCE}
		) attempt
		cross join lateral (select local_time at time zone 'UTC' as attempted_at) t
		where local_time::date <= ${day(plan.end)}`;
}

/** Episodes: from accepted referrals (linked to them) and proactive ones; the last may be open. */
export function insertEpisodes(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`s.key`, salt);
	const closeReasons = (died: number) =>
		weighted(sql`u_close`, [
			['goals_met', 68],
			['declined', 12],
			['moved_away', 8],
			['died', died]
		]);
	return sql`
		insert into caseload_episode (organisation_id, patient_id, opened_on, open_reason, referral_id,
			opened_by, closed_on, close_reason, close_note, closed_by, created_at, updated_at)
		select ${uuid(plan.organisationId)}, patient_id, opened_on, open_reason::episode_open_reason,
			referral_id, ${uuid(plan.staffIds[0])}, closed_on, close_reason::episode_close_reason,
			case close_reason when 'goals_met' then 'Goals in the plan met; knows how to get back in touch'
				when 'declined' then 'Did not want further support for now' end,
			case when closed_on is not null then ${uuid(plan.staffIds[0])} end,
			opened_at, coalesce(closed_at, opened_at)
		from (
			select s.patient_id, s.opened_on, s.closed_on, r.id as referral_id,
				case when s.proactive then 'proactively_identified' else 'accepted_from_referral' end as open_reason,
				case when s.closed_on is null then null
					when s.age >= 85 then ${closeReasons(20)} else ${closeReasons(5)} end as close_reason,
				${officeHours(sql`s.opened_on`, u(160))} as opened_at,
				${officeHours(sql`s.closed_on`, u(161))} as closed_at
			from (select *, ${uniform(plan, sql`key`, 162)} as u_close from history_spell) s
			left join referral r on not s.proactive and r.organisation_id = ${uuid(plan.organisationId)}
				and r.patient_id = s.patient_id and r.received_on = s.received_on
			where s.opened_on is not null
			${FENCE}
		) episode`;
}

/** People with an open episode have the care coordinator as their named coordinator. */
export function assignCoordinator(plan: HistoryPlan): SQL {
	return sql`
		update patient p set assigned_coordinator_id = ${uuid(plan.staffIds[0])}
		from history_spell s
		where s.patient_id = p.id and s.opened_on is not null and s.closed_on is null`;
}

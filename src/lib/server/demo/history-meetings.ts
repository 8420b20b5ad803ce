/**
 * The MDT side of a service history (history.ts): ended meetings of one series per practice (a
 * large PCN) or one for the PCN, weekly to four-weekly so that each has a dozen or so items;
 * people on the caseload discussed soon after their episode opens (the frailer more often), some
 * deferred to the next meeting first, some discussed again; and the actions agreed, most done
 * in time, some still open and overdue, done more slowly for the most deprived.
 *
 * Their minutes are the agenda items and actions written here; no live document is stored, so
 * the agenda page of a history meeting is empty while its minutes are whole.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
	HISTORY_ACTIONS,
	HISTORY_AGENDA_OUTCOMES,
	HISTORY_AGENDA_REASONS
} from './history-vocabulary';
import {
	day,
	FENCE,
	literal,
	num,
	pick,
	pickId,
	staff,
	uniform,
	uuid,
	uuidArray,
	weighted,
	type HistoryPlan
} from './history-sql';

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

export type SeriesPlan = { index: number; name: string; firstDay: string; meetings: number };

/** The series and their meeting days: one per practice if `perPractice`, else one. */
export function planSeries(
	plan: HistoryPlan,
	names: string[]
): { series: SeriesPlan[]; intervalDays: number } {
	const span = (Date.parse(plan.end) - Date.parse(plan.start)) / DAY_MS;
	// About 0.13 discussions a person over two years: a dozen items a meeting.
	const meetingsWanted = ((plan.patients / names.length) * 0.13 * (span / 730)) / 12;
	const weeks = Math.min(4, Math.max(1, Math.round(span / Math.max(meetingsWanted, 1) / 7)));
	const intervalDays = 7 * weeks;
	const series = names.map((name, index) => {
		// Tuesday to Friday, from two weeks into the period.
		const weekday = 2 + (index % 4);
		let first = Date.parse(plan.start) + 14 * DAY_MS;
		while (((new Date(first).getUTCDay() + 6) % 7) + 1 !== weekday) first += DAY_MS;
		const meetings = Math.floor((Date.parse(plan.end) - first) / DAY_MS / intervalDays) + 1;
		return { index, name, firstDay: isoDay(first), meetings: Math.max(0, meetings) };
	});
	return { series, intervalDays };
}

/** `history_meeting`: the series (created if missing) and every meeting's id, number and times. */
export function createMeetings(plan: HistoryPlan, series: SeriesPlan[], interval: number): SQL[] {
	const values = series.map(
		(s) => sql`(${num(s.index)}, ${literal(s.name)}, ${day(s.firstDay)}, ${num(s.meetings)})`
	);
	const org = uuid(plan.organisationId);
	return [
		sql`insert into meeting_series (organisation_id, name)
			select ${org}, name from (values ${sql.join(values, sql`, `)}) v(ix, name, first_day, meetings)
			on conflict (organisation_id, name) do nothing`,
		sql`create temp table history_meeting on commit drop as
			select gen_random_uuid() as id, v.ix, ms.id as series_id, v.name, k,
				v.first_day + k * ${num(interval)} as meeting_day,
				((v.first_day + k * ${num(interval)})::timestamp + interval '13 hours') at time zone 'UTC' as starts_at
			from (values ${sql.join(values, sql`, `)}) v(ix, name, first_day, meetings)
			join meeting_series ms on ms.organisation_id = ${org} and ms.name = v.name
			cross join lateral generate_series(0, v.meetings - 1) k`
	];
}

export function insertMeetings(plan: HistoryPlan): SQL[] {
	const u = (salt: number) => uniform(plan, sql`(m.ix * 10000 + m.k)`, salt);
	const org = uuid(plan.organisationId);
	const chair = plan.staffIds[1] ?? plan.staffIds[0];
	return [
		sql`insert into meeting (id, organisation_id, series_id, title, starts_at, duration_minutes,
				chair_id, status, started_at, ended_at, created_by, created_at, updated_at)
			select m.id, ${org}, m.series_id, m.name, m.starts_at, 90, ${uuid(chair)}, 'ended',
				m.starts_at + interval '2 minutes',
				m.starts_at + make_interval(mins => 75 + floor(${u(420)} * 20)::int),
				${uuid(plan.staffIds[0])}, m.starts_at - interval '14 days',
				m.starts_at + make_interval(mins => 75 + floor(${u(420)} * 20)::int)
			from history_meeting m`,
		sql`insert into meeting_invitee (meeting_id, user_id, organisation_id)
			select m.id, staff_id, ${org}
			from history_meeting m cross join unnest(${uuidArray(plan.staffIds)}) staff_id`,
		sql`insert into meeting_attendance (organisation_id, meeting_id, user_id, joined_at, left_at)
			select ${org}, m.id, staff_id, m.starts_at + make_interval(mins => floor(${u(421)} * 5)::int), g.ended_at
			from history_meeting m
			join meeting g on g.id = m.id
			cross join unnest(${uuidArray(plan.staffIds)}) with ordinality a(staff_id, n)
			where ${uniform(plan, sql`(m.ix * 10000 + m.k) * 100 + a.n`, 422)} < 0.85`
	];
}

/**
 * `history_item`: who is discussed at which meeting. First soon after the episode opens (three
 * to twenty days), for more of the frail; one in ten deferred at the meeting before; a second
 * discussion two to three months in for a third of the longer episodes.
 */
export function createItems(plan: HistoryPlan, perPractice: boolean, interval: number): SQL {
	const u = (salt: number) => uniform(plan, sql`e.key`, salt);
	const seriesOf = perPractice
		? sql`array_position(${uuidArray(plan.practiceIds)}, e.practice_id) - 1`
		: sql`0`;
	return sql`
		create temp table history_item on commit drop as
		select gen_random_uuid()::text as item_id, m.id as meeting_id, m.starts_at, c.patient_id,
			c.key, c.status, c.deprived
		from (
			select e.patient_id, e.deprived, e.key * 10 + which as key,
				case which when 3 then 'deferred' else 'discussed' end as status, e.opened_on, e.until,
				${seriesOf} as ix,
				greatest(0, ceil((case which when 2 then e.opened_on + 60 + floor(${u(430)} * 40)::int
					else e.opened_on + 3 + floor(${u(431)} * 18)::int end
					- s.first_day)::float8 / ${num(interval)})::int) - (which = 3)::int as k
			from (select *, coalesce(closed_on, ${day(plan.end)}) as until
				from history_spell where opened_on is not null) e
			cross join lateral (values (1), (2), (3)) w(which)
			join (select ix, meeting_day as first_day from history_meeting where k = 0) s on s.ix = ${seriesOf}
			where ${u(432)} < 0.3 + 0.025 * e.efi
				and (which = 1 or (which = 2 and e.until - e.opened_on > 100 and ${u(433)} < 0.35)
					or (which = 3 and ${u(434)} < 0.1))
			${FENCE}
		) c
		join history_meeting m on m.ix = c.ix and m.k = c.k
		where m.meeting_day between c.opened_on and c.until`;
}

/** The agenda items, in order of a hash of the person within each meeting. */
export function insertItems(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`i.key`, salt);
	return sql`
		insert into agenda_item (meeting_id, id, organisation_id, position, patient_id, reason,
			presenter_id, minutes_allotted, status, notes, outcome, updated_at)
		select i.meeting_id, i.item_id, ${uuid(plan.organisationId)},
			row_number() over (partition by i.meeting_id order by ${u(440)}, i.key) - 1,
			i.patient_id, ${pick(u(441), HISTORY_AGENDA_REASONS)}, ${pickId(u(442), plan.staffIds)},
			case when ${u(443)} < 0.7 then 3 else 5 end, i.status,
			case when i.status = 'discussed' then 'Discussed with the team; views of the person and family shared' else '' end,
			case when i.status = 'discussed' then ${pick(u(444), HISTORY_AGENDA_OUTCOMES)} else '' end,
			i.starts_at + interval '1 hour'
		from history_item i`;
}

/**
 * Actions agreed on discussed items (none to three), created as the meeting ends: most done,
 * more slowly for the most deprived; one in twenty cancelled; some never done (overdue).
 */
export function insertActions(plan: HistoryPlan): SQL {
	const u = (salt: number) => uniform(plan, sql`i.key * 10 + j`, salt);
	return sql`
		insert into mdt_action (organisation_id, meeting_id, agenda_item_id, patient_id, description,
			assignee_id, due_date, priority, status, completed_at, created_by, created_at, updated_at)
		select ${uuid(plan.organisationId)}, meeting_id, item_id, patient_id, description, assignee,
			(created_at at time zone 'UTC')::date + due_in, priority::action_priority, status::action_status,
			completed_at, ${uuid(plan.staffIds[0])}, created_at, coalesce(completed_at, created_at)
		from (
			select *,
				case when status = 'done' then created_at + make_interval(days => took, mins => floor(u_time * 120)::int) end as completed_at
			from (
				select *,
					case when u_cancel < 0.05 then 'cancelled'
						when u_cancel > 0.94 or (created_at at time zone 'UTC')::date + took > ${day(plan.end)}
							then (case when u_time < 0.5 then 'open' else 'in_progress' end)
						else 'done' end as status
				from (
					select i.meeting_id, i.item_id, i.patient_id, g.ended_at as created_at,
						${pick(u(450), HISTORY_ACTIONS)} as description, ${staff(plan, u(451), 0.4)} as assignee,
						${weighted(sql`u_due`, [
							['7', 30],
							['14', 45],
							['28', 25]
						])}::int as due_in,
						${weighted(sql`u_priority`, [
							['routine', 70],
							['soon', 22],
							['urgent', 8]
						])} as priority,
						1 + floor(-ln(1 - ${u(452)}) * (10 + 6 * i.deprived::int))::int as took,
						${u(453)} as u_cancel, ${u(454)} as u_time
					from history_item i
					join meeting g on g.id = i.meeting_id
					cross join lateral generate_series(1, floor(${uniform(plan, sql`i.key`, 455)} * 2.6)::int
						+ (${uniform(plan, sql`i.key`, 456)} < 0.2)::int) j
					cross join lateral (select ${u(457)} as u_due, ${u(458)} as u_priority ${FENCE}) d
					where i.status = 'discussed'
					${FENCE}
				) drawn
				${FENCE}
			) decided
			${FENCE}
		) action`;
}

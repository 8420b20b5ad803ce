/**
 * MDT throughput: the cases ended meetings discussed or carried forward, and the follow-up
 * actions they (and the team between meetings) agreed: created, completed, overdue, and how long
 * completing them took.
 */
import { sql } from 'drizzle-orm';
import {
	breakdownKeyOrNotKnown,
	endOfPeriods,
	eventQuery,
	instantsOfPeriods,
	londonDay,
	periods,
	tableFromQuery
} from './context';
import type { ReportTableSpec } from './tables';

const discussions: ReportTableSpec = {
	id: 'mdt-discussions',
	section: 'mdt',
	title: 'Cases at MDT meetings',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'mdt-discussions',
				title: 'Cases at MDT meetings',
				definition:
					'Agenda items of the MDT meetings held in the period and ended (by the day the meeting was held): discussed, or carried forward to the next meeting of the series.',
				columns: [
					{ key: 'cases', label: 'Cases on the agenda', kind: 'count' },
					{ key: 'discussed', label: 'Discussed', kind: 'count', partOf: 'cases' },
					{ key: 'carried_forward', label: 'Carried forward', kind: 'count', partOf: 'cases' }
				],
				headline: 'discussed'
			},
			eventQuery(
				context,
				{
					from: sql`agenda_item a join meeting m on m.id = a.meeting_id`,
					day: londonDay(sql`m.starts_at`),
					patientId: sql`a.patient_id`,
					organisationId: sql`m.organisation_id`,
					inPeriods: instantsOfPeriods(context, sql`m.starts_at`),
					where: sql`m.status = 'ended'`
				},
				sql`a.status = 'discussed' as discussed`,
				sql`count(*)::int as cases,
					count(*) filter (where discussed)::int as discussed,
					count(*) filter (where not discussed)::int as carried_forward`
			)
		)
};

const actions: ReportTableSpec = {
	id: 'mdt-actions',
	section: 'mdt',
	title: 'Follow-up actions',
	compute: (context) => {
		const created = londonDay(sql`a.created_at`);
		const completed = londonDay(sql`a.completed_at`);
		return tableFromQuery(
			context,
			{
				id: 'mdt-actions',
				title: 'Follow-up actions',
				definition:
					'Follow-up actions (agreed at an MDT or on a person’s record): created in the period; completed in the period, and the median days from creation to completion of those; and overdue at the end of the period — created by then, due before its last day, not cancelled and not yet completed by then.',
				columns: [
					{ key: 'created', label: 'Created', kind: 'count' },
					{ key: 'completed', label: 'Completed', kind: 'count' },
					{
						key: 'median_days',
						label: 'Median time to completion',
						kind: 'median',
						base: 'completed',
						unit: 'days'
					},
					{ key: 'overdue', label: 'Overdue at the end', kind: 'count' }
				],
				headline: 'overdue'
			},
			sql`with facts as (
				select per.period, ${breakdownKeyOrNotKnown(context)} as row_key,
					${created} between per.starts and per.ends as created,
					coalesce(${completed} between per.starts and per.ends, false) as completed,
					${completed} - ${created} as days,
					(${created} <= per.ends and a.due_date < per.ends and a.status <> 'cancelled'
						and (a.completed_at is null or ${completed} > per.ends)) as overdue
				from mdt_action a
				join ${periods(context)} on ${created} <= per.ends
					and (a.completed_at is null or ${completed} >= per.starts)
				left join patient p on p.id = a.patient_id
				where a.organisation_id = ${context.organisationId}
					and a.created_at < ${endOfPeriods(context)}::timestamptz
			)
			select period, row_key,
				count(*) filter (where created)::int as created,
				count(*) filter (where completed)::int as completed,
				percentile_cont(0.5) within group (order by days) filter (where completed) as median_days,
				count(*) filter (where overdue)::int as overdue
			from facts
			group by grouping sets ((period, row_key), (period))`
		);
	}
};

export const mdtTables: readonly ReportTableSpec[] = [discussions, actions];

/**
 * The caseload: how many people were on it, and its flow — who came on (and why) and who left
 * (and why).
 */
import { sql } from 'drizzle-orm';
import {
	EPISODE_CLOSE_REASON_LABELS,
	EPISODE_CLOSE_REASONS,
	EPISODE_OPEN_REASON_LABELS,
	EPISODE_OPEN_REASONS
} from '../../domain/caseload';
import type { ReportColumn } from '../../domain/reports';
import { breakdownKeyOrNotKnown, countsBy, periods, tableFromQuery } from './context';
import type { ReportTableSpec } from './tables';

const opened = (reason: string) => `opened_${reason}`;
const closed = (reason: string) => `closed_${reason}`;

const columns: ReportColumn[] = [
	{ key: 'open_end', label: 'On the caseload at the end', kind: 'count' },
	{ key: 'opened', label: 'Came on', kind: 'count' },
	...EPISODE_OPEN_REASONS.map((reason) => ({
		key: opened(reason),
		label: `Came on: ${EPISODE_OPEN_REASON_LABELS[reason].toLowerCase()}`,
		kind: 'count' as const,
		partOf: 'opened'
	})),
	{ key: 'closed', label: 'Left', kind: 'count' },
	...EPISODE_CLOSE_REASONS.map((reason) => ({
		key: closed(reason),
		label: `Left: ${EPISODE_CLOSE_REASON_LABELS[reason].toLowerCase()}`,
		kind: 'count' as const,
		partOf: 'closed'
	}))
];

const flow: ReportTableSpec = {
	id: 'caseload-flow',
	section: 'caseload',
	title: 'Caseload size and flow',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'caseload-flow',
				title: 'Caseload size and flow',
				definition:
					'Caseload episodes: people on the caseload at the end of the period (opened on or before its last day and not closed by then), episodes opened in the period by how the person came on, and episodes closed in the period by why they left. Age is taken at the end of the period.',
				columns,
				headline: 'open_end',
				// On the caseload at the end = at the end of the previous period + came on − left.
				balances: [
					[
						{ period: 'current', column: 'open_end', sign: 1 },
						{ period: 'previous', column: 'open_end', sign: -1 },
						{ period: 'current', column: 'opened', sign: -1 },
						{ period: 'current', column: 'closed', sign: 1 }
					]
				]
			},
			sql`with facts as (
				select per.period, ${breakdownKeyOrNotKnown(context)} as row_key,
					e.opened_on between per.starts and per.ends as opened,
					e.open_reason::text as open_reason,
					coalesce(e.closed_on between per.starts and per.ends, false) as closed,
					e.close_reason::text as close_reason,
					e.opened_on <= per.ends and (e.closed_on is null or e.closed_on > per.ends) as open_end
				from caseload_episode e
				join ${periods(context)} on e.opened_on <= per.ends
					and (e.closed_on is null or e.closed_on >= per.starts)
				join patient p on p.id = e.patient_id
				where e.organisation_id = ${context.organisationId}
					and e.opened_on <= ${context.period.to}::date
					and (e.closed_on is null or e.closed_on >= ${context.previous.from}::date)
			)
			select period, row_key,
				count(*) filter (where open_end)::int as open_end,
				count(*) filter (where opened)::int as opened,
				${countsBy(sql`(case when opened then open_reason end)`, EPISODE_OPEN_REASONS, opened)},
				count(*) filter (where closed)::int as closed,
				${countsBy(sql`(case when closed then close_reason end)`, EPISODE_CLOSE_REASONS, closed)}
			from facts
			group by grouping sets ((period, row_key), (period))`
		)
};

export const caseloadTables: readonly ReportTableSpec[] = [flow];

/**
 * Outcome change: for each person with an outcome measure in the period and an earlier one,
 * their first measure ever against their latest in the period — PAM level and score, and each
 * ONS4 question on its own (the four are never summed).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ONS4_LABELS, ONS4_QUESTIONS } from '../../domain/measures';
import type { ReportColumn } from '../../domain/reports';
import { as, breakdownKeyOrNotKnown, periods, tableFromQuery, type ReportContext } from './context';
import type { ReportTableSpec } from './tables';

/**
 * Pairs of (first measure ever, latest measure in the period) of each person, per period, with
 * `values` (select items over a measure `m`) of each: `f_…` and `l_…` columns; then `aggregates`
 * over them per group and in total.
 */
function firstAndLatest(
	context: ReportContext,
	kind: 'pam' | 'ons4',
	values: SQL,
	facts: SQL,
	aggregates: SQL
): SQL {
	return sql`with latest as (
		select distinct on (per.period, m.patient_id) per.period, per.ends, m.id, m.patient_id, ${values}
		from outcome_measure m
		join ${periods(context)} on m.recorded_on between per.starts and per.ends
		where m.organisation_id = ${context.organisationId} and m.kind = ${kind}
			and m.recorded_on between ${context.previous.from}::date and ${context.period.to}::date
		order by per.period, m.patient_id, m.recorded_on desc, m.created_at desc
	), firsts as (
		select distinct on (m.patient_id) m.id, m.patient_id, ${values}
		from outcome_measure m
		where m.organisation_id = ${context.organisationId} and m.kind = ${kind}
			and m.recorded_on <= ${context.period.to}::date
			and m.patient_id in (select patient_id from latest)
		order by m.patient_id, m.recorded_on, m.created_at
	), facts as (
		-- "per" is the latest measure, so that the breakdown takes age at its period's end.
		select per.period, ${breakdownKeyOrNotKnown(context)} as row_key, ${facts}
		from latest per
		join firsts f on f.patient_id = per.patient_id and f.id <> per.id
		join patient p on p.id = per.patient_id
	)
	select period, row_key, ${aggregates}
	from facts
	group by grouping sets ((period, row_key), (period))`;
}

const pam: ReportTableSpec = {
	id: 'pam-change',
	section: 'outcomes',
	title: 'Change in activation (PAM)',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'pam-change',
				title: 'Change in activation (PAM)',
				definition:
					'People whose latest Patient Activation Measure in the period is not their first: their first PAM level ever against their latest in the period (higher is better), and the mean change in PAM score.',
				columns: [
					{ key: 'people', label: 'People measured again', kind: 'count' },
					{ key: 'improved', label: 'Level went up', kind: 'count', partOf: 'people' },
					{ key: 'same', label: 'Level stayed the same', kind: 'count', partOf: 'people' },
					{ key: 'worse', label: 'Level went down', kind: 'count', partOf: 'people' },
					{
						key: 'percent_improved',
						label: 'Level went up (%)',
						kind: 'percent',
						numerator: 'improved',
						base: 'people'
					},
					{
						key: 'mean_change',
						label: 'Mean change in score',
						kind: 'mean',
						base: 'people',
						unit: 'PAM points'
					}
				],
				headline: 'percent_improved'
			},
			firstAndLatest(
				context,
				'pam',
				sql`m.pam_level as level, m.pam_score as score`,
				sql`sign(per.level - f.level)::int as direction, per.score - f.score as change`,
				sql`count(*)::int as people,
					count(*) filter (where direction > 0)::int as improved,
					count(*) filter (where direction = 0)::int as same,
					count(*) filter (where direction < 0)::int as worse,
					avg(change) as mean_change`
			)
		)
};

const ons4Columns: ReportColumn[] = [
	{ key: 'people', label: 'People measured again', kind: 'count' },
	...ONS4_QUESTIONS.flatMap((q): ReportColumn[] => [
		{
			key: `first_${q}`,
			label: `${ONS4_LABELS[q].label}: first`,
			kind: 'mean',
			base: 'people',
			unit: 'score 0–10'
		},
		{
			key: `latest_${q}`,
			label: `${ONS4_LABELS[q].label}: latest`,
			kind: 'mean',
			base: 'people',
			unit: 'score 0–10'
		},
		{
			key: `change_${q}`,
			label: `${ONS4_LABELS[q].label}: change`,
			kind: 'mean',
			base: 'people',
			unit: 'points'
		}
	])
];

const ons4: ReportTableSpec = {
	id: 'ons4-change',
	section: 'outcomes',
	title: 'Change in wellbeing (ONS4)',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'ons4-change',
				title: 'Change in wellbeing (ONS4)',
				definition:
					'People whose latest ONS4 in the period is not their first: the mean of their first answers ever and of their latest in the period, question by question (0 to 10; for anxiety lower is better). The four questions are reported separately, never summed.',
				columns: ons4Columns,
				headline: 'change_lifeSatisfaction'
			},
			firstAndLatest(
				context,
				'ons4',
				sql.join(
					ONS4_QUESTIONS.map((q) => sql`(m.ons4 ->> ${q})::numeric as ${as(q)}`),
					sql`, `
				),
				sql.join(
					ONS4_QUESTIONS.map(
						(q) => sql`f.${as(q)} as ${as(`f_${q}`)}, per.${as(q)} as ${as(`l_${q}`)}`
					),
					sql`, `
				),
				sql`count(*)::int as people, ${sql.join(
					ONS4_QUESTIONS.map(
						(q) => sql`avg(${as(`f_${q}`)}) as ${as(`first_${q}`)},
							avg(${as(`l_${q}`)}) as ${as(`latest_${q}`)},
							avg(${as(`l_${q}`)} - ${as(`f_${q}`)}) as ${as(`change_${q}`)}`
					),
					sql`, `
				)}`
			)
		)
};

export const outcomeTables: readonly ReportTableSpec[] = [pam, ons4];

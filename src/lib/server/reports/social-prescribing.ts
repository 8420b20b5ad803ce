/** Social prescribing: referrals to community services, by the service's category and by outcome. */
import { sql } from 'drizzle-orm';
import {
	SERVICE_CATEGORIES,
	SERVICE_CATEGORY_LABELS,
	SERVICE_REFERRAL_STATUS_LABELS,
	SERVICE_REFERRAL_STATUSES
} from '../../domain/community-services';
import type { ReportColumn } from '../../domain/reports';
import { countsBy, daysOfPeriods, eventQuery, tableFromQuery, type ReportContext } from './context';
import type { ReportTableSpec } from './tables';

const all: ReportColumn = { key: 'all', label: 'All referrals to services', kind: 'count' };

const sent = (context: ReportContext) => ({
	from: sql`service_referral s join community_service c on c.id = s.service_id`,
	day: sql`s.sent_on`,
	patientId: sql`s.patient_id`,
	organisationId: sql`s.organisation_id`,
	inPeriods: daysOfPeriods(context, sql`s.sent_on`)
});

const byCategory: ReportTableSpec = {
	id: 'social-prescribing-by-category',
	section: 'social-prescribing',
	title: 'Referrals to community services by category',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'social-prescribing-by-category',
				title: 'Referrals to community services by category',
				definition:
					'Social prescribing referrals to services in the PCN’s directory sent in the period, by the category of the service.',
				columns: [
					all,
					...SERVICE_CATEGORIES.map((c) => ({
						key: c,
						label: SERVICE_CATEGORY_LABELS[c],
						kind: 'count' as const,
						partOf: 'all'
					}))
				],
				headline: 'all'
			},
			eventQuery(
				context,
				sent(context),
				sql`c.category::text as category`,
				sql`count(*)::int as "all", ${countsBy(sql`category`, SERVICE_CATEGORIES)}`
			)
		)
};

const byOutcome: ReportTableSpec = {
	id: 'social-prescribing-outcomes',
	section: 'social-prescribing',
	title: 'Outcomes of referrals to community services',
	compute: (context) =>
		tableFromQuery(
			context,
			{
				id: 'social-prescribing-outcomes',
				title: 'Outcomes of referrals to community services',
				definition:
					'Social prescribing referrals sent in the period, by where each has got to now: sent and waiting, accepted by the service, attended, did not attend, declined, or closed.',
				columns: [
					all,
					...SERVICE_REFERRAL_STATUSES.map((status) => ({
						key: status,
						label: SERVICE_REFERRAL_STATUS_LABELS[status],
						kind: 'count' as const,
						partOf: 'all'
					}))
				],
				headline: 'attended'
			},
			eventQuery(
				context,
				sent(context),
				sql`s.status::text as status`,
				sql`count(*)::int as "all", ${countsBy(sql`status`, SERVICE_REFERRAL_STATUSES)}`
			)
		)
};

export const socialPrescribingTables: readonly ReportTableSpec[] = [byCategory, byOutcome];

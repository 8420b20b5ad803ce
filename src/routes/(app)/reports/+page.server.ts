import { londonToday } from '$lib/domain/london-time';
import { parseReportQuery, previousPeriod } from '$lib/domain/reports';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { firstContactTargetOf } from '$lib/server/pcn-settings';
import { loadDashboard, recordReportViewed, REPORT_SECTIONS } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/**
 * The PCN's service reports for a period and a breakdown read from the address (`from`, `to`,
 * `by`). The page, its period and its filter come at once; the figures are streamed as they are
 * computed (a second or more at 100,000 people), so the page is usable before they arrive.
 */
export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('reports:read');
	const { query, problems } = parseReportQuery(url.searchParams, londonToday());
	const sections = loadDashboard(db(), user.organisationId, query).then((d) => d.sections);
	// Observed at once, so that a failure before the page takes it is no unhandled rejection.
	sections.catch(() => {});
	await recordReportViewed(db(), user, query, { table: 'dashboard', as: 'page', ip: clientIp() });
	return {
		report: {
			period: query.period,
			previous: previousPeriod(query.period),
			breakdown: query.breakdown,
			targetDays: await firstContactTargetOf(db(), user)
		},
		sectionTitles: REPORT_SECTIONS.map(({ id, title }) => ({ id, title })),
		sections,
		problems,
		// What was asked for, as typed, so that a wrong date can be corrected in place.
		asked: {
			from: url.searchParams.get('from') ?? query.period.from,
			to: url.searchParams.get('to') ?? query.period.to,
			// A breakdown not on the list cannot be shown chosen: the one used instead is.
			by: problems.by ? query.breakdown : (url.searchParams.get('by') ?? query.breakdown)
		}
	};
};

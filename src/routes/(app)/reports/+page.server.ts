import { londonToday } from '$lib/domain/london-time';
import { parseReportQuery } from '$lib/domain/reports';
import { authorise, clientIp } from '$lib/server/access';
import { recordAudit } from '$lib/server/audit';
import { db } from '$lib/server/db';
import { loadDashboard } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** The PCN's service reports for a period and a breakdown read from the address (`from`, `to`, `by`). */
export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('reports:read');
	const { query, problems } = parseReportQuery(url.searchParams, londonToday());
	const dashboard = await loadDashboard(db(), user.organisationId, query);
	await recordAudit(db(), {
		action: 'view',
		organisationId: user.organisationId,
		userId: user.id,
		entityType: 'report',
		entityId: 'dashboard',
		after: { ...query.period, breakdown: query.breakdown },
		ip: clientIp(),
		detail: 'service reports viewed'
	});
	return {
		dashboard,
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

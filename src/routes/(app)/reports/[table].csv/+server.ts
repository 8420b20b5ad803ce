import { json } from '@sveltejs/kit';
import { londonToday } from '$lib/domain/london-time';
import { reportCsv, reportCsvFilename } from '$lib/domain/report-csv';
import { parseReportQuery, previousPeriod } from '$lib/domain/reports';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { loadReportTable, recordReportViewed } from '$lib/server/reports';
import type { RequestHandler } from './$types';

/**
 * GET /reports/:table.csv?from=&to=&by= — one table of the service reports as a spreadsheet, for
 * the same period and breakdown as the page shows.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const user = authorise('reports:read');
	const { query, problems } = parseReportQuery(url.searchParams, londonToday());
	const problem = Object.values(problems)[0];
	// The page shows the default report beside a wrong date; a file would not say so.
	if (problem) return json({ message: problem }, { status: 400 });
	const table = await loadReportTable(db(), user.organisationId, query, params.table);
	if (!table) return json({ message: 'Report table not found' }, { status: 404 });
	await recordReportViewed(db(), user, query, { table: table.id, as: 'csv', ip: clientIp() });
	const body = reportCsv(table, { ...query, previous: previousPeriod(query.period) });
	// A byte order mark, so that Excel reads the file as UTF-8 (names with accents stay whole).
	return new Response(`\uFEFF${body}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${reportCsvFilename(table.id, query.breakdown, query.period)}"`
		}
	});
};

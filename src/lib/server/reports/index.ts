/**
 * The PCN's service reports (issue 12): the dashboard's tables, each computed for the report
 * period and the one before it, broken down by one of the breakdowns, small numbers suppressed.
 * One SQL query per table answers every group of the breakdown and the PCN total at once
 * (grouping sets), for both periods.
 */
import { eq } from 'drizzle-orm';
import {
	previousPeriod,
	type Breakdown,
	type RawReportTable,
	type ReportPeriod,
	type ReportQuery,
	type ReportTable
} from '../../domain/reports';
import { suppressSmallNumbers } from '../../domain/small-numbers';
import type { Db } from '../db';
import { organisation } from '../db/schema';
import { breakdownGroups, type ReportContext } from './context';
import { REPORT_TABLES, REPORT_SECTIONS, type ReportSectionId } from './tables';

export { REPORT_TABLES, REPORT_SECTIONS };
export type { ReportContext };

export type ReportSection = { id: ReportSectionId; title: string; tables: ReportTable[] };

export type Dashboard = {
	period: ReportPeriod;
	previous: ReportPeriod;
	breakdown: Breakdown;
	/** The PCN's first-contact target, in working days. */
	targetDays: number;
	sections: ReportSection[];
};

/** Everything a report table's query needs: who, which periods, which breakdown. */
export async function reportContext(
	db: Db,
	organisationId: string,
	query: ReportQuery
): Promise<ReportContext> {
	const [pcn] = await db
		.select({ targetDays: organisation.firstContactTargetDays })
		.from(organisation)
		.where(eq(organisation.id, organisationId));
	return {
		db,
		organisationId,
		period: query.period,
		previous: previousPeriod(query.period),
		breakdown: query.breakdown,
		groups: await breakdownGroups(db, organisationId, query.breakdown),
		targetDays: pcn?.targetDays ?? 5
	};
}

/** One table, computed and not yet suppressed: for the tests that check figures by hand. */
export async function computeReportTable(
	context: ReportContext,
	tableId: string
): Promise<RawReportTable | null> {
	const table = REPORT_TABLES.find((t) => t.id === tableId);
	return table ? table.compute(context) : null;
}

/** One table as it may be shown or downloaded (small numbers suppressed); null if unknown. */
export async function loadReportTable(
	db: Db,
	organisationId: string,
	query: ReportQuery,
	tableId: string
): Promise<ReportTable | null> {
	const raw = await computeReportTable(await reportContext(db, organisationId, query), tableId);
	return raw && suppressSmallNumbers(raw);
}

/**
 * The whole dashboard of a PCN for a period and a breakdown. The tables' queries run one after
 * another: on one connection (PGlite) they would anyway, and on PostgreSQL a dashboard should
 * not take a pool's every connection from the people working.
 */
export async function loadDashboard(
	db: Db,
	organisationId: string,
	query: ReportQuery
): Promise<Dashboard> {
	const context = await reportContext(db, organisationId, query);
	const sections: ReportSection[] = [];
	for (const section of REPORT_SECTIONS) {
		const tables: ReportTable[] = [];
		for (const table of REPORT_TABLES.filter((t) => t.section === section.id)) {
			tables.push(suppressSmallNumbers(await table.compute(context)));
		}
		sections.push({ ...section, tables });
	}
	return {
		period: context.period,
		previous: context.previous,
		breakdown: context.breakdown,
		targetDays: context.targetDays,
		sections
	};
}

/**
 * The PCN's service reports (issue 12): the dashboard's tables, each computed for the report
 * period and the one before it, broken down by one of the breakdowns, small numbers suppressed.
 * One SQL query per table answers every group of the breakdown and the PCN total at once
 * (grouping sets), for both periods.
 */
import {
	previousPeriod,
	type Breakdown,
	type RawReportTable,
	type ReportPeriod,
	type ReportQuery,
	type ReportTable
} from '../../domain/reports';
import { suppressTogether } from '../../domain/small-numbers';
import { recordAudit } from '../audit';
import type { Db } from '../db';
import { firstContactTargetOf } from '../pcn-settings';
import { breakdownGroups, type ReportContext } from './context';
import { REPORT_LINKS, REPORT_TABLES, REPORT_SECTIONS, type ReportSectionId } from './tables';

export { REPORT_LINKS, REPORT_TABLES, REPORT_SECTIONS };
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
	return {
		db,
		organisationId,
		period: query.period,
		previous: previousPeriod(query.period),
		breakdown: query.breakdown,
		groups: await breakdownGroups(db, organisationId, query.breakdown),
		targetDays: await firstContactTargetOf(db, { organisationId })
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

/**
 * One table as it may be shown or downloaded; null if unknown. Suppressed as on the dashboard,
 * with the tables it shares counts with, so that the download hides what the page hides.
 */
export async function loadReportTable(
	db: Db,
	organisationId: string,
	query: ReportQuery,
	tableId: string
): Promise<ReportTable | null> {
	if (!REPORT_TABLES.some((t) => t.id === tableId)) return null;
	const dashboard = await loadDashboard(db, organisationId, query);
	return dashboard.sections.flatMap((s) => s.tables).find((t) => t.id === tableId) ?? null;
}

/** How many of the dashboard's table queries run at once (the pool holds 10 connections). */
const TABLES_AT_ONCE = 3;

/** The whole dashboard of a PCN for a period and a breakdown, small numbers suppressed. */
export async function loadDashboard(
	db: Db,
	organisationId: string,
	query: ReportQuery
): Promise<Dashboard> {
	const context = await reportContext(db, organisationId, query);
	// A few tables at a time: PostgreSQL answers them side by side on its pool (PGlite queues
	// them), without taking every connection from the people working.
	const raw: RawReportTable[] = new Array(REPORT_TABLES.length);
	let next = 0;
	const worker = async () => {
		for (let i = next++; i < REPORT_TABLES.length; i = next++) {
			raw[i] = await REPORT_TABLES[i].compute(context);
		}
	};
	await Promise.all(Array.from({ length: TABLES_AT_ONCE }, worker));
	const shown = suppressTogether(raw, REPORT_LINKS);
	const sections: ReportSection[] = REPORT_SECTIONS.map((section) => ({
		...section,
		tables: shown.filter((_, i) => REPORT_TABLES[i].section === section.id)
	}));
	return {
		period: context.period,
		previous: context.previous,
		breakdown: context.breakdown,
		targetDays: context.targetDays,
		sections
	};
}

/**
 * Audits a reading of the reports: the whole dashboard on the page (`table: 'dashboard'`) or one
 * table downloaded as CSV, with the period and breakdown read.
 */
export async function recordReportViewed(
	db: Db,
	user: { id: string; organisationId: string },
	query: ReportQuery,
	viewed: { table: string; as: 'page' | 'csv'; ip?: string }
): Promise<void> {
	await recordAudit(db, {
		action: 'view',
		organisationId: user.organisationId,
		userId: user.id,
		entityType: 'report',
		entityId: viewed.table,
		after: { ...query.period, breakdown: query.breakdown },
		ip: viewed.ip,
		detail: viewed.as === 'csv' ? 'service report downloaded as CSV' : 'service reports viewed'
	});
}

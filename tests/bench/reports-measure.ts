/**
 * What the reports benchmark measures: each report table's query cold (the first on a database
 * connection just opened) and warm (again and again on one), the whole dashboard, and the plans
 * of the slowest queries (EXPLAIN ANALYZE, on PostgreSQL).
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Breakdown, ReportPeriod } from '../../src/lib/domain/reports';
import { schema, type Db } from '../../src/lib/server/db';
import { rows } from '../../src/lib/server/demo/history-sql';
import { loadDashboard, REPORT_TABLES, reportContext } from '../../src/lib/server/reports';
import { open, type BenchTarget } from './reports-databases';

/** Milliseconds by table id, then by breakdown. */
export type TableSamples = Map<string, Map<Breakdown, number[]>>;

/**
 * A database connection as a request after a restart of the app would have it: for PostgreSQL
 * a new connection (a new backend: no cached catalogue or plans) told `DISCARD ALL`; for PGlite
 * the data folder opened anew (a new PostgreSQL in WebAssembly: empty shared buffers and
 * caches). Neither empties the operating system's file cache.
 */
async function freshConnection(target: BenchTarget): Promise<{ db: Db; close(): Promise<void> }> {
	if (target.kind === 'PGlite') return open(target);
	const client = postgres(target.url, { max: 1, onnotice: () => {} });
	const db = drizzle(client, { schema }) as unknown as Db;
	await db.execute(sql`discard all`);
	return { db, close: () => client.end() };
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

/** Each table once on its own fresh connection (its context built first, not timed). */
export async function coldTables(
	target: BenchTarget,
	organisationId: string,
	period: ReportPeriod,
	breakdown: Breakdown
): Promise<{ tables: Map<string, number>; dashboard: number }> {
	const tables = new Map<string, number>();
	for (const table of REPORT_TABLES) {
		const connection = await freshConnection(target);
		try {
			const context = await reportContext(connection.db, organisationId, { period, breakdown });
			tables.set(table.id, await timed(() => table.compute(context)));
		} finally {
			await connection.close();
		}
	}
	const connection = await freshConnection(target);
	try {
		const dashboard = await timed(() =>
			loadDashboard(connection.db, organisationId, { period, breakdown })
		);
		return { tables, dashboard };
	} finally {
		await connection.close();
	}
}

/** Every table `runs` times per breakdown, after one run not counted. */
export async function warmTables(
	db: Db,
	organisationId: string,
	period: ReportPeriod,
	breakdowns: readonly Breakdown[],
	runs: number
): Promise<TableSamples> {
	const samples: TableSamples = new Map(REPORT_TABLES.map((t) => [t.id, new Map()]));
	for (const breakdown of breakdowns) {
		const context = await reportContext(db, organisationId, { period, breakdown });
		for (const table of REPORT_TABLES) {
			await table.compute(context);
			const times: number[] = [];
			for (let run = 0; run < runs; run++) times.push(await timed(() => table.compute(context)));
			samples.get(table.id)!.set(breakdown, times);
		}
	}
	return samples;
}

/** The whole dashboard (context, every table, suppression) `runs` times per breakdown. */
export async function warmDashboards(
	db: Db,
	organisationId: string,
	period: ReportPeriod,
	breakdowns: readonly Breakdown[],
	runs: number
): Promise<Map<Breakdown, number[]>> {
	const samples = new Map<Breakdown, number[]>();
	for (const breakdown of breakdowns) {
		const query = { period, breakdown };
		await loadDashboard(db, organisationId, query);
		const times: number[] = [];
		for (let run = 0; run < runs; run++) {
			times.push(await timed(() => loadDashboard(db, organisationId, query)));
		}
		samples.set(breakdown, times);
	}
	return samples;
}

/**
 * The plans of a table's queries as PostgreSQL ran them (EXPLAIN ANALYZE, BUFFERS): the table is
 * computed with a database whose every query is first explained where it runs (in the table's
 * own transaction, so under its settings: `set local work_mem` and the like are not explained).
 */
export async function explainTable(
	db: Db,
	organisationId: string,
	period: ReportPeriod,
	breakdown: Breakdown,
	tableId: string
): Promise<string[]> {
	const table = REPORT_TABLES.find((t) => t.id === tableId)!;
	const dialect = new PgDialect();
	const plans: string[] = [];
	const explaining = (target: Db): Db =>
		new Proxy(target, {
			get(object, property, receiver) {
				if (property === 'execute') {
					return async (query: SQL) => {
						if (!/^\s*set\s/i.test(dialect.sqlToQuery(query).sql)) {
							const lines = await rows<{ 'QUERY PLAN': string }>(
								object,
								sql`explain (analyze, buffers, format text) ${query}`
							);
							plans.push(lines.map((line) => line['QUERY PLAN']).join('\n'));
						}
						return object.execute(query);
					};
				}
				if (property === 'transaction') {
					return (work: (tx: Db) => Promise<unknown>, config?: unknown) =>
						object.transaction((tx) => work(explaining(tx as unknown as Db)), config as never);
				}
				return Reflect.get(object, property, receiver);
			}
		});
	await table.compute(await reportContext(explaining(db), organisationId, { period, breakdown }));
	return plans;
}

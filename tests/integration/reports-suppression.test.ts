/**
 * The PCN's reports as they may be shown: only the PCN's own rows are counted (another PCN's, in
 * the same periods, never), the totals with no breakdown, and small numbers suppressed so that
 * no suppressed count of any table, under any breakdown, can be worked out from what is shown.
 */
import { beforeAll, expect, it } from 'vitest';
import { BREAKDOWNS, type Breakdown, type RawReportTable } from '../../src/lib/domain/reports';
import {
	isSmallNumber,
	suppressSmallNumbers,
	suppressTogether
} from '../../src/lib/domain/small-numbers';
import {
	computeReportTable,
	loadReportTable,
	REPORT_LINKS,
	REPORT_TABLES,
	reportContext
} from '../../src/lib/server/reports';
import { disclosedCells } from '../unit/small-numbers-fixtures';
import { describeEachDatabase } from './fixtures';
import { PERIOD } from './reports-dataset';
import { insertReportDataset, type ReportDataset } from './reports-fixtures';

const S = 'suppressed' as const;

describeEachDatabase('reports as shown: one PCN only, small numbers suppressed', (db) => {
	let data: ReportDataset;
	beforeAll(async () => {
		data = await insertReportDataset(db());
	});
	const raw = async (organisationId: string, tableId: string, breakdown: Breakdown) => {
		const context = await reportContext(db(), organisationId, { period: PERIOD, breakdown });
		return (await computeReportTable(context, tableId))!;
	};
	/** Each table's PCN total with no breakdown, current and previous, of the keys given. */
	const totals = async (organisationId: string, keys: Record<string, string[]>) => {
		const out: Record<string, unknown> = {};
		for (const [tableId, columns] of Object.entries(keys)) {
			const table = await raw(organisationId, tableId, 'none');
			expect(table.rows).toEqual([]);
			out[tableId] = [table.total.current, table.total.previous].map((f) =>
				columns.map((key) => f[key])
			);
		}
		return out;
	};
	const KEYS = {
		'referrals-by-source': ['all', 'gp_practice', 'self'],
		'first-contact': ['received', 'contacted', 'within_target', 'over_target', 'median_days'],
		'triage-outcomes': ['all', 'accepted', 'signposted', 'not_triaged'],
		'caseload-flow': ['open_end', 'opened', 'closed'],
		'mdt-discussions': ['cases', 'discussed', 'carried_forward'],
		'mdt-actions': ['created', 'completed', 'median_days', 'overdue'],
		'pam-change': ['people', 'improved', 'worse', 'mean_change'],
		'ons4-change': ['people', 'first_anxious', 'latest_anxious', 'change_anxious'],
		'social-prescribing-by-category': ['all', 'befriending', 'benefits_money'],
		'social-prescribing-outcomes': ['all', 'attended', 'sent']
	};

	it("with no breakdown, one row: the PCN's totals, worked out by hand", async () => {
		expect(await totals(data.north, KEYS)).toEqual({
			'referrals-by-source': [
				[19, 8, 3],
				[6, 2, 2]
			],
			'first-contact': [
				[19, 16, 12, 4, 5],
				[6, 5, 4, 1, 5]
			],
			'triage-outcomes': [
				[19, 8, 6, 2],
				[6, 2, 3, 1]
			],
			'caseload-flow': [
				[5, 5, 4],
				[4, 4, 3]
			],
			'mdt-discussions': [
				[8, 6, 2],
				[3, 2, 1]
			],
			'mdt-actions': [
				[7, 5, 7, 4],
				[4, 1, 10, 3]
			],
			'pam-change': [
				[4, 3, 0, 10.4],
				[2, 0, 2, -11.5]
			],
			'ons4-change': [
				[2, 7.5, 4, -3.5],
				[1, 8, 6, -2]
			],
			'social-prescribing-by-category': [
				[6, 2, 2],
				[2, 1, 1]
			],
			'social-prescribing-outcomes': [
				[6, 2, 1],
				[2, 1, 0]
			]
		});
	});

	it("another PCN's report counts its own rows only, and lists its own practices", async () => {
		expect(await totals(data.south, KEYS)).toEqual({
			'referrals-by-source': [
				[1, 1, 0],
				[1, 0, 1]
			],
			'first-contact': [
				[1, 1, 1, 0, 1],
				[1, 0, 0, 0, null]
			],
			'triage-outcomes': [
				[1, 0, 1, 0],
				[1, 0, 0, 1]
			],
			'caseload-flow': [
				[1, 1, 0],
				[0, 0, 0]
			],
			'mdt-discussions': [
				[2, 1, 1],
				[0, 0, 0]
			],
			'mdt-actions': [
				[1, 0, null, 1],
				[0, 0, null, 0]
			],
			'pam-change': [
				[1, 1, 0, 50],
				[0, 0, 0, null]
			],
			'ons4-change': [
				[1, 9, 1, -8],
				[0, null, null, null]
			],
			'social-prescribing-by-category': [
				[1, 1, 0],
				[0, 0, 0]
			],
			'social-prescribing-outcomes': [
				[1, 1, 0],
				[0, 0, 0]
			]
		});
		const practices = async (organisationId: string) =>
			(await raw(organisationId, 'referrals-by-source', 'practice')).rows.map((r) => r.label);
		expect(await practices(data.north)).toEqual([
			'Alder Practice',
			'Birch Surgery',
			'Cedar Health Centre'
		]);
		expect(await practices(data.south)).toEqual(['Aardvark Surgery']);
	});

	it('shows a PCN total with its small parts suppressed, and the parts that reveal them', async () => {
		const shown = (tableId: string) =>
			loadReportTable(db(), data.north, { period: PERIOD, breakdown: 'none' }, tableId);
		// all, GP, hospital discharge, community services, VCSE, self, family or carer
		expect((await shown('referrals-by-source'))!.total).toMatchObject({
			current: {
				all: 19,
				gp_practice: 8,
				hospital_discharge: S,
				community_services: S,
				vcse: S,
				self: S,
				family_carer: S
			},
			previous: {
				all: 6,
				gp_practice: S,
				hospital_discharge: S,
				community_services: 0,
				vcse: S,
				self: S,
				family_carer: 0
			}
		});
		// 3 awaiting alone would be 19 − 16: the smaller of the others, 16 contacted, goes too,
		// and with it the percentage and median over it. Suppressed together with the other
		// referral tables (the groups' counts they share), within target goes as well.
		expect((await shown('first-contact'))!.total).toMatchObject({
			current: {
				received: 19,
				contacted: S,
				awaiting: S,
				within_target: S,
				over_target: S,
				percent_within: S,
				median_days: S
			},
			previous: {
				received: 6,
				contacted: S,
				awaiting: S,
				within_target: S,
				over_target: S,
				percent_within: S,
				median_days: S
			}
		});
		expect((await shown('mdt-discussions'))!.total).toMatchObject({
			current: { cases: 8, discussed: S, carried_forward: S },
			previous: { cases: S, discussed: S, carried_forward: S }
		});
	});

	it('shows a median over a shown count of five or more, hides it over fewer', async () => {
		const table = await loadReportTable(
			db(),
			data.north,
			{ period: PERIOD, breakdown: 'none' },
			'mdt-actions'
		);
		expect(table!.total).toMatchObject({
			current: { created: 7, completed: 5, median_days: 7, overdue: S },
			previous: { created: S, completed: S, median_days: S, overdue: S }
		});
	});

	/** A table whose balances hold in every row: a reader can only rely on those. */
	const withTrueBalances = (table: RawReportTable): RawReportTable => ({
		...table,
		balances: (table.balances ?? []).filter((balance) =>
			[...table.rows, table.total].every(
				(row) => balance.reduce((s, t) => s + t.sign * (row[t.period][t.column] ?? 0), 0) === 0
			)
		)
	});

	it('under every breakdown, every table hides each count of 1 to 4 and shows the rest', async () => {
		const wrong: unknown[] = [];
		for (const { id } of REPORT_TABLES) {
			for (const breakdown of BREAKDOWNS) {
				const table = await raw(data.north, id, breakdown);
				const shown = suppressSmallNumbers(table);
				const rows = [...table.rows, table.total];
				[...shown.rows, shown.total].forEach((row, i) => {
					for (const period of ['current', 'previous'] as const) {
						for (const column of table.columns.filter((c) => c.kind === 'count')) {
							const value = rows[i][period][column.key] ?? 0;
							const figure = row[period][column.key];
							const right = isSmallNumber(value)
								? figure === S
								: figure === value || (value > 0 && figure === S);
							if (!right) wrong.push({ id, breakdown, row: row.label, column, value, figure });
						}
					}
				});
			}
		}
		expect(wrong).toEqual([]);
	});

	// KNOWN HOLE (reported to the lead): first contact by ethnic group, Q4. "Mixed" shows 0 within
	// target, so its contacted = its later-than-target; "received" adds up to 19 over the groups,
	// and with every suppressed count at least 1 the hidden received of Mixed and awaiting of
	// Black can only be 2 and 1: Mixed had 1 referral awaiting and 1 contacted late. Bounds
	// over one equation at a time (disclosure.ts) do not see it; see also the unit test
	// "protects counts that bounds from several sums at once give away".
	it('under every breakdown, no suppressed count of any table can be worked out', async () => {
		const disclosed: unknown[] = [];
		for (const { id } of REPORT_TABLES) {
			for (const breakdown of BREAKDOWNS) {
				const table = await raw(data.north, id, breakdown);
				const shown = suppressSmallNumbers(table);
				// A reader who knows that a zero is always shown knows every suppressed count is 1 or more.
				for (const found of disclosedCells(withTrueBalances(table), shown, { atLeast: 1 })) {
					disclosed.push({ id, breakdown, ...found });
				}
			}
		}
		expect(disclosed).toEqual([]);
	});

	/** Columns of different tables that count the same thing in every row and period. */
	const LINKED: [string, string][][] = [
		[
			['referrals-by-source', 'all'],
			['referrals-by-need', 'all'],
			['referrals-by-month', 'all'],
			['triage-outcomes', 'all'],
			['first-contact', 'received']
		],
		[
			['triage-outcomes', 'signposted'],
			['signposted-to', 'all']
		],
		[
			['social-prescribing-by-category', 'all'],
			['social-prescribing-outcomes', 'all']
		]
	];

	// KNOWN HOLE (reported to the lead): each table is suppressed on its own, but the dashboard
	// (and each CSV) shows several tables that count the same referrals. By sex, Q3's total of
	// referrals by source is suppressed, yet referrals by main need shows it (6), and with it
	// the women's and men's referrals by source come back; by age band, first contact hides
	// the 5 referrals of people 85 and over that the other referral tables show, which gives
	// their 5 contacted (none awaiting) and then the 4 within target and 1 later.
	it('no suppressed count can be worked out with what the other tables show', async () => {
		const disclosed: unknown[] = [];
		for (const breakdown of BREAKDOWNS) {
			for (const linked of LINKED) {
				const tables = await Promise.all(linked.map(([id]) => raw(data.north, id, breakdown)));
				const shown = suppressTogether(tables, REPORT_LINKS);
				// What any of them shows of the count they share, by row and period.
				const known = new Map<string, number>();
				shown.forEach((table, t) =>
					[...table.rows, table.total].forEach((row, i) => {
						for (const period of ['current', 'previous'] as const) {
							const figure = row[period][linked[t][1]];
							if (typeof figure === 'number') known.set(`${i} ${period}`, figure);
						}
					})
				);
				shown.forEach((table, t) => {
					const withOthers = structuredClone(table);
					[...withOthers.rows, withOthers.total].forEach((row, i) => {
						for (const period of ['current', 'previous'] as const) {
							const figure = known.get(`${i} ${period}`);
							if (figure !== undefined) row[period][linked[t][1]] = figure;
						}
					});
					const reader = disclosedCells(withTrueBalances(tables[t]), withOthers, { atLeast: 1 });
					for (const found of reader) {
						disclosed.push({ breakdown, id: linked[t][0], ...found });
					}
				});
			}
		}
		expect(disclosed.slice(0, 5), `${disclosed.length} counts`).toEqual([]);
	});
});

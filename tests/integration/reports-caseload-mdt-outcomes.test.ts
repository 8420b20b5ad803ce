/**
 * The caseload, MDT, outcome and social prescribing reports of a PCN, each figure checked
 * against values worked out by hand from the dataset of reports-dataset.ts (Q4 2026 against Q3).
 */
import { beforeAll, expect, it } from 'vitest';
import {
	SERVICE_CATEGORIES,
	SERVICE_REFERRAL_STATUSES
} from '../../src/lib/domain/community-services';
import { ONS4_QUESTIONS } from '../../src/lib/domain/measures';
import type { Breakdown } from '../../src/lib/domain/reports';
import { computeReportTable, reportContext } from '../../src/lib/server/reports';
import { describeEachDatabase } from './fixtures';
import { PERIOD } from './reports-dataset';
import { insertReportDataset, reportFigures, type ReportDataset } from './reports-fixtures';

const TOTAL = 'All people';
const NOT_KNOWN = 'Not known';
const [ALDER, BIRCH, CEDAR] = ['Alder Practice', 'Birch Surgery', 'Cedar Health Centre'];
const PRACTICES = [ALDER, BIRCH, CEDAR, TOTAL];
const BANDS = ['Under 18', '18 to 44', '45 to 64', '65 to 74', '75 to 84', '85 and over'];
const byLabel = (labels: string[], figures: (number | null)[][]) =>
	Object.fromEntries(labels.map((label, i) => [label, figures[i]]));

describeEachDatabase('caseload, MDT and outcome reports, worked out by hand', (db) => {
	let data: ReportDataset;
	beforeAll(async () => {
		data = await insertReportDataset(db());
	});
	const figures = (table: string, breakdown: Breakdown, keys: readonly string[]) =>
		reportFigures(db(), data.north, table, breakdown, keys);

	it('caseload: on it at the end, came on and left, by reason', async () => {
		// on at the end; came on: all, from a referral, proactively; left: all, goals met, moved
		// away, declined, died
		const keys = [
			'open_end',
			'opened',
			'opened_accepted_from_referral',
			'opened_proactively_identified',
			'closed',
			'closed_goals_met',
			'closed_moved_away',
			'closed_declined',
			'closed_died'
		];
		expect(await figures('caseload-flow', 'practice', keys)).toEqual({
			current: byLabel(PRACTICES, [
				[2, 1, 0, 1, 1, 1, 0, 0, 0],
				[1, 2, 2, 0, 2, 1, 1, 0, 0],
				[2, 2, 1, 1, 1, 0, 0, 0, 1], // E5 opened, E6 closed on the last day
				[5, 5, 3, 2, 4, 2, 1, 0, 1]
			]),
			previous: byLabel(PRACTICES, [
				[2, 2, 1, 1, 1, 0, 0, 1, 0],
				[1, 0, 0, 0, 1, 0, 1, 0, 0],
				[1, 2, 2, 0, 1, 1, 0, 0, 0],
				[4, 4, 3, 1, 3, 1, 1, 1, 0]
			])
		});
		// a2 is 74 (65 to 74) while on the caseload at the end of Q3, 75 when leaving it in Q4.
		expect(await figures('caseload-flow', 'ageBand', keys)).toEqual({
			current: byLabel(
				[...BANDS, TOTAL],
				[
					[0, 0, 0, 0, 0, 0, 0, 0, 0],
					[0, 0, 0, 0, 0, 0, 0, 0, 0],
					[0, 0, 0, 0, 1, 0, 1, 0, 0],
					[2, 2, 1, 1, 1, 1, 0, 0, 0],
					[1, 2, 2, 0, 2, 1, 0, 0, 1],
					[2, 1, 0, 1, 0, 0, 0, 0, 0],
					[5, 5, 3, 2, 4, 2, 1, 0, 1]
				]
			),
			previous: byLabel(
				[...BANDS, TOTAL],
				[
					[0, 0, 0, 0, 0, 0, 0, 0, 0],
					[0, 1, 1, 0, 1, 1, 0, 0, 0],
					[1, 0, 0, 0, 0, 0, 0, 0, 0],
					[2, 3, 2, 1, 1, 0, 0, 1, 0],
					[0, 0, 0, 0, 0, 0, 0, 0, 0],
					[1, 0, 0, 0, 1, 0, 1, 0, 0],
					[4, 4, 3, 1, 3, 1, 1, 1, 0]
				]
			)
		});
	});

	it('MDT: cases of ended meetings by their London day, discussed or carried forward', async () => {
		// An item about no one counts in a group "Not known"; the scheduled, cancelled, earlier and
		// later meetings count nowhere.
		const keys = ['cases', 'discussed', 'carried_forward'];
		expect(await figures('mdt-discussions', 'practice', keys)).toEqual({
			current: byLabel(
				[ALDER, BIRCH, CEDAR, NOT_KNOWN, TOTAL],
				[
					[3, 3, 0],
					[2, 1, 1],
					[2, 1, 1],
					[1, 1, 0],
					[8, 6, 2]
				]
			),
			previous: byLabel(
				[ALDER, BIRCH, CEDAR, NOT_KNOWN, TOTAL],
				[
					[1, 1, 0],
					[1, 1, 0],
					[1, 0, 1],
					[0, 0, 0],
					[3, 2, 1]
				]
			)
		});
		expect(await figures('mdt-discussions', 'ageBand', keys)).toEqual({
			current: byLabel(
				[...BANDS, NOT_KNOWN, TOTAL],
				[
					[0, 0, 0],
					[0, 0, 0],
					[0, 0, 0],
					[1, 1, 0],
					[3, 3, 0],
					[3, 1, 2],
					[1, 1, 0],
					[8, 6, 2]
				]
			),
			previous: byLabel(
				[...BANDS, NOT_KNOWN, TOTAL],
				[
					[0, 0, 0],
					[0, 0, 0],
					[1, 1, 0],
					[1, 0, 1],
					[0, 0, 0],
					[1, 1, 0],
					[0, 0, 0],
					[3, 2, 1]
				]
			)
		});
	});

	it('actions: created, completed with the median days, overdue at the end', async () => {
		const keys = ['created', 'completed', 'median_days', 'overdue'];
		expect(await figures('mdt-actions', 'practice', keys)).toEqual({
			current: byLabel(
				[ALDER, BIRCH, CEDAR, NOT_KNOWN, TOTAL],
				[
					[2, 2, 7, 2],
					[2, 1, 61, 1],
					[2, 1, 30, 1], // A5, done on 1 January, is overdue at the end of 31 December
					[1, 1, 0, 0],
					[7, 5, 7, 4]
				]
			),
			previous: byLabel(
				[ALDER, BIRCH, CEDAR, NOT_KNOWN, TOTAL],
				[
					[1, 0, null, 2],
					[2, 1, 10, 1],
					[1, 0, null, 0], // A6 was cancelled
					[0, 0, null, 0],
					[4, 1, 10, 3]
				]
			)
		});
		expect(await figures('mdt-actions', 'ageBand', keys)).toEqual({
			current: byLabel(
				[...BANDS, NOT_KNOWN, TOTAL],
				[
					[1, 0, null, 1],
					[0, 0, null, 0],
					[0, 1, 61, 0],
					[1, 1, 30, 1],
					[1, 1, 7, 0],
					[3, 1, 7, 2],
					[1, 1, 0, 0],
					[7, 5, 7, 4]
				]
			),
			previous: byLabel(
				[...BANDS, NOT_KNOWN, TOTAL],
				[
					[0, 0, null, 0],
					[0, 0, null, 0],
					[1, 0, null, 1],
					[2, 1, 10, 2],
					[1, 0, null, 0],
					[0, 0, null, 0],
					[0, 0, null, 0],
					[4, 1, 10, 3]
				]
			)
		});
	});

	// An event about no one is not a person who did not state their ethnicity ("Not stated").
	it('actions about no one are "Not known" by ethnic group too, not "Not stated"', async () => {
		const context = await reportContext(db(), data.north, {
			period: PERIOD,
			breakdown: 'ethnicGroup'
		});
		const table = (await computeReportTable(context, 'mdt-actions'))!;
		const created = Object.fromEntries(
			[...table.rows, table.total].map((row) => [row.key, row.current.created])
		);
		expect(created).toEqual({
			white: 4,
			mixed: 1,
			asian: 0,
			black: 1,
			other: 0,
			not_stated: 0,
			unknown: 1,
			total: 7
		});
	});

	it('PAM: first level ever against the latest of the period, and the mean change', async () => {
		// people, level up, same, down, mean change in score
		const keys = ['people', 'improved', 'same', 'worse', 'mean_change'];
		expect(await figures('pam-change', 'practice', keys)).toEqual({
			// +20 and +3.5 at Alder; +10 at Birch; c1's later PAM of 15 October: +8
			current: byLabel(PRACTICES, [
				[2, 1, 1, 0, 11.8],
				[1, 1, 0, 0, 10],
				[1, 1, 0, 0, 8],
				[4, 3, 1, 0, 10.4]
			]),
			previous: byLabel(PRACTICES, [
				[0, 0, 0, 0, null],
				[1, 0, 0, 1, -8],
				[1, 0, 0, 1, -15],
				[2, 0, 0, 2, -11.5]
			])
		});
		expect(await figures('pam-change', 'ageBand', keys)).toEqual({
			current: byLabel(
				[...BANDS, TOTAL],
				[
					[0, 0, 0, 0, null],
					[0, 0, 0, 0, null],
					[0, 0, 0, 0, null],
					[0, 0, 0, 0, null],
					[1, 0, 1, 0, 3.5],
					[3, 3, 0, 0, 12.7],
					[4, 3, 1, 0, 10.4]
				]
			),
			previous: byLabel(
				[...BANDS, TOTAL],
				[
					[0, 0, 0, 0, null],
					[0, 0, 0, 0, null],
					[0, 0, 0, 0, null],
					[0, 0, 0, 0, null],
					[1, 0, 0, 1, -15],
					[1, 0, 0, 1, -8],
					[2, 0, 0, 2, -11.5]
				]
			)
		});
	});

	it('ONS4: each question on its own, first ever and latest of the period', async () => {
		const keys = [
			'people',
			...ONS4_QUESTIONS.flatMap((q) => [`first_${q}`, `latest_${q}`, `change_${q}`])
		];
		// people; then life satisfaction, worthwhile, happy, anxious: first, latest, change
		expect(await figures('ons4-change', 'practice', keys)).toEqual({
			current: byLabel(PRACTICES, [
				[1, 5, 7, 2, 6, 7, 1, 4, 6, 2, 7, 3, -4],
				[1, 3, 6, 3, 4, 5, 1, 5, 7, 2, 8, 5, -3],
				[0, null, null, null, null, null, null, null, null, null, null, null, null],
				[2, 4, 6.5, 2.5, 5, 6, 1, 4.5, 6.5, 2, 7.5, 4, -3.5]
			]),
			previous: byLabel(PRACTICES, [
				[0, null, null, null, null, null, null, null, null, null, null, null, null],
				[1, 3, 4, 1, 4, 4, 0, 5, 6, 1, 8, 6, -2],
				[0, null, null, null, null, null, null, null, null, null, null, null, null],
				[1, 3, 4, 1, 4, 4, 0, 5, 6, 1, 8, 6, -2]
			])
		});
	});

	it('social prescribing: referrals to services by category and by where they are now', async () => {
		const categories = ['all', ...SERVICE_CATEGORIES];
		// all; benefits, employment, training, housing, peer support, self-management,
		// befriending, physical activity, carers' support, mental wellbeing
		expect(await figures('social-prescribing-by-category', 'practice', categories)).toEqual({
			current: byLabel(PRACTICES, [
				[2, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0],
				[2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
				[2, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0],
				[6, 2, 0, 0, 0, 0, 0, 2, 1, 1, 0]
			]),
			previous: byLabel(PRACTICES, [
				[1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
				[1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
				[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
				[2, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0]
			])
		});
		// c5 turns 18 on 31 December, the day S5 is counted for.
		const current = await figures('social-prescribing-by-category', 'ageBand', categories);
		expect(current.current).toEqual(
			byLabel(
				[...BANDS, TOTAL],
				[
					[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
					[1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
					[1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
					[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
					[1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
					[3, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0],
					[6, 2, 0, 0, 0, 0, 0, 2, 1, 1, 0]
				]
			)
		);
		// all; sent, accepted, attended, did not attend, declined, closed
		const statuses = ['all', ...SERVICE_REFERRAL_STATUSES];
		expect(await figures('social-prescribing-outcomes', 'practice', statuses)).toEqual({
			current: byLabel(PRACTICES, [
				[2, 0, 0, 1, 1, 0, 0],
				[2, 1, 1, 0, 0, 0, 0],
				[2, 0, 0, 1, 0, 1, 0],
				[6, 1, 1, 2, 1, 1, 0]
			]),
			previous: byLabel(PRACTICES, [
				[1, 0, 0, 0, 0, 0, 1],
				[1, 0, 0, 1, 0, 0, 0],
				[0, 0, 0, 0, 0, 0, 0],
				[2, 0, 0, 1, 0, 0, 1]
			])
		});
	});
});

import { describe, expect, it } from 'vitest';
import {
	ons4Series,
	ons4TrendSummary,
	pamSeries,
	pamTrendSummary,
	type StoredMeasure
} from '../../src/lib/domain/measure-series';

const pam = (id: string, recordedOn: string, pamScore: number): StoredMeasure => ({
	id,
	kind: 'pam',
	recordedOn,
	pamScore,
	ons4: null
});
const ons4 = (id: string, recordedOn: string, answers: unknown): StoredMeasure => ({
	id,
	kind: 'ons4',
	recordedOn,
	pamScore: null,
	ons4: answers
});
const set = (lifeSatisfaction: number, worthwhile: number, happy: number, anxious: number) => ({
	lifeSatisfaction,
	worthwhile,
	happy,
	anxious
});

describe('PAM over time', () => {
	it('runs oldest first, each score with its level, ONS4 rows left out', () => {
		const series = pamSeries([
			pam('b', '2026-06-01', 55.2),
			ons4('x', '2026-05-01', set(5, 5, 5, 5)),
			pam('a', '2026-01-10', 38.2)
		]);
		expect(series).toEqual([
			{ id: 'a', on: '2026-01-10', score: 38.2, level: 1 },
			{ id: 'b', on: '2026-06-01', score: 55.2, level: 3 }
		]);
	});

	it('orders two scores of one day by when they were entered', () => {
		const series = pamSeries([
			{ ...pam('later', '2026-06-01', 60), createdAt: '2026-06-01T12:00:00Z' },
			{ ...pam('earlier', '2026-06-01', 50), createdAt: '2026-06-01T09:00:00Z' }
		]);
		expect(series.map((p) => p.id)).toEqual(['earlier', 'later']);
	});

	it('leaves out a score that is none or out of range', () => {
		expect(
			pamSeries([{ ...pam('a', '2026-01-01', 0), pamScore: null }, pam('b', '2026-01-02', 101)])
		).toEqual([]);
	});

	it('says what the chart shows', () => {
		expect(pamTrendSummary([])).toBe('PAM score over time: no scores recorded.');
		expect(pamTrendSummary(pamSeries([pam('a', '2026-01-10', 38.2)]))).toBe(
			'PAM score over time: 1 score on 10 Jan 2026, 38.2 (level 1).'
		);
		expect(
			pamTrendSummary(
				pamSeries([
					pam('a', '2026-01-10', 38.2),
					pam('b', '2026-03-02', 44),
					pam('c', '2026-06-01', 56)
				])
			)
		).toBe(
			'PAM score over time: 3 scores from 10 Jan 2026 to 1 Jun 2026, rising from 38.2 (level 1) to 56.0 (level 3).'
		);
		expect(
			pamTrendSummary(pamSeries([pam('a', '2026-01-10', 70), pam('b', '2026-03-02', 47)]))
		).toContain('falling from 70.0 (level 4) to 47.0 (level 1)');
	});
});

describe('ONS4 over time', () => {
	it('bands each answer on its own, anxiety the other way round', () => {
		const [point] = ons4Series([ons4('a', '2026-02-01', set(4, 6, 8, 6))]);
		expect(point.bands).toEqual({
			lifeSatisfaction: 'low',
			worthwhile: 'medium',
			happy: 'high',
			anxious: 'high'
		});
		const [calm] = ons4Series([ons4('b', '2026-02-01', set(9, 10, 5, 1))]);
		expect(calm.bands).toEqual({
			lifeSatisfaction: 'very high',
			worthwhile: 'very high',
			happy: 'medium',
			anxious: 'very low'
		});
	});

	it('leaves out a stored set that is not four whole answers from 0 to 10', () => {
		const series = ons4Series([
			ons4('a', '2026-02-01', { lifeSatisfaction: 5, worthwhile: 5, happy: 5 }),
			ons4('b', '2026-02-02', set(5, 5, 5, 11)),
			ons4('c', '2026-02-03', null),
			ons4('d', '2026-02-04', set(5, 5, 5.5, 5)),
			ons4('e', '2026-02-05', set(5, 5, 5, 5))
		]);
		expect(series.map((p) => p.id)).toEqual(['e']);
	});

	it('says what the chart shows, each question apart and anxiety lower is better', () => {
		expect(ons4TrendSummary([])).toBe('ONS4 personal wellbeing over time: no answers recorded.');
		expect(ons4TrendSummary(ons4Series([ons4('a', '2026-02-01', set(4, 6, 3, 8))]))).toBe(
			'ONS4 personal wellbeing over time: 1 set of answers on 1 Feb 2026; life satisfaction 4; worthwhile 6; happy yesterday 3; anxious yesterday 8, lower is better.'
		);
		expect(
			ons4TrendSummary(
				ons4Series([
					ons4('a', '2026-02-01', set(4, 6, 3, 8)),
					ons4('b', '2026-05-01', set(6, 6, 7, 5))
				])
			)
		).toBe(
			'ONS4 personal wellbeing over time: 2 sets of answers from 1 Feb 2026 to 1 May 2026; life satisfaction rising from 4 to 6; worthwhile unchanged from 6 to 6; happy yesterday rising from 3 to 7; anxious yesterday falling from 8 to 5, lower is better.'
		);
	});
});

import { describe, expect, it } from 'vitest';
import {
	dateTicks,
	dayNumber,
	dayOf,
	ons4Series,
	ons4TrendSummary,
	pamSeries,
	pamTrendSummary,
	timeAxisBounds,
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
			'PAM score over time: 3 scores from 10 Jan 2026 to 1 Jun 2026, rising from 38.2 (level 1) to 56.0 (level 3); lowest 38.2 (level 1) on 10 Jan 2026, highest 56.0 (level 3) on 1 Jun 2026.'
		);
		expect(
			pamTrendSummary(pamSeries([pam('a', '2026-01-10', 70), pam('b', '2026-03-02', 47)]))
		).toBe(
			'PAM score over time: 2 scores from 10 Jan 2026 to 2 Mar 2026, falling from 70.0 (level 4) to 47.0 (level 1).'
		);
	});

	it('gives the lowest and highest too, so a fall and a recovery between the ends are heard', () => {
		expect(
			pamTrendSummary(
				pamSeries([
					pam('a', '2000-01-01', 50),
					pam('b', '2026-11-30', 100),
					pam('c', '2026-11-30', 0),
					pam('d', '2026-11-30', 50)
				])
			)
		).toBe(
			'PAM score over time: 4 scores from 1 Jan 2000 to 30 Nov 2026, unchanged from 50.0 (level 2) to 50.0 (level 2); lowest 0.0 (level 1) on 30 Nov 2026, highest 100.0 (level 4) on 30 Nov 2026.'
		);
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

	it('gives each question’s lowest and highest, with their dates, for more than two sets', () => {
		expect(
			ons4TrendSummary(
				ons4Series([
					ons4('a', '2026-02-01', set(4, 6, 3, 8)),
					ons4('b', '2026-03-01', set(1, 6, 9, 2)),
					ons4('c', '2026-05-01', set(6, 6, 7, 5))
				])
			)
		).toBe(
			'ONS4 personal wellbeing over time: 3 sets of answers from 1 Feb 2026 to 1 May 2026; life satisfaction rising from 4 to 6, lowest 1 on 1 Mar 2026, highest 6 on 1 May 2026; worthwhile unchanged from 6 to 6, lowest 6 on 1 Feb 2026, highest 6 on 1 Feb 2026; happy yesterday rising from 3 to 7, lowest 3 on 1 Feb 2026, highest 9 on 1 Mar 2026; anxious yesterday falling from 8 to 5, lowest 2 on 1 Mar 2026, highest 8 on 1 Feb 2026, lower is better.'
		);
	});
});

describe('the charts’ time axis', () => {
	it('places points by their day, so distance is time and not the count of entries', () => {
		expect(dayNumber('1970-01-02')).toBe(1);
		expect(dayNumber('2026-11-30') - dayNumber('2000-01-01')).toBe(9830);
		expect(dayNumber('2026-03-30') - dayNumber('2026-03-29')).toBe(1);
		expect(dayOf(dayNumber('2026-11-30'))).toBe('2026-11-30');
	});

	it('leaves room either side of the first and last points, and a fortnight around one', () => {
		expect(timeAxisBounds([100, 200])).toEqual({ min: 96, max: 204 });
		expect(timeAxisBounds([100, 100])).toEqual({ min: 86, max: 114 });
		expect(timeAxisBounds([100, 102])).toEqual({ min: 99, max: 103 });
	});

	it('ticks at whole months, labelled like Nov 2026, when months fit', () => {
		const ticks = dateTicks(dayNumber('2026-06-15'), dayNumber('2026-11-30'), 6);
		expect(ticks.map((t) => t.label)).toEqual([
			'Jul 2026',
			'Aug 2026',
			'Sep 2026',
			'Oct 2026',
			'Nov 2026'
		]);
		expect(ticks[0].value).toBe(dayNumber('2026-07-01'));
	});

	it('ticks at years over decades and at days within a month, never more than asked', () => {
		const decades = dateTicks(dayNumber('2000-01-01'), dayNumber('2026-11-30'), 4);
		expect(decades.map((t) => t.label)).toEqual(['2000', '2010', '2020']);
		const month = dateTicks(dayNumber('2026-11-01'), dayNumber('2026-11-30'), 5);
		expect(month.length).toBeLessThanOrEqual(5);
		expect(month[0].label).toMatch(/^\d{1,2} (Oct|Nov) 2026$/);
		expect(dateTicks(Number.NaN, 1, 5)).toEqual([]);
	});
});

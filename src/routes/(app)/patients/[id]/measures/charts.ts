/**
 * Chart.js for the Measures tab: the parts the two line charts use (the library loads in the
 * browser, once: $lib/components/chart-js.ts), their time axis and tooltips.
 */
import type { Plugin, ScaleOptions } from 'chart.js';
import { loadChartJs } from '$lib/components/chart-js';
import { dateTicks, dayOf, timeAxisBounds } from '$lib/domain/measure-series';
import { formatCalendarDate } from '$lib/domain/london-time';

/** The Chart class with the line charts' parts registered (the library loads once). */
export const loadChart = () =>
	loadChartJs((c) => [
		c.LineController,
		c.LineElement,
		c.PointElement,
		c.LinearScale,
		c.Legend,
		c.Tooltip
	]);

/**
 * The x-axis of a chart over time: a linear scale in day numbers (dayNumber), so that points are
 * spaced by the time between them, with ticks at whole days, months or years labelled as dates.
 * Chart.js's time scale would need a date adapter; this needs none. `days` are the points' days.
 */
export function timeAxis(days: readonly number[]): ScaleOptions<'linear'> {
	return {
		type: 'linear',
		...timeAxisBounds(days),
		title: { display: true, text: 'Date recorded' },
		afterBuildTicks(scale) {
			// About one label per 70 px: "Nov 2026" fits, with room between, on a phone too.
			const most = Math.max(2, Math.floor((scale.width || 300) / 70));
			scale.ticks = dateTicks(scale.min, scale.max, most).map(({ value, label }) => ({
				value,
				label
			}));
		},
		ticks: {
			autoSkip: false,
			maxRotation: 0,
			callback(value, index, ticks) {
				return (ticks[index] as { label?: string }).label ?? formatCalendarDate(dayOf(+value));
			}
		}
	};
}

/** A tooltip's title: the point's date, not its day number. */
export function dateTitle(items: { parsed: { x: number | null } }[]): string {
	const x = items[0]?.parsed.x;
	return x === null || x === undefined ? '' : formatCalendarDate(dayOf(x));
}

export type Band = { from: number; to: number; label: string; colour: string };

/** Room to the right of the chart area for the band labels ("Level 4" at 11px). */
export const BAND_LABEL_ROOM = 48;

/**
 * Shades horizontal bands behind the lines (PAM's four levels), each labelled in the room to the
 * right of the chart area, half-way up its band, so a label never sits on a line and the level a
 * score falls in can be seen without reading the axis. Give the chart `layout.padding.right`
 * of BAND_LABEL_ROOM.
 */
export function bandsPlugin(bands: readonly Band[]): Plugin<'line'> {
	return {
		id: 'bands',
		beforeDatasetsDraw(chart) {
			const { ctx, chartArea, scales } = chart;
			const y = scales.y;
			ctx.save();
			for (const band of bands) {
				const top = y.getPixelForValue(band.to);
				const bottom = y.getPixelForValue(band.from);
				ctx.fillStyle = band.colour;
				ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
				ctx.fillStyle = '#4c6272';
				ctx.font = '11px Frutiger W01, Arial, sans-serif';
				ctx.textAlign = 'left';
				ctx.textBaseline = 'middle';
				ctx.fillText(band.label, chartArea.right + 6, (top + bottom) / 2);
			}
			ctx.restore();
		}
	};
}

/**
 * NHS identity colours, one per line, with a dash pattern and a point shape too, so colour is
 * never the only cue and lines with the same values (drawn on top of each other) can still be
 * told apart by their points.
 */
export const LINE_STYLES = [
	{ colour: '#005eb8', dash: [], point: 'circle' },
	{ colour: '#007f3b', dash: [2, 3], point: 'triangle' },
	{ colour: '#330072', dash: [8, 3, 2, 3], point: 'rect' },
	{ colour: '#d5281b', dash: [8, 4], point: 'crossRot' }
] as const;

export type LineStyle = (typeof LINE_STYLES)[number];

/**
 * A legend key drawn as the line looks: its dash with its (hollow) point shape in the middle
 * (Chart.js's own legend shows a box or the point alone).
 */
export function legendKey(style: LineStyle): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	canvas.width = 40;
	canvas.height = 14;
	const ctx = canvas.getContext('2d');
	if (!ctx) return canvas;
	ctx.strokeStyle = style.colour;
	ctx.lineWidth = 2;
	ctx.setLineDash([...style.dash]);
	ctx.beginPath();
	ctx.moveTo(0, 7);
	ctx.lineTo(40, 7);
	ctx.stroke();
	ctx.setLineDash([]);
	ctx.beginPath();
	const [x, y, r] = [20, 7, 5];
	if (style.point === 'circle') ctx.arc(x, y, r, 0, Math.PI * 2);
	else if (style.point === 'triangle') {
		ctx.moveTo(x, y - r);
		ctx.lineTo(x + r, y + r * 0.8);
		ctx.lineTo(x - r, y + r * 0.8);
		ctx.closePath();
	} else if (style.point === 'rect') ctx.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
	else {
		ctx.moveTo(x - r, y - r);
		ctx.lineTo(x + r, y + r);
		ctx.moveTo(x + r, y - r);
		ctx.lineTo(x - r, y + r);
	}
	ctx.stroke();
	return canvas;
}

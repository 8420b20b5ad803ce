/**
 * Chart.js for the Measures tab, loaded in the browser only (the page renders on the server
 * first, where there is no canvas): only the parts the two line charts use, registered once.
 */
import type { Chart, Plugin } from 'chart.js';

let loading: Promise<typeof Chart> | null = null;

/** The Chart class with the line chart's parts registered; the module loads on first use. */
export function loadChart(): Promise<typeof Chart> {
	loading ??= import('chart.js').then((chartJs) => {
		chartJs.Chart.register(
			chartJs.LineController,
			chartJs.LineElement,
			chartJs.PointElement,
			chartJs.LinearScale,
			chartJs.CategoryScale,
			chartJs.Legend,
			chartJs.Tooltip
		);
		return chartJs.Chart;
	});
	return loading;
}

export type Band = { from: number; to: number; label: string; colour: string };

/**
 * Shades horizontal bands behind the lines (PAM's four levels), each labelled at its left, so the
 * level a score falls in can be seen without reading the axis.
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
				ctx.font = '12px Frutiger W01, Arial, sans-serif';
				ctx.textBaseline = 'top';
				ctx.fillText(band.label, chartArea.left + 4, top + 2);
			}
			ctx.restore();
		}
	};
}

/** NHS identity colours, one per line, with a dash pattern too so colour is never the only cue. */
export const LINE_STYLES = [
	{ colour: '#005eb8', dash: [] },
	{ colour: '#007f3b', dash: [2, 3] },
	{ colour: '#330072', dash: [8, 3, 2, 3] },
	{ colour: '#d5281b', dash: [8, 4] }
] as const;

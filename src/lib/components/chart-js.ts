/**
 * Chart.js, loaded in the browser only (pages render on the server first, where there is no
 * canvas) and once, with the parts each kind of chart needs registered (registering a part
 * again is harmless). The Measures tab and the Reports page draw with it.
 */
import type { Chart, ChartComponentLike } from 'chart.js';

type ChartJs = typeof import('chart.js');

let library: Promise<ChartJs> | null = null;

/**
 * The Chart class, with `parts(chartJs)` registered: the controllers, elements, scales and
 * plugins a chart uses. The library's module loads on the first call.
 */
export async function loadChartJs(
	parts: (chartJs: ChartJs) => ChartComponentLike[]
): Promise<typeof Chart> {
	library ??= import('chart.js');
	const chartJs = await library;
	chartJs.Chart.register(...parts(chartJs));
	return chartJs.Chart;
}

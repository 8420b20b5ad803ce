/**
 * Chart.js for the Reports page, loaded in the browser only (the page renders on the server
 * first, where there is no canvas): only the parts a bar chart uses, registered once. The same
 * library and pattern as the Measures tab's charts (patients/[id]/measures/charts.ts).
 */
import type { Chart } from 'chart.js';

let loading: Promise<typeof Chart> | null = null;

/** The Chart class with the bar chart's parts registered; the module loads on first use. */
export function loadChart(): Promise<typeof Chart> {
	loading ??= import('chart.js').then((chartJs) => {
		chartJs.Chart.register(
			chartJs.BarController,
			chartJs.BarElement,
			chartJs.CategoryScale,
			chartJs.LinearScale,
			chartJs.Legend,
			chartJs.Tooltip
		);
		return chartJs.Chart;
	});
	return loading;
}

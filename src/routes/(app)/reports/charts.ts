/**
 * Chart.js for the Reports page: the parts a bar chart uses (the library loads in the browser,
 * once: $lib/components/chart-js.ts).
 */
import { loadChartJs } from '$lib/components/chart-js';

/** The Chart class with the bar chart's parts registered. */
export const loadChart = () =>
	loadChartJs((c) => [
		c.BarController,
		c.BarElement,
		c.CategoryScale,
		c.LinearScale,
		c.Legend,
		c.Tooltip
	]);

/**
 * Preloaded into each benchmarked server (`node --import ./tests/bench/loop-delay.mjs`): measures
 * the server's event-loop delay over the benchmark's measured window. The first SIGUSR2 starts a
 * fresh histogram, the second writes `{ p50, p99, max }` in ms to BENCH_LOOP_DELAY_FILE. Plain
 * JavaScript, as it loads before tsx.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_DELAY_FILE;
if (file) {
	const histogram = monitorEventLoopDelay({ resolution: 10 });
	let measuring = false;
	process.on('SIGUSR2', () => {
		if (!measuring) {
			histogram.reset();
			histogram.enable();
			measuring = true;
			return;
		}
		histogram.disable();
		measuring = false;
		// The histogram holds whole sampling intervals: the delay is what exceeds the 10 ms.
		const ms = (ns) => Math.max(0, ns / 1e6 - 10);
		writeFileSync(
			file,
			JSON.stringify({
				p50: ms(histogram.percentile(50)),
				p99: ms(histogram.percentile(99)),
				max: ms(histogram.max)
			})
		);
	});
}

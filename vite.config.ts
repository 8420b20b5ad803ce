import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { mdtRealtime } from './server/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), mdtRealtime()],
	build: {
		rolldownOptions: {
			// Rolldown's timing report ("JavaScript callbacks ran for 11s…") lists which plugins
			// took the time on every build: a profiler's table, not a problem with our code.
			// Only this check is off: every other warning still prints.
			checks: { bundlerTimings: false }
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		// Generous, so that a busy machine never fails a test: they bound a hung test, nothing more.
		testTimeout: 120_000,
		hookTimeout: 180_000
	}
});

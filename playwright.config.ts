import { defineConfig } from '@playwright/test';

const PORT = 4173;
// `npm test` finds a browser (tests/browser.ts) and passes it here; an empty path means
// Playwright's own download. Run alone, CHROMIUM_PATH or Debian's chromium.
const executablePath =
	process.env.PLAYWRIGHT_CHROMIUM_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	// Generous, so that a busy machine never fails a test (axe-core alone can take tens of
	// seconds there): they bound a hung test, nothing more. Tests never assert durations.
	timeout: 120_000,
	expect: { timeout: 20_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: executablePath || undefined,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	// Specs that add records run after those that count the seeded demo data.
	projects: [
		{ name: 'reads', testIgnore: /\.writes\.spec\.ts$/ },
		{ name: 'writes', testMatch: /\.writes\.spec\.ts$/, dependencies: ['reads'] }
	],
	webServer: {
		// The built production server (server/index.ts), on a fresh PGlite, seeded as the demo is.
		command: 'rm -rf tests/e2e/.data && node --import tsx server/demo.ts',
		url: `http://127.0.0.1:${PORT}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: 'tests/e2e/.data',
			// The demo's people only: the tests count them.
			DEMO_HISTORY: 'off',
			ORIGIN: `http://127.0.0.1:${PORT}`
		}
	}
});

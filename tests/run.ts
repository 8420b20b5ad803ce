/**
 * `npm test`: type-check, unit and integration tests (PGlite always; PostgreSQL and Redis when
 * TEST_DATABASE_URL / TEST_REDIS_URL are set), a production build, then the browser tests
 * against the built server.
 */
import { spawnSync } from 'node:child_process';
import { findBrowser } from './browser';

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
	console.log(`\n▶ ${title}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	if (result.status !== 0) {
		console.error(`✖ ${title} failed`);
		process.exit(result.status ?? 1);
	}
}

const browser = findBrowser();
console.log(`Browser for e2e: ${browser.description}`);
for (const [name, variable] of [
	['PostgreSQL', 'TEST_DATABASE_URL'],
	['Redis', 'TEST_REDIS_URL']
]) {
	if (!process.env[variable]) {
		console.warn(`⚠ ${variable} is not set: the ${name} tests will be SKIPPED (PGlite/in-process only).`);
	}
}

run('Type check (svelte-check)', 'npx', ['svelte-kit', 'sync']);
run('Type check (svelte-check)', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']);
run('Unit and integration tests (vitest)', 'npx', ['vitest', 'run']);
run('Production build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
run('End-to-end tests (Playwright)', 'npx', ['playwright', 'test'], {
	PLAYWRIGHT_CHROMIUM_PATH: browser.executablePath ?? ''
});
console.log('\n✔ All test stages passed');

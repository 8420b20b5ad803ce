/**
 * /healthz on the production server, against a PostgreSQL of the test's own that it freezes:
 * the check answers 503 while the database does not answer — also for a request that carries a
 * session cookie, and on a fresh database that has no users yet (the hooks would otherwise wait
 * on the database before the route's own bounded check ever ran) — and 200 once it is back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { APIRequestContext } from '@playwright/test';
import { freePort, startOwnPostgres, type OwnPostgres } from '../integration/own-services';
import { expect } from '@playwright/test';
import { test } from './fixtures';

let postgres: OwnPostgres | null = null;
let server: ChildProcess | null = null;
let base = '';

test.beforeAll(async () => {
	test.setTimeout(180_000);
	postgres = await startOwnPostgres();
	if (!postgres) return;
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...process.env,
			DATABASE_URL: postgres.url,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			REDIS_URL: ''
		},
		stdio: 'ignore'
	});
});

test.afterAll(async () => {
	server?.kill('SIGKILL');
	await postgres?.destroy();
});

/** GET /healthz, with a session cookie if asked; the timeout only bounds a hung request. */
const health = (request: APIRequestContext, cookie?: string) =>
	request.get(`${base}/healthz`, {
		headers: cookie ? { cookie: `mdt_session=${cookie}` } : {},
		timeout: 30_000
	});

test('answers 503 while its database is frozen, with or without a session cookie, and 200 after', async ({
	request
}) => {
	test.skip(!postgres, 'PostgreSQL binaries (initdb, pg_ctl) not found');
	test.setTimeout(180_000);
	// Started: migrations applied, the check passes.
	await expect
		.poll(async () => (await health(request).catch(() => null))?.status(), { timeout: 120_000 })
		.toBe(200);

	postgres!.freeze();
	const frozen = await health(request, 'some-session.token');
	expect(frozen.status()).toBe(503);
	expect(await frozen.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
	expect((await health(request)).status()).toBe(503);

	postgres!.thaw();
	await expect.poll(async () => (await health(request)).status(), { timeout: 60_000 }).toBe(200);
});

/**
 * The reports benchmark's page timing, run as its own process by tests/bench/reports.ts: the
 * production build (copied to data/bench-build, so that a rebuild for the e2e tests does not
 * change it underneath) serves GET /reports to Large PCN's care coordinator, signed in, on the
 * database of DATABASE_URL or DATA_DIR. The time is the server's whole answer: the page's load
 * (every table, suppression, the audit record) and its server-side rendering, body read.
 * Prints one JSON line: `{ first, runs: { [breakdown]: ms[] } }`.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth';
import { initAppDatabase, schema } from '../../src/lib/server/db';
import { LARGE_PCN } from '../../src/lib/server/demo/large-pcn';
import { REPORT_TABLES } from '../../src/lib/server/reports';

const runs = Number(process.env.PAGE_RUNS ?? 20);
const breakdowns = (process.env.PAGE_BREAKDOWNS ?? 'practice').split(',');

// The app's database is opened here first; the build's hooks find it open (one per process).
const database = await initAppDatabase();
const { db } = database;
const [member] = await db
	.select({ userId: schema.user.id, organisationId: schema.membership.organisationId })
	.from(schema.user)
	.innerJoin(schema.membership, eq(schema.membership.userId, schema.user.id))
	.innerJoin(schema.organisation, eq(schema.organisation.id, schema.membership.organisationId))
	.where(
		and(
			eq(schema.user.email, LARGE_PCN.users[0].email),
			eq(schema.organisation.odsCode, LARGE_PCN.odsCode)
		)
	);
const { token } = await createSession(db, member.userId, member.organisationId);

const handlerPath = resolve('data/bench-build/handler.js');
const { handler } = (await import(handlerPath)) as { handler: RequestListener };
const server = createServer(handler);
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const { port } = server.address() as AddressInfo;

async function get(by: string): Promise<number> {
	const started = performance.now();
	const response = await fetch(`http://127.0.0.1:${port}/reports?by=${by}`, {
		headers: { cookie: `${SESSION_COOKIE}=${token}` },
		redirect: 'manual'
	});
	const body = await response.text();
	const ms = performance.now() - started;
	if (response.status !== 200 || !body.includes(REPORT_TABLES[0].title)) {
		throw new Error(`GET /reports?by=${by} answered ${response.status}`);
	}
	return ms;
}

const first = await get(breakdowns[0]);
const timings: Record<string, number[]> = {};
for (const by of breakdowns) {
	await get(by);
	timings[by] = [];
	for (let run = 0; run < runs; run++) timings[by].push(await get(by));
}
console.log(JSON.stringify({ first, runs: timings }));
server.close();
server.closeAllConnections();
await database.close();
process.exit(0);

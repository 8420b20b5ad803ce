/**
 * A real-time server in a process of its own, for the tests that kill, restart or scale it:
 * `node --import tsx tests/integration/collab-process.ts` with DATA_DIR or DATABASE_URL, PORT and
 * optionally REDIS_URL (and PEER_CHECK_MS, the interval of the periodic check between processes;
 * SESSION_CHECK_MS, that of open sockets' sessions).
 * It seeds the demo (idempotently), opens sessions for SESSIONS (a comma-separated list of
 * emails) and prints one JSON line: { port, tokens, documents }.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { createSession } from '../../src/lib/server/auth';
import { openDatabase, schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { attachRealtime } from '../../server/realtime';
import { ensureSeries } from '../../src/lib/server/meeting-series';

const database = await openDatabase({
	url: process.env.DATABASE_URL,
	dataDir: process.env.DATA_DIR
});
const db = database.db;
await seedDemo(db);

const tokens: Record<string, string> = {};
for (const email of (process.env.SESSIONS ?? '').split(',').filter(Boolean)) {
	const [row] = await db
		.select({ userId: schema.user.id, organisationId: schema.membership.organisationId })
		.from(schema.user)
		.innerJoin(schema.membership, eq(schema.membership.userId, schema.user.id))
		.where(eq(schema.user.email, email));
	tokens[email] = (await createSession(db, row.userId, row.organisationId)).token;
}

const [riverside] = await db
	.select()
	.from(schema.organisation)
	.where(eq(schema.organisation.odsCode, 'U99901'));
const [firstPatient] = await db
	.select({ id: schema.patient.id })
	.from(schema.patient)
	.where(eq(schema.patient.organisationId, riverside.id))
	.orderBy(schema.patient.nhsNumber)
	.limit(1);
let [testMeeting] = await db
	.select({ id: schema.meeting.id })
	.from(schema.meeting)
	.where(
		and(
			eq(schema.meeting.organisationId, riverside.id),
			eq(schema.meeting.title, 'Process test MDT')
		)
	);
testMeeting ??= (
	await db
		.insert(schema.meeting)
		.values({
			organisationId: riverside.id,
			seriesId: await ensureSeries(db, riverside.id, 'Process test MDT'),
			title: 'Process test MDT',
			startsAt: new Date()
		})
		.returning({ id: schema.meeting.id })
)[0];

const server = createServer((_req, res) => res.writeHead(404).end());
const realtime = attachRealtime(server, {
	db,
	dev: false,
	redisUrl: process.env.REDIS_URL,
	peerCheckMs: process.env.PEER_CHECK_MS ? Number(process.env.PEER_CHECK_MS) : undefined,
	sessionCheckMs: process.env.SESSION_CHECK_MS ? Number(process.env.SESSION_CHECK_MS) : undefined
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
	const { port } = server.address() as AddressInfo;
	console.log(
		JSON.stringify({
			port,
			tokens,
			documents: { careplan: `careplan:${firstPatient.id}`, meeting: `meeting:${testMeeting.id}` }
		})
	);
});

process.on('SIGTERM', async () => {
	await realtime.close();
	server.closeAllConnections();
	server.close();
	await database.close();
	process.exit(0);
});

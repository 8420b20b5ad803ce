/**
 * Prepares the benchmark's database for our server, then exits (PGlite allows one process per
 * data folder, so this must be gone before the server opens it). With DATABASE_URL or DATA_DIR,
 * and ROOMS: seeds the demo, adds ROOMS meetings to Riverside PCN, opens a session for each of
 * its members who may edit a meeting, and prints `{ tokens, documents }` as one JSON line.
 */
import { and, eq, ne } from 'drizzle-orm';
import { createSession } from '../../src/lib/server/auth';
import { openDatabase, schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';

const rooms = Number(process.env.ROOMS ?? 50);
const database = await openDatabase({
	url: process.env.DATABASE_URL,
	dataDir: process.env.DATA_DIR
});
const { db } = database;
await seedDemo(db);

const [riverside] = await db
	.select({ id: schema.organisation.id })
	.from(schema.organisation)
	.where(eq(schema.organisation.odsCode, 'U99901'));

const meetings = await db
	.insert(schema.meeting)
	.values(
		Array.from({ length: rooms }, (_, i) => ({
			organisationId: riverside.id,
			title: `Benchmark MDT ${i + 1}`,
			startsAt: new Date()
		}))
	)
	.returning({ id: schema.meeting.id });

// Observers may open a meeting but what they send is dropped: only editors make load.
const editors = await db
	.select({ id: schema.membership.userId })
	.from(schema.membership)
	.where(
		and(eq(schema.membership.organisationId, riverside.id), ne(schema.membership.role, 'observer'))
	);
const tokens: string[] = [];
for (const editor of editors) {
	tokens.push((await createSession(db, editor.id, riverside.id)).token);
}

await database.close();
console.log(JSON.stringify({ tokens, documents: meetings.map((m) => `meeting:${m.id}`) }));

/**
 * Prepares the benchmark's database for our server, then exits (PGlite allows one process per
 * data folder, so this must be gone before the server opens it). With DATABASE_URL or DATA_DIR,
 * and ROOMS: seeds the demo, adds ROOMS meetings to Riverside PCN, opens a session for each of
 * its members who may write a meeting's content, and prints `{ tokens, documents }` as one JSON line.
 */
import { eq } from 'drizzle-orm';
import { docName } from '../../src/lib/domain/collab/documents';
import { mayRecordMeeting } from '../../src/lib/domain/roles';
import { createSession } from '../../src/lib/server/auth';
import { openDatabase, schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { ensureSeries } from '../../src/lib/server/meeting-series';

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

const seriesId = await ensureSeries(db, riverside.id, 'Benchmark MDT');
const meetings = await db
	.insert(schema.meeting)
	.values(
		Array.from({ length: rooms }, (_, i) => ({
			organisationId: riverside.id,
			seriesId,
			title: `Benchmark MDT ${i + 1}`,
			startsAt: new Date()
		}))
	)
	.returning({ id: schema.meeting.id });

// Others (observers, admins) may open a meeting but what they send is dropped: only those who
// may write its content make load.
const members = await db
	.select({ id: schema.membership.userId, role: schema.membership.role })
	.from(schema.membership)
	.where(eq(schema.membership.organisationId, riverside.id));
const tokens: string[] = [];
for (const editor of members.filter((m) => mayRecordMeeting(m.role))) {
	tokens.push((await createSession(db, editor.id, riverside.id)).token);
}

await database.close();
console.log(JSON.stringify({ tokens, documents: meetings.map((m) => docName('meeting', m.id)) }));

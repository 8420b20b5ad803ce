/**
 * `npm run bench:cold-load`: how long our server takes to load, cold, a document whose log holds
 * 10,000 updates (issue 9's target: under 50 ms). Each update is one typed character, as a
 * browser sends them; none is compacted. The load is the server's own (CollabDocument.load: the
 * log and snapshot read, then every update applied in one transaction), on PostgreSQL with
 * BENCH_DATABASE_URL, else on embedded PGlite in a temporary folder. Prints one line per run and
 * the median, and the share of the time spent reading the database.
 *
 * Options (environment): COLD_LOAD_UPDATES (10000), COLD_LOAD_RUNS (7).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { CollabDocument } from '../../server/collab/CollabDocument';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { docName } from '../../src/lib/domain/collab/documents';
import { openDatabase } from '../../src/lib/server/db';

const UPDATES = Number(process.env.COLD_LOAD_UPDATES ?? 10_000);
const RUNS = Number(process.env.COLD_LOAD_RUNS ?? 7);
const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'mdt-cold-load-'));
const database = await openDatabase({ url, dataDir, upgradeDocuments: false });
const log = new UpdateLog(database.db);

// A meeting's notes typed one character at a time by one browser.
const id = randomUUID();
const name = docName('meeting', id);
const typist = new Y.Doc();
const notes = typist.getText(`item.bench.notes`);
const updates: Uint8Array[] = [];
typist.on('update', (update: Uint8Array) => updates.push(update));
const words = 'Two falls at home in March; lives alone, daughter visits daily. ';
for (let i = 0; i < UPDATES; i++) notes.insert(notes.length, words[i % words.length]);
for (let i = 0; i < updates.length; i += 500) {
	await Promise.all(updates.slice(i, i + 500).map((update) => log.append(name, update, null)));
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const totals: number[] = [];
const reads: number[] = [];
for (let run = 0; run < RUNS; run++) {
	const readStart = performance.now();
	await log.load(name);
	reads.push(performance.now() - readStart);
	const document = new CollabDocument({ name, kind: 'meeting', id, organisationId: id, log });
	const start = performance.now();
	await document.load();
	totals.push(performance.now() - start);
	const loaded = document.doc.getText('item.bench.notes').length;
	if (loaded !== UPDATES) throw new Error(`loaded ${loaded} characters, not ${UPDATES}`);
	document.doc.destroy();
	console.log(
		`run ${run + 1}: load ${totals.at(-1)!.toFixed(1)} ms (database read alone ${reads.at(-1)!.toFixed(1)} ms)`
	);
}
console.log(
	`${database.kind}, ${UPDATES} logged updates: median cold load ${medianOf(totals).toFixed(1)} ms ` +
		`(database read ${medianOf(reads).toFixed(1)} ms), target < 50 ms`
);
await database.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });

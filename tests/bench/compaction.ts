/**
 * `npm run bench:compaction`: how long this process's event loop stalls while a live document
 * whose log holds 2,000 and then 10,000 updates is loaded cold and compacted (issue 9: event-loop
 * delay p99 < 20 ms throughout). Each update is one typed character, as a browser sends them. The
 * load and the compaction are the server's own (DocumentRegistry.open, then DocumentRegistry.compact
 * as it runs once a loaded document's log reaches 2,000 updates), on PostgreSQL with
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL), else on embedded PGlite in a temporary folder.
 *
 * Event-loop delay is measured as tests/bench/loop-delay.mjs measures a benchmarked server's
 * (monitorEventLoopDelay, 10 ms resolution, the delay being what exceeds the 10 ms), over each
 * phase alone: the database read of the log (what both the load and the compaction start with),
 * the cold load, and the compaction. Prints one line per phase and size.
 *
 * Options (environment): COMPACTION_UPDATES ("2000,10000"), COMPACTION_RUNS (3).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { DocumentRegistry } from '../../server/collab/DocumentRegistry';
import { UpdateLog } from '../../server/collab/UpdateLog';
import { docName } from '../../src/lib/domain/collab/documents';
import {
	addAgendaItem,
	agendaOrder,
	itemText,
	meetingToJson
} from '../../src/lib/domain/collab/meeting';
import { openDatabase, schema } from '../../src/lib/server/db';

const SIZES = (process.env.COMPACTION_UPDATES ?? '2000,10000').split(',').map(Number);
const RUNS = Number(process.env.COMPACTION_RUNS ?? 3);
const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'mdt-compaction-'));
const database = await openDatabase({ url, dataDir, upgradeDocuments: false });
const log = new UpdateLog(database.db);
const registry = new DocumentRegistry({ log, compactAfter: Number.MAX_SAFE_INTEGER });
// The PCN the meetings belong to (a snapshot names its organisation).
const [pcn] = await database.db
	.insert(schema.organisation)
	.values({ kind: 'pcn', name: 'Benchmark PCN', odsCode: `BENCH-${randomUUID()}` })
	.returning({ id: schema.organisation.id });

/**
 * A new meeting of 12 agenda items whose notes were typed one character at a time, a sentence per
 * paragraph, the items in turn: `updates` log rows (the first adds the items, and each paragraph
 * is one).
 */
async function typedMeeting(updates: number): Promise<{ name: string; id: string }> {
	const id = randomUUID();
	const name = docName('meeting', id);
	const typist = new Y.Doc();
	const logged: Uint8Array[] = [];
	typist.on('update', (update: Uint8Array) => logged.push(update));
	typist.transact(() => {
		for (let i = 0; i < 12; i++) addAgendaItem(typist, { reason: `Review ${i + 1}` });
	});
	const notes = agendaOrder(typist).map((item) => itemText(typist, item, 'notes'));
	const sentence = 'Two falls at home in March; lives alone, daughter visits daily. ';
	let line: Y.XmlText | undefined;
	let paragraphs = 0;
	while (logged.length < updates) {
		if (line && line.length < sentence.length) {
			line.insert(line.length, sentence[line.length]);
			continue;
		}
		// A new paragraph (one update) in the next item's notes.
		const fragment = notes[paragraphs++ % notes.length];
		const text = new Y.XmlText();
		typist.transact(() => {
			const paragraph = new Y.XmlElement('paragraph');
			fragment.insert(fragment.length, [paragraph]);
			paragraph.insert(0, [text]);
		});
		line = text;
	}
	for (let i = 0; i < logged.length; i += 500) {
		await Promise.all(logged.slice(i, i + 500).map((update) => log.append(name, update, null)));
	}
	return { name, id };
}

/** The meeting as stored (snapshot and log), read into a new Y.Doc. */
async function storedMeeting(name: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	for (const update of (await log.load(name)).updates) Y.applyUpdate(doc, update);
	return doc;
}

type Delay = { ms: number; p50: number; p99: number; max: number };

/** Runs `work`, measuring how long it took and how late the event loop ran meanwhile. */
async function measured(work: () => Promise<unknown>): Promise<Delay> {
	const histogram = monitorEventLoopDelay({ resolution: 10 });
	await new Promise((resolve) => setTimeout(resolve, 50));
	histogram.enable();
	// The histogram's first tick only starts its clock: a stall before it would go unseen.
	await new Promise((resolve) => setTimeout(resolve, 25));
	const start = performance.now();
	await work();
	const ms = performance.now() - start;
	// One more tick, so that a stall at the very end is sampled too.
	await new Promise((resolve) => setTimeout(resolve, 20));
	histogram.disable();
	const late = (ns: number) => Math.max(0, ns / 1e6 - 10);
	return {
		ms,
		p50: late(histogram.percentile(50)),
		p99: late(histogram.percentile(99)),
		max: late(histogram.max)
	};
}

const shown = (d: Delay) =>
	`${d.ms.toFixed(0).padStart(6)} ms; loop delay p50 ${d.p50.toFixed(1)}, ` +
	`p99 ${d.p99.toFixed(1)}, max ${d.max.toFixed(1)} ms`;

for (const size of SIZES) {
	for (let run = 1; run <= RUNS; run++) {
		const { name, id } = await typedMeeting(size);
		const read = await measured(() => log.load(name));
		let document!: Awaited<ReturnType<DocumentRegistry['open']>>;
		const load = await measured(async () => {
			document = await registry.open(name, { kind: 'meeting', id, organisationId: pcn.id });
			await registry.loaded(name);
		});
		// What a projection run does on the main thread before its write (Projector in
		// src/lib/server/projection.ts): the whole document read out, and compared as JSON.
		const projectionStart = performance.now();
		const projected = JSON.stringify(meetingToJson(document.doc));
		const projection = performance.now() - projectionStart;
		const compaction = await measured(() => registry.compact(document));
		if (document.logLength !== 0) throw new Error(`${document.logLength} updates not compacted`);
		if (JSON.stringify(meetingToJson(await storedMeeting(name))) !== projected) {
			throw new Error('the compacted document reads differently');
		}
		await registry.unload(name);
		await database.db.delete(schema.collabSnapshot).where(eq(schema.collabSnapshot.docName, name));
		const label = `${database.kind}, ${size} updates, run ${run}:`;
		console.log(`${label} database read  ${shown(read)}`);
		console.log(`${label} cold load      ${shown(load)}`);
		console.log(`${label} compaction     ${shown(compaction)}`);
		console.log(`${label} projection read ${projection.toFixed(1)} ms, all on the main thread`);
	}
}
await registry.closeAll();
await database.db.delete(schema.organisation).where(eq(schema.organisation.id, pcn.id));
await database.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });

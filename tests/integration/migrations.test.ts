/**
 * Migrations carry a database's existing data forward: a database made by an earlier release is
 * opened by this one and keeps everything, reshaped as the new schema wants it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { createPostgresDatabase } from './fixtures';

const POSTGRES_URL = process.env.TEST_DATABASE_URL;

/** A migrations folder holding only the migrations before `tag` (an earlier release's). */
function migrationsBefore(tag: string): string {
	const folder = mkdtempSync(join(tmpdir(), 'mdt-migrations-'));
	mkdirSync(join(folder, 'meta'));
	const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8'));
	const cut = journal.entries.findIndex((entry: { tag: string }) => entry.tag === tag);
	if (cut < 0) throw new Error(`no migration ${tag}`);
	journal.entries = journal.entries.slice(0, cut);
	writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
	for (const entry of journal.entries) {
		copyFileSync(join('drizzle', `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
	}
	return folder;
}

/** The rows of a raw query: PGlite answers `{ rows }`, postgres.js an array. */
const rowsOf = (result: unknown) => (result as { rows?: unknown[] }).rows ?? result;

/** Opens the database as this release does, or with `migrationsDir` as an earlier one did. */
type Target = { open(migrationsDir?: string): Promise<Database>; cleanup(): Promise<void> };

const asReleased = (migrationsDir?: string) =>
	migrationsDir ? { migrationsDir, upgradeDocuments: false } : {};

const targets: [string, () => Promise<Target>][] = [
	[
		'PGlite',
		async () => {
			const dataDir = mkdtempSync(join(tmpdir(), 'mdt-pglite-'));
			return {
				open: (migrationsDir) => openDatabase({ dataDir, ...asReleased(migrationsDir) }),
				cleanup: async () => rmSync(dataDir, { recursive: true, force: true })
			};
		}
	],
	[
		'PostgreSQL',
		async () => {
			const created = await createPostgresDatabase(POSTGRES_URL!);
			return {
				open: (migrationsDir) => openDatabase({ url: created.url, ...asReleased(migrationsDir) }),
				cleanup: () => created.drop()
			};
		}
	]
];

for (const [kind, make] of targets) {
	const skip = kind === 'PostgreSQL' && !POSTGRES_URL;
	describe.skipIf(skip)(`0003 meeting integrity on an earlier database [${kind}]`, () => {
		const folders: string[] = [];
		let target: Target | undefined;
		afterAll(async () => {
			await target?.cleanup();
			for (const folder of folders) rmSync(folder, { recursive: true, force: true });
		});

		it('puts each meeting in the series of its title and merges repeated attendance', async () => {
			target = await make();
			const before = migrationsBefore('0003_meeting_integrity');
			folders.push(before);
			const old = await target.open(before);
			// One statement per call: PGlite prepares each query, and a prepared query holds one.
			await old.db.execute(
				sql.raw(`insert into organisation (id, kind, name, ods_code)
					values ('00000000-0000-4000-8000-000000000001', 'pcn', 'Test PCN', 'U00001')`)
			);
			await old.db.execute(
				sql.raw(`insert into "user" (id, email, name, password_hash)
					values ('00000000-0000-4000-8000-0000000000a1', 'a@example.com', 'A', 'x')`)
			);
			await old.db.execute(
				sql.raw(`insert into meeting (id, organisation_id, title, starts_at, status) values
					('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000001',
						'Frailty MDT', '2026-01-05T13:00:00Z', 'ended'),
					('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000001',
						'Frailty MDT', '2026-01-12T13:00:00Z', 'scheduled'),
					('00000000-0000-4000-8000-0000000000b3', '00000000-0000-4000-8000-000000000001',
						'Mental health MDT', '2026-01-12T15:00:00Z', 'scheduled')`)
			);
			await old.db.execute(
				sql.raw(`insert into meeting_attendance (organisation_id, meeting_id, user_id, joined_at, left_at)
					values
					('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000b1',
						'00000000-0000-4000-8000-0000000000a1', '2026-01-05T13:01:00Z', '2026-01-05T13:10:00Z'),
					('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000b1',
						'00000000-0000-4000-8000-0000000000a1', '2026-01-05T13:12:00Z', '2026-01-05T13:55:00Z'),
					('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000b1',
						'00000000-0000-4000-8000-0000000000a1', '2026-01-05T13:11:00Z', '2026-01-05T13:20:00Z')`)
			);
			await old.close();

			const current = await target.open();
			const meetings = await current.db.execute<{ title: string; series: string }>(sql`
				select meeting.title, meeting_series.name as series from meeting
				join meeting_series on meeting_series.id = meeting.series_id order by meeting.starts_at`);
			expect(rowsOf(meetings)).toEqual([
				{ title: 'Frailty MDT', series: 'Frailty MDT' },
				{ title: 'Frailty MDT', series: 'Frailty MDT' },
				{ title: 'Mental health MDT', series: 'Mental health MDT' }
			]);
			const attendance = await current.db.execute<{ joined_at: string; left_at: string }>(sql`
				select to_char(joined_at at time zone 'UTC', 'HH24:MI') as joined_at,
					to_char(left_at at time zone 'UTC', 'HH24:MI') as left_at from meeting_attendance`);
			expect(rowsOf(attendance)).toEqual([{ joined_at: '13:01', left_at: '13:55' }]);
			await current.close();
		});
	});
}

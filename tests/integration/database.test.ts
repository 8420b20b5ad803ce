import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, pingDatabase, schema } from '../../src/lib/server/db';
import { createFirstAdmin, hasAnyUser } from '../../src/lib/server/users';
import { describeEachDatabase } from './fixtures';

describe('embedded PGlite', () => {
	const dir = mkdtempSync(join(tmpdir(), 'mdt-pglite-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('creates its data folder, keeps data across restarts and migrates again harmlessly', async () => {
		const nested = join(dir, 'a', 'b');
		const first = await openDatabase({ dataDir: nested });
		await first.db
			.insert(schema.organisation)
			.values({ kind: 'pcn', name: 'Kept PCN', odsCode: 'U11111' });
		await first.close();
		const second = await openDatabase({ dataDir: nested });
		const rows = await second.db.select().from(schema.organisation);
		expect(rows.map((r) => r.name)).toEqual(['Kept PCN']);
		await pingDatabase(second.db);
		await second.close();
	});
});

describeEachDatabase('first-run setup', (db) => {
	it('creates the first admin once, and never again', async () => {
		expect(await hasAnyUser(db())).toBe(false);
		const input = {
			pcnName: 'New PCN',
			odsCode: 'U12345',
			name: 'First Admin',
			email: 'first@new.test',
			password: 'long-password-123'
		};
		const created = await createFirstAdmin(db(), input);
		expect(created).not.toBeNull();
		expect(await hasAnyUser(db())).toBe(true);
		expect(
			await createFirstAdmin(db(), { ...input, odsCode: 'U54321', email: 'second@new.test' })
		).toBeNull();
		const users = await db().select().from(schema.user);
		expect(users.map((u) => u.email)).toEqual(['first@new.test']);
	});
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, pingDatabase, type Database } from '../../src/lib/server/db';
import {
	DataDirectoryLockedError,
	LOCK_FILE,
	lockDataDirectory
} from '../../src/lib/server/db/data-dir-lock';
import { startOwnPostgres, type OwnPostgres } from './own-services';
import { LONG_TEST_TIMEOUT_MS, within } from './wait';

/** Runs `node --import tsx <script>` and resolves with its exit code and what it printed. */
function runNode(script: string, env: Record<string, string>) {
	const child = spawn(process.execPath, ['--import', 'tsx', script], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
		child.once('exit', (code) => resolve({ code, output }))
	);
	return { child, exited };
}

describe('the embedded database’s data directory', () => {
	const dir = mkdtempSync(join(tmpdir(), 'mdt-lock-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it(
		'is held by one process: a second server exits at once, naming the directory',
		async () => {
			const data = join(dir, 'held');
			const first = await openDatabase({ dataDir: data });
			try {
				// This test process holds it, as a first server would; the production entry starts.
				const second = runNode('server/index.ts', { DATA_DIR: data, PORT: '0' });
				const { code, output } = await within(second.exited, 'the second server to exit', 120_000);
				expect(code).toBe(1);
				expect(output).toContain(`The data directory ${data} is in use by another process`);
				expect(output).toContain(`pid ${process.pid}`);
			} finally {
				await first.close();
			}
			// Closed, it is free again: the lock file is gone.
			expect(existsSync(join(data, LOCK_FILE))).toBe(false);
		},
		LONG_TEST_TIMEOUT_MS
	);

	it(
		'takes over a lock left by a process that is no longer running',
		async () => {
			const data = join(dir, 'stale');
			// A process that takes the directory and is killed before it can let go.
			const holder = runNode('tests/integration/hold-data-dir.ts', { DATA_DIR: data });
			await within(
				new Promise<void>((resolve) =>
					holder.child.stdout.on('data', (chunk: Buffer) => {
						if (chunk.toString().includes('held')) resolve();
					})
				),
				'the holder to take the directory'
			);
			expect(() => lockDataDirectory(data)).toThrow(DataDirectoryLockedError);
			holder.child.kill('SIGKILL');
			await holder.exited;
			expect(existsSync(join(data, LOCK_FILE))).toBe(true);
			const release = lockDataDirectory(data);
			release();
			expect(existsSync(join(data, LOCK_FILE))).toBe(false);
		},
		LONG_TEST_TIMEOUT_MS
	);
});

describe('/healthz’s database check, against a PostgreSQL of its own', () => {
	let postgres: OwnPostgres | null = null;
	let database: Database | undefined;

	beforeAll(async () => {
		postgres = await startOwnPostgres();
		if (postgres) database = await openDatabase({ url: postgres.url, upgradeDocuments: false });
	}, LONG_TEST_TIMEOUT_MS);
	afterAll(async () => {
		postgres?.thaw();
		await database?.close().catch(() => {});
		await postgres?.destroy();
	});

	it(
		'answers while the database is frozen, stopped and back',
		async ({ skip }) => {
			if (!postgres || !database) return skip('PostgreSQL binaries not found');
			await pingDatabase(database.db);
			// Frozen: connections stay open and nothing answers, as with a hung server or a silent
			// network. Without a bound of its own the check would wait as long as the database does.
			postgres.freeze();
			await expect(within(pingDatabase(database.db), 'the check to answer')).rejects.toThrow(
				/no answer within/
			);
			postgres.thaw();
			await pingDatabase(database.db);
			await postgres.stop();
			// Refused or unanswered, the check says so itself, never waits as long as the database.
			await expect(within(pingDatabase(database.db), 'the check to answer')).rejects.toThrow(
				/Failed query|no answer within/
			);
			await postgres.start();
			await within(retryUntilUp(database), 'the check to pass again');
		},
		LONG_TEST_TIMEOUT_MS
	);
});

/** Pings until the database answers again (the pool reconnects on its own). */
async function retryUntilUp(database: Database) {
	for (;;) {
		try {
			return await pingDatabase(database.db);
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

import { randomUUID } from 'node:crypto';
import { appendParagraph, fragmentText } from '../../src/lib/domain/collab/documents';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidateSession, invalidateUserSessions } from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { updateMember } from '../../src/lib/server/users';
import {
	connect,
	demoDocuments,
	probeText,
	sharedText,
	seesAwareness,
	startCollabServer,
	upgradeStatus,
	type Client,
	type CollabServerHandle
} from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import { until, within } from './wait';

type SignedIn = Awaited<ReturnType<typeof signedInAs>>;

/** The code of the next close of the client's socket. */
function nextClose(client: Client): Promise<number | undefined> {
	return new Promise((resolve) =>
		client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code))
	);
}

describeEachDatabase('who may open a live document', (db, kind) => {
	let docs: Awaited<ReturnType<typeof demoDocuments>>;
	let coordinator: SignedIn;
	let gp: SignedIn;
	let observer: SignedIn;
	let admin: SignedIn;
	let hillside: SignedIn;

	beforeAll(async () => {
		await seedDemo(db());
		docs = await demoDocuments(db());
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		gp = await signedInAs(db(), 'gp@riverside.test');
		observer = await signedInAs(db(), 'observer@riverside.test');
		admin = await signedInAs(db(), 'admin@riverside.test');
		hillside = await signedInAs(db(), 'coordinator@hillside.test');
	});

	describe('at the upgrade', () => {
		let server: CollabServerHandle;
		const url = (name: string) => `${server.url}/collab/${name}`;
		const cookie = (token: string) => ({ cookie: `mdt_session=${token}` });

		beforeAll(async () => {
			server = await startCollabServer(db());
		});
		afterAll(async () => {
			await server.close();
		});

		it('a member opens a document of their own PCN', async () => {
			expect(await upgradeStatus(url(docs.riverside.careplan), cookie(coordinator.token))).toBe(
				101
			);
			expect(await upgradeStatus(url(docs.hillside.meeting), cookie(hillside.token))).toBe(101);
		});

		it('a request without a session cookie is refused with 401', async () => {
			expect(await upgradeStatus(url(docs.riverside.careplan))).toBe(401);
		});

		it('a forged or garbage session token is refused with 401', async () => {
			const [id, secret] = coordinator.token.split('.');
			const forged = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
			for (const token of [forged, 'garbage', `${id}.${secret}.extra`, '%E0%A4%A', '']) {
				expect(await upgradeStatus(url(docs.riverside.careplan), cookie(token)), token).toBe(401);
			}
		});

		it('a Hillside user cannot open a Riverside care plan (403)', async () => {
			expect(await upgradeStatus(url(docs.riverside.careplan), cookie(hillside.token))).toBe(403);
		});

		it('a Hillside user cannot open a Riverside meeting (403)', async () => {
			expect(await upgradeStatus(url(docs.riverside.meeting), cookie(hillside.token))).toBe(403);
		});

		it('a malformed or unknown document name is refused with 403', async () => {
			const patientId = docs.riverside.careplan.slice('careplan:'.length);
			const names = [
				'',
				'careplan',
				'careplan:',
				'careplan:not-a-uuid',
				`patient:${patientId}`,
				`careplan:${randomUUID()}`,
				`meeting:${patientId}`,
				`careplan:${patientId}%00`,
				`careplan:${patientId}/extra`,
				`careplan:${patientId}${'0'.repeat(200)}`
			];
			for (const name of names) {
				expect(await upgradeStatus(url(name), cookie(coordinator.token)), name).toBe(403);
			}
		});

		it('a document name with undecodable percent-encoding is refused with 400', async () => {
			expect(await upgradeStatus(url('careplan%3A%E0%A4%A'), cookie(coordinator.token))).toBe(400);
		});
	});

	describe('with a list of allowed origins', () => {
		let server: CollabServerHandle;
		const url = () => `${server.url}/collab/${docs.riverside.careplan}`;

		beforeAll(async () => {
			server = await startCollabServer(db(), { allowedOrigins: ['http://app.test'] });
		});
		afterAll(async () => {
			await server.close();
		});

		it('a page on another origin is refused with 403, even with a valid session', async () => {
			const headers = { cookie: `mdt_session=${coordinator.token}`, origin: 'http://evil.test' };
			expect(await upgradeStatus(url(), headers)).toBe(403);
		});

		it('a page on the allowed origin is let in', async () => {
			const headers = { cookie: `mdt_session=${coordinator.token}`, origin: 'http://app.test' };
			expect(await upgradeStatus(url(), headers)).toBe(101);
		});
	});

	describe('an observer', () => {
		let server: CollabServerHandle;

		beforeAll(async () => {
			server = await startCollabServer(db());
		});
		afterAll(async () => {
			await server.close();
		});

		it('sees others’ edits, but its own are neither stored nor passed on', async () => {
			const name = docs.riverside.meeting;
			const watcher = connect(server.url, name, observer.token);
			const editor = connect(server.url, name, coordinator.token);
			const colleague = connect(server.url, name, gp.token);
			try {
				await Promise.all([watcher.synced, editor.synced, colleague.synced]);
				const notes = (client: Client) => sharedText(client.doc, 'access').toString();

				sharedText(editor.doc, 'access').insert(0, 'Agreed: refer to falls clinic.');
				await until(watcher.doc, () => notes(watcher).includes('refer to falls clinic'));

				sharedText(watcher.doc, 'access').insert(0, 'OBSERVER WAS HERE. ');
				// Frames of one socket are handled in order: once the observer's awareness reaches
				// the editor, the server has handled its edit too.
				watcher.provider.awareness.setLocalStateField('marker', 'after-edit');
				await seesAwareness(editor, (state) => state.marker === 'after-edit');
				// Updates are stored and applied in arrival order: had the observer's edit been
				// accepted, it would reach the editor before this one.
				sharedText(colleague.doc, 'access').insert(0, 'Seen by GP. ');
				await until(editor.doc, () => notes(editor).includes('Seen by GP.'));

				expect(notes(editor)).not.toContain('OBSERVER');
				expect(notes(colleague)).not.toContain('OBSERVER');
				const stored = await db()
					.select({ userId: schema.collabUpdate.userId })
					.from(schema.collabUpdate)
					.where(eq(schema.collabUpdate.docName, name));
				expect(stored.some((row) => row.userId === gp.user.id)).toBe(true);
				expect(stored.some((row) => row.userId === observer.user.id)).toBe(false);
			} finally {
				watcher.destroy();
				editor.destroy();
				colleague.destroy();
			}
		});
	});

	describe('when a session ends, the periodic check', () => {
		let server: CollabServerHandle;

		beforeAll(async () => {
			server = await startCollabServer(db(), { sessionCheckMs: 200 });
		});
		afterAll(async () => {
			await server.close();
		});

		it('closes the socket of a session that was signed out (4401)', async () => {
			const nurse = await signedInAs(db(), 'nurse@riverside.test');
			const client = connect(server.url, docs.riverside.careplan, nurse.token);
			try {
				await client.synced;
				const closed = nextClose(client);
				// Deleting the row directly: the in-process path (endSessions) is not used.
				await db().delete(schema.session).where(eq(schema.session.id, nurse.session.id));
				expect(await within(closed, 'the close')).toBe(4401);
			} finally {
				client.destroy();
			}
		});

		it('closes the socket of a user who was deactivated (4401)', async () => {
			const pharmacist = await signedInAs(db(), 'pharmacist@riverside.test');
			const client = connect(server.url, docs.riverside.careplan, pharmacist.token);
			const deactivate = (active: boolean) =>
				db().update(schema.user).set({ active }).where(eq(schema.user.id, pharmacist.user.id));
			try {
				await client.synced;
				const closed = nextClose(client);
				await deactivate(false);
				expect(await within(closed, 'the close')).toBe(4401);
			} finally {
				client.destroy();
				await deactivate(true);
			}
		});
	});

	// Sign-out and deactivation reach the live server through the realtime bridge, which points at
	// the server started last: this block starts its own, and checks sessions only hourly, so
	// nothing but the immediate path can close a socket here.
	describe('when a session ends, the immediate path', () => {
		let server: CollabServerHandle;

		beforeAll(async () => {
			server = await startCollabServer(db(), { sessionCheckMs: 60 * 60 * 1000 });
		});
		afterAll(async () => {
			await server.close();
		});

		it('closes the sockets of a session at sign-out (4401), and only that session’s', async () => {
			const linkWorker = await signedInAs(db(), 'linkworker@riverside.test');
			const otherDevice = await signedInAs(db(), 'linkworker@riverside.test');
			const careplan = connect(server.url, docs.riverside.careplan, linkWorker.token);
			const meeting = connect(server.url, docs.riverside.meeting, linkWorker.token);
			const stays = connect(server.url, docs.riverside.careplan, otherDevice.token);
			try {
				await Promise.all([careplan.synced, meeting.synced, stays.synced]);
				const closed = Promise.all([nextClose(careplan), nextClose(meeting)]);
				await invalidateSession(db(), linkWorker.session.id);
				expect(await within(closed, 'the close')).toEqual([4401, 4401]);
				appendParagraph(probeText(stays), 'still here');
				const check = connect(server.url, docs.riverside.careplan, coordinator.token);
				try {
					await check.synced;
					await until(check.doc, () => fragmentText(probeText(check)).includes('still here'));
				} finally {
					check.destroy();
				}
			} finally {
				careplan.destroy();
				meeting.destroy();
				stays.destroy();
			}
		});

		it('closes the sockets of a user who is deactivated (4401)', async () => {
			const coach = await signedInAs(db(), 'coach@riverside.test');
			const client = connect(server.url, docs.riverside.meeting, coach.token);
			try {
				await client.synced;
				const closed = nextClose(client);
				expect(await updateMember(db(), admin.user, coach.user.id, { active: false })).toBe(true);
				expect(await within(closed, 'the close')).toBe(4401);
			} finally {
				client.destroy();
				await updateMember(db(), admin.user, coach.user.id, { active: true });
			}
		});

		// PGlite has one connection: a second query would wait for the transaction to end.
		it.skipIf(kind === 'PGlite')(
			'a session ended in a transaction cannot reconnect before the transaction commits',
			async () => {
				const coach = await signedInAs(db(), 'coach@riverside.test');
				const url = `${server.url}/collab/${docs.riverside.meeting}`;
				const headers = { cookie: `mdt_session=${coach.token}` };
				expect(await upgradeStatus(url, headers)).toBe(101);
				// As updateMember and changePassword do: the bridge hears before the commit.
				await db().transaction(async (tx) => {
					await invalidateUserSessions(tx, coach.user.id);
					// A client that reconnects at once (a hostile one, or after a network error).
					expect(await upgradeStatus(url, headers)).toBe(401);
				});
				expect(await upgradeStatus(url, headers)).toBe(401);
			}
		);
	});
});

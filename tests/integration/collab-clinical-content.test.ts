import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addGoal, carePlanToJson } from '../../src/lib/domain/collab/careplan';
import { fragmentText, setFragmentText } from '../../src/lib/domain/collab/documents';
import { addAgendaItem, itemText, meetingToJson } from '../../src/lib/domain/collab/meeting';
import { authoriseDocument } from '../../src/lib/server/collab-access';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	connect,
	demoDocuments,
	seesAwareness,
	startCollabServer,
	type CollabServerHandle
} from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import { until } from './wait';

type SignedIn = Awaited<ReturnType<typeof signedInAs>>;

// Discussion notes, outcomes and care plans are clinical content: admins organise meetings and
// manage users, but what they send to a live document is neither stored nor passed on.
describeEachDatabase('admins read clinical content but do not write it', (db) => {
	let docs: Awaited<ReturnType<typeof demoDocuments>>;
	let coordinator: SignedIn;
	let gp: SignedIn;
	let admin: SignedIn;
	let server: CollabServerHandle;

	beforeAll(async () => {
		await seedDemo(db());
		docs = await demoDocuments(db());
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		gp = await signedInAs(db(), 'gp@riverside.test');
		admin = await signedInAs(db(), 'admin@riverside.test');
		server = await startCollabServer(db());
	});
	afterAll(async () => {
		await server.close();
	});

	const storedBy = async (name: string) =>
		(
			await db()
				.select({ userId: schema.collabUpdate.userId })
				.from(schema.collabUpdate)
				.where(eq(schema.collabUpdate.docName, name))
		).map((row) => row.userId);

	type Scenario = {
		/** What a clinician writes first, and how the admin's copy knows it has arrived. */
		prepare?: { edit: (doc: Y.Doc) => void; arrived: (doc: Y.Doc) => boolean };
		adminEdit: (doc: Y.Doc) => void;
		colleagueEdit: (doc: Y.Doc) => void;
		colleagueSeen: (doc: Y.Doc) => boolean;
	};

	/**
	 * The admin edits, then marks its awareness: frames of one socket are handled in order, so
	 * once the editor sees the mark, the server has handled the edit. Updates are stored and
	 * applied in arrival order: had the admin's edit been accepted, it would reach the editor
	 * before the colleague's, sent after the mark. Answers the editor's and colleague's copies.
	 */
	async function adminEditsThenColleague(name: string, scenario: Scenario) {
		const watcher = connect(server.url, name, admin.token);
		const editor = connect(server.url, name, coordinator.token);
		const colleague = connect(server.url, name, gp.token);
		try {
			await Promise.all([watcher.synced, editor.synced, colleague.synced]);
			if (scenario.prepare) {
				scenario.prepare.edit(editor.doc);
				await until(watcher.doc, () => scenario.prepare!.arrived(watcher.doc));
			}
			scenario.adminEdit(watcher.doc);
			const marker = `after-edit-${name}`;
			watcher.provider.awareness.setLocalStateField('marker', marker);
			await seesAwareness(editor, (state) => state.marker === marker);
			scenario.colleagueEdit(colleague.doc);
			await until(editor.doc, () => scenario.colleagueSeen(editor.doc));
			return [editor.doc, colleague.doc];
		} finally {
			watcher.destroy();
			editor.destroy();
			colleague.destroy();
		}
	}

	it('the server gives an admin read-only access to meeting and care plan documents', async () => {
		for (const name of [docs.riverside.meeting, docs.riverside.careplan]) {
			expect((await authoriseDocument(db(), admin.user, name))?.readOnly, name).toBe(true);
			expect((await authoriseDocument(db(), gp.user, name))?.readOnly, name).toBe(false);
		}
	});

	it('an admin’s discussion notes and agenda items on a meeting are neither stored nor passed on', async () => {
		const name = docs.riverside.meeting;
		let itemId = '';
		const text = (doc: Y.Doc, field: 'notes' | 'outcome' | 'questions') =>
			itemId ? fragmentText(itemText(doc, itemId, field)) : '';
		const reasons = (doc: Y.Doc) => meetingToJson(doc).agenda.map((item) => item.reason);

		const copies = await adminEditsThenColleague(name, {
			prepare: {
				edit: (doc) => (itemId = addAgendaItem(doc, { reason: 'Two falls this month' })),
				arrived: (doc) => reasons(doc).includes('Two falls this month')
			},
			adminEdit: (doc) => {
				setFragmentText(itemText(doc, itemId, 'notes'), 'ADMIN NOTE');
				setFragmentText(itemText(doc, itemId, 'outcome'), 'ADMIN DECISION');
				addAgendaItem(doc, { reason: 'ADMIN ITEM' });
			},
			colleagueEdit: (doc) => setFragmentText(itemText(doc, itemId, 'questions'), 'Seen by GP'),
			colleagueSeen: (doc) => text(doc, 'questions').includes('Seen by GP')
		});

		for (const doc of copies) {
			expect(text(doc, 'notes')).not.toContain('ADMIN');
			expect(text(doc, 'outcome')).not.toContain('ADMIN');
			expect(reasons(doc)).not.toContain('ADMIN ITEM');
		}
		const stored = await storedBy(name);
		expect(stored).toContain(gp.user.id);
		expect(stored).not.toContain(admin.user.id);
	});

	it('an admin’s edits to a care plan are neither stored nor passed on', async () => {
		const name = docs.riverside.careplan;
		const goals = (doc: Y.Doc) =>
			carePlanToJson(doc).carePlan.goals.map((goal) => goal.description);

		const copies = await adminEditsThenColleague(name, {
			adminEdit: (doc) => addGoal(doc, { description: 'ADMIN GOAL' }),
			colleagueEdit: (doc) => addGoal(doc, { description: 'Walk to the shop again' }),
			colleagueSeen: (doc) => goals(doc).includes('Walk to the shop again')
		});

		for (const doc of copies) expect(goals(doc)).not.toContain('ADMIN GOAL');
		const stored = await storedBy(name);
		expect(stored).toContain(gp.user.id);
		expect(stored).not.toContain(admin.user.id);
	});
});

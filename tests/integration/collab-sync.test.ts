import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	aboutMeFragment,
	carePlanToJson,
	setFragmentText
} from '../../src/lib/domain/collab/careplan';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import {
	connect,
	demoDocuments,
	sharedText,
	startCollabServer,
	type CollabServerHandle
} from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import { until } from './wait';

describeEachDatabase('live documents over y-websocket', (db) => {
	let server: CollabServerHandle;
	let docs: Awaited<ReturnType<typeof demoDocuments>>;
	let coordinator: Awaited<ReturnType<typeof signedInAs>>;
	let gp: Awaited<ReturnType<typeof signedInAs>>;

	beforeAll(async () => {
		await seedDemo(db());
		docs = await demoDocuments(db());
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		gp = await signedInAs(db(), 'gp@riverside.test');
		server = await startCollabServer(db());
	});
	afterAll(async () => {
		await server.close();
	});

	it('two clients editing one care plan converge', async () => {
		const a = connect(server.url, docs.riverside.careplan, coordinator.token);
		const b = connect(server.url, docs.riverside.careplan, gp.token);
		await Promise.all([a.synced, b.synced]);
		setFragmentText(aboutMeFragment(a.doc, 'whatMattersToMe'), 'Walking my dog every morning');
		setFragmentText(aboutMeFragment(b.doc, 'peopleImportantToMe'), 'My daughter Sarah');
		const both = (json: ReturnType<typeof carePlanToJson>) =>
			json.aboutMe.whatMattersToMe === 'Walking my dog every morning' &&
			json.aboutMe.peopleImportantToMe === 'My daughter Sarah';
		await until(a.doc, () => both(carePlanToJson(a.doc)));
		await until(b.doc, () => both(carePlanToJson(b.doc)));
		expect(carePlanToJson(a.doc)).toEqual(carePlanToJson(b.doc));
		a.destroy();
		b.destroy();
	});

	it('a client that joins later receives everything, and each stored update names its sender', async () => {
		const a = connect(server.url, docs.riverside.meeting, coordinator.token);
		await a.synced;
		sharedText(a.doc, 'item-1').insert(0, 'Refer to falls clinic');
		const late = connect(server.url, docs.riverside.meeting, gp.token);
		await late.synced;
		await until(
			late.doc,
			() => sharedText(late.doc, 'item-1').toString() === 'Refer to falls clinic'
		);
		const rows = await db()
			.select({ userId: schema.collabUpdate.userId })
			.from(schema.collabUpdate)
			.where(eq(schema.collabUpdate.docName, docs.riverside.meeting));
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.userId === coordinator.user.id)).toBe(true);
		a.destroy();
		late.destroy();
	});
});

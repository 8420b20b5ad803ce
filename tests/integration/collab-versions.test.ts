import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aboutMeFragment, addGoal, carePlanToJson, setFragmentText } from '../../src/lib/domain/collab/careplan';
import { authoriseDocument } from '../../src/lib/server/collab-access';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { realtime } from '../../src/lib/server/realtime-bridge';
import { createVersion, getVersion, listVersions, restoreVersion } from '../../src/lib/server/versions';
import { connect, demoDocuments, startCollabServer, until, type CollabServerHandle } from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('named versions', (db) => {
	let server: CollabServerHandle;
	let docs: Awaited<ReturnType<typeof demoDocuments>>;
	let coordinator: Awaited<ReturnType<typeof signedInAs>>;

	beforeAll(async () => {
		await seedDemo(db());
		docs = await demoDocuments(db());
		coordinator = await signedInAs(db(), 'coordinator@riverside.test');
		server = await startCollabServer(db());
	});
	afterAll(async () => {
		await server.close();
	});

	it('restores "Agreed with patient" as a new edit that every client receives, keeping history', async () => {
		const access = (await authoriseDocument(db(), coordinator.user, docs.riverside.careplan))!;
		const a = connect(server.url, docs.riverside.careplan, coordinator.token);
		const b = connect(server.url, docs.riverside.careplan, coordinator.token);
		await Promise.all([a.synced, b.synced]);
		setFragmentText(aboutMeFragment(a.doc, 'whatMattersToMe'), 'Staying in my own home');
		addGoal(a.doc, { description: 'Walk to the shop twice a week', importance: 8 });
		await until(b.doc, () => carePlanToJson(b.doc).carePlan.goals.length === 1);

		const version = await createVersion(db(), realtime()!, coordinator.user, access, 'Agreed with patient');
		expect((await listVersions(db(), access)).map((v) => v.label)).toEqual(['Agreed with patient']);
		const opened = await getVersion(db(), access, version.id);
		expect(opened?.content).toMatchObject({ aboutMe: { whatMattersToMe: 'Staying in my own home' } });

		setFragmentText(aboutMeFragment(a.doc, 'whatMattersToMe'), 'Something else entirely');
		addGoal(a.doc, { description: 'A second goal' });
		await until(b.doc, () => carePlanToJson(b.doc).carePlan.goals.length === 2);
		const rowsBefore = await db().select().from(schema.collabUpdate).where(eq(schema.collabUpdate.docName, access.name));

		expect(await restoreVersion(db(), realtime()!, coordinator.user, access, version.id)).toBe(true);
		const restored = (json: ReturnType<typeof carePlanToJson>) =>
			json.aboutMe.whatMattersToMe === 'Staying in my own home' && json.carePlan.goals.length === 1;
		await until(a.doc, () => restored(carePlanToJson(a.doc)));
		await until(b.doc, () => restored(carePlanToJson(b.doc)));
		const rowsAfter = await db().select().from(schema.collabUpdate).where(eq(schema.collabUpdate.docName, access.name));
		expect(rowsAfter.length).toBe(rowsBefore.length + 1);
		expect(rowsAfter.at(-1)?.userId).toBe(coordinator.user.id);
		a.destroy();
		b.destroy();
	});

	it('does not open another organisation’s version', async () => {
		const hillside = await signedInAs(db(), 'coordinator@hillside.test');
		expect(await authoriseDocument(db(), hillside.user, docs.riverside.careplan)).toBeNull();
	});
});

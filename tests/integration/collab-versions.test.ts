import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
	aboutMeFragment,
	addGoal,
	carePlanToJson,
	setFragmentText
} from '../../src/lib/domain/collab/careplan';
import { authoriseDocument } from '../../src/lib/server/collab-access';
import { schema } from '../../src/lib/server/db';
import { realtime } from '../../src/lib/server/realtime-bridge';
import {
	createVersion,
	getVersion,
	listVersions,
	restoreVersion
} from '../../src/lib/server/versions';
import { connect, liveDemo } from './collab-fixtures';
import { describeEachDatabase, signedInAs } from './fixtures';
import { until } from './wait';

describeEachDatabase('named versions', (db) => {
	const live = liveDemo(db);

	it('restores "Agreed with patient" as a new edit that every client receives, keeping history', async () => {
		const access = (await authoriseDocument(
			db(),
			live.coordinator.user,
			live.docs.riverside.careplan
		))!;
		const a = connect(live.server.url, live.docs.riverside.careplan, live.coordinator.token);
		const b = connect(live.server.url, live.docs.riverside.careplan, live.coordinator.token);
		await Promise.all([a.synced, b.synced]);
		setFragmentText(aboutMeFragment(a.doc, 'whatMattersToMe'), 'Staying in my own home');
		addGoal(a.doc, { description: 'Walk to the shop twice a week', importance: 8 });
		await until(b.doc, () => carePlanToJson(b.doc).carePlan.goals.length === 1);

		const version = await createVersion(
			db(),
			realtime()!,
			live.coordinator.user,
			access,
			'Agreed with patient'
		);
		expect((await listVersions(db(), access)).map((v) => v.label)).toEqual(['Agreed with patient']);
		const opened = await getVersion(db(), access, version.id);
		expect(opened?.content).toMatchObject({
			aboutMe: { whatMattersToMe: 'Staying in my own home' }
		});

		setFragmentText(aboutMeFragment(a.doc, 'whatMattersToMe'), 'Something else entirely');
		addGoal(a.doc, { description: 'A second goal' });
		await until(b.doc, () => carePlanToJson(b.doc).carePlan.goals.length === 2);
		const rowsBefore = await db()
			.select()
			.from(schema.collabUpdate)
			.where(eq(schema.collabUpdate.docName, access.name));

		expect(await restoreVersion(db(), realtime()!, live.coordinator.user, access, version.id)).toBe(
			true
		);
		const restored = (json: ReturnType<typeof carePlanToJson>) =>
			json.aboutMe.whatMattersToMe === 'Staying in my own home' && json.carePlan.goals.length === 1;
		await until(a.doc, () => restored(carePlanToJson(a.doc)));
		await until(b.doc, () => restored(carePlanToJson(b.doc)));
		const rowsAfter = await db()
			.select()
			.from(schema.collabUpdate)
			.where(eq(schema.collabUpdate.docName, access.name));
		expect(rowsAfter.length).toBe(rowsBefore.length + 1);
		expect(rowsAfter.at(-1)?.userId).toBe(live.coordinator.user.id);
		a.destroy();
		b.destroy();
	});

	it('does not open another organisation’s version', async () => {
		const hillside = await signedInAs(db(), 'coordinator@hillside.test');
		expect(await authoriseDocument(db(), hillside.user, live.docs.riverside.careplan)).toBeNull();
	});
});

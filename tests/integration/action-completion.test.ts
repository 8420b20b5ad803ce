/**
 * When an action was done is kept (the reports time actions from creation to completion): set
 * when it is marked done, kept through later edits, cleared when it is reopened or cancelled.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { createAction, updateAction } from '../../src/lib/server/actions';
import { mdtAction } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { listCaseload } from '../../src/lib/server/patients';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('when an action was completed', (db) => {
	let coordinator: SessionUser;
	let patientId: string;
	const completedAt = async (id: string) =>
		(await db().select().from(mdtAction).where(eq(mdtAction.id, id)))[0].completedAt;

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		patientId = (await listCaseload(db(), coordinator, { limit: 1 })).patients[0].id;
	});

	it('is set when the action is done, kept while it stays done, cleared when reopened', async () => {
		const id = await createAction(db(), coordinator, {
			description: 'Ring about the walking group',
			assigneeId: coordinator.id,
			dueDate: null,
			priority: 'routine',
			patientId
		});
		expect(await completedAt(id)).toBeNull();

		await updateAction(db(), coordinator, id, { status: 'in_progress' });
		expect(await completedAt(id)).toBeNull();

		await updateAction(db(), coordinator, id, { status: 'done' });
		const done = await completedAt(id);
		expect(done).toBeInstanceOf(Date);

		await updateAction(db(), coordinator, id, { status: 'done', statusNote: 'Went twice' });
		expect(await completedAt(id)).toEqual(done);

		await updateAction(db(), coordinator, id, { status: 'open' });
		expect(await completedAt(id)).toBeNull();

		await updateAction(db(), coordinator, id, { status: 'done' });
		await updateAction(db(), coordinator, id, { status: 'cancelled' });
		expect(await completedAt(id)).toBeNull();
	});
});

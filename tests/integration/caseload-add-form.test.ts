/**
 * Adding a person to the caseload from their record (the Caseload tab's form): the reason is the
 * one chosen from the domain's list, an unknown one is refused on its field and adds no one.
 */
import { beforeAll, expect, it, vi } from 'vitest';
import { defaultWorklist } from '../../src/lib/domain/worklist';
import type { SessionUser } from '../../src/lib/server/auth';
import { episodesOf } from '../../src/lib/server/caseload-episodes';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { worklist } from '../../src/lib/server/worklist';
import { describeEachDatabase, signedInAs } from './fixtures';
import { asking, formPost, outcome } from './route-fixtures';

vi.mock('$app/server', async () => (await import('./route-fixtures')).appServer);
vi.mock(import('../../src/lib/server/db'), async (original) => ({
	...(await original()),
	db: (await import('./route-fixtures')).routeDb
}));
const { actions } = await import('../../src/routes/(app)/patients/[id]/caseload/+page.server');

describeEachDatabase('adding a person to the caseload from their record', (db) => {
	let coordinator: SessionUser;
	let people: { id: string }[];

	const add = (patientId: string, fields: Record<string, string>) => {
		asking(db(), coordinator, `http://localhost/patients/${patientId}/caseload?/open`);
		return outcome(() =>
			actions.open({
				request: formPost(fields),
				params: { id: patientId }
			} as unknown as Parameters<typeof actions.open>[0])
		);
	};

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
		people = (
			await worklist(db(), coordinator, { ...defaultWorklist('pcn'), episode: 'none' })
		).rows.slice(0, 2);
	});

	it('records the reason chosen on the form', async () => {
		const [person] = people;
		expect(await add(person.id, { openReason: 'accepted_from_referral' })).toMatchObject({
			kind: 'redirect',
			status: 303
		});
		const [episode] = await episodesOf(db(), coordinator, person.id);
		expect(episode).toMatchObject({ openReason: 'accepted_from_referral', closedOn: null });
	});

	it('refuses a reason not on the list, on its field, and adds no one', async () => {
		const [, person] = people;
		for (const fields of [{ openReason: 'because' }, {}] as Record<string, string>[]) {
			expect(await add(person.id, fields)).toMatchObject({
				kind: 'failure',
				status: 400,
				data: { errors: { openReason: 'Choose how they came onto the caseload' } }
			});
		}
		expect(await episodesOf(db(), coordinator, person.id)).toEqual([]);
		await add(person.id, { openReason: 'proactively_identified' });
		const [episode] = await episodesOf(db(), coordinator, person.id);
		expect(episode.openReason).toBe('proactively_identified');
	});
});

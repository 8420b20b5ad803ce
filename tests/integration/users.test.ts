import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { createSignInLimiter, signIn } from '../../src/lib/server/sign-in';
import {
	addMember,
	DuplicateEmailError,
	listMembers,
	updateMember
} from '../../src/lib/server/users';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('user administration', (db) => {
	beforeAll(async () => {
		await seedDemo(db());
	});

	it('lets an admin add a user who can then sign in with the role given', async () => {
		const admin = (await signedInAs(db(), 'admin@riverside.test')).user;
		await addMember(db(), admin, {
			name: 'New Coach',
			email: 'New.Coach@Riverside.test',
			role: 'health_wellbeing_coach',
			password: 'a-long-enough-password'
		});
		const result = await signIn(db(), createSignInLimiter(), {
			email: 'new.coach@riverside.test',
			password: 'a-long-enough-password',
			ip: '10.9.0.1'
		});
		expect(result.ok).toBe(true);
		const members = await listMembers(db(), admin);
		expect(members.find((m) => m.email === 'new.coach@riverside.test')?.role).toBe(
			'health_wellbeing_coach'
		);
		await expect(
			addMember(db(), admin, {
				name: 'Dup',
				email: 'new.coach@riverside.test',
				role: 'gp',
				password: 'another-long-password'
			})
		).rejects.toBeInstanceOf(DuplicateEmailError);
	});

	it('records a role change with its before and after', async () => {
		const admin = (await signedInAs(db(), 'admin@riverside.test')).user;
		const coach = (await signedInAs(db(), 'coach@riverside.test')).user;
		await updateMember(db(), admin, coach.id, { role: 'observer' });
		const after = (await signedInAs(db(), 'coach@riverside.test')).user;
		expect(after.role).toBe('observer');
		const [event] = await db()
			.select()
			.from(schema.auditEvent)
			.where(and(eq(schema.auditEvent.entityId, coach.id), eq(schema.auditEvent.action, 'update')));
		expect(event.before).toMatchObject({ role: 'health_wellbeing_coach' });
		expect(event.after).toMatchObject({ role: 'observer' });
	});

	it('does not let an admin of one PCN change a user of another', async () => {
		const admin = (await signedInAs(db(), 'admin@riverside.test')).user;
		const hillside = (await signedInAs(db(), 'coordinator@hillside.test')).user;
		expect(await updateMember(db(), admin, hillside.id, { active: false })).toBe(false);
		const [row] = await db().select().from(schema.user).where(eq(schema.user.id, hillside.id));
		expect(row.active).toBe(true);
	});
});

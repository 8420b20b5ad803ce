import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import {
	createSession,
	invalidateSession,
	SESSION_LIFETIME,
	validateSessionToken
} from '../../src/lib/server/auth';
import { schema } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { changePassword, updateMember } from '../../src/lib/server/users';
import { describeEachDatabase, signedInAs } from './fixtures';

describeEachDatabase('sessions', (db) => {
	beforeAll(async () => {
		await seedDemo(db());
	});

	it('stores only a SHA-256 of the secret, never the token', async () => {
		const { token } = await signedInAs(db(), 'gp@riverside.test');
		const [id, secret] = token.split('.');
		const [row] = await db().select().from(schema.session).where(eq(schema.session.id, id));
		expect(row.secretHash).toHaveLength(32);
		expect(Buffer.from(row.secretHash).toString()).not.toContain(secret);
		expect(JSON.stringify(row)).not.toContain(secret);
	});

	it('refuses a token whose secret is wrong', async () => {
		const { token } = await signedInAs(db(), 'gp@riverside.test');
		const [id, secret] = token.split('.');
		const forged = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
		expect(await validateSessionToken(db(), forged)).toBeNull();
		expect(await validateSessionToken(db(), 'garbage')).toBeNull();
		expect(await validateSessionToken(db(), `${id}.${secret}.extra`)).toBeNull();
	});

	it('refuses and deletes an expired session', async () => {
		const { token, session } = await signedInAs(db(), 'gp@riverside.test');
		await db()
			.update(schema.session)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(schema.session.id, session.id));
		expect(await validateSessionToken(db(), token)).toBeNull();
		const rows = await db().select().from(schema.session).where(eq(schema.session.id, session.id));
		expect(rows).toHaveLength(0);
	});

	it('slides the expiry forward when a session is used in its last 15 days', async () => {
		const { token, session } = await signedInAs(db(), 'gp@riverside.test');
		const soon = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
		await db()
			.update(schema.session)
			.set({ expiresAt: soon })
			.where(eq(schema.session.id, session.id));
		const before = Date.now();
		const result = await validateSessionToken(db(), token);
		const after = Date.now();
		expect(result?.session.renewed).toBe(true);
		// A full lifetime from the moment of use, whenever within the call that was.
		const expiresAt = result!.session.expiresAt.getTime();
		expect(expiresAt).toBeGreaterThanOrEqual(before + SESSION_LIFETIME);
		expect(expiresAt).toBeLessThanOrEqual(after + SESSION_LIFETIME);
		const again = await validateSessionToken(db(), token);
		expect(again?.session.renewed).toBe(false);
	});

	it('ends on sign-out', async () => {
		const { token, session } = await signedInAs(db(), 'coach@riverside.test');
		await invalidateSession(db(), session.id);
		expect(await validateSessionToken(db(), token)).toBeNull();
	});

	it('ends every session of a user who changes their password', async () => {
		const first = await signedInAs(db(), 'pharmacist@riverside.test');
		const second = await signedInAs(db(), 'pharmacist@riverside.test');
		const changed = await changePassword(db(), first.user, {
			currentPassword: 'demo-password-2026',
			newPassword: 'a-new-long-password-1'
		});
		expect(changed).toBe(true);
		expect(await validateSessionToken(db(), first.token)).toBeNull();
		expect(await validateSessionToken(db(), second.token)).toBeNull();
	});

	it('ends every session of a user an admin deactivates', async () => {
		const admin = await signedInAs(db(), 'admin@riverside.test');
		const nurse = await signedInAs(db(), 'nurse@riverside.test');
		await updateMember(db(), admin.user, nurse.user.id, { active: false });
		expect(await validateSessionToken(db(), nurse.token)).toBeNull();
		const fresh = await createSession(db(), nurse.user.id, nurse.user.organisationId);
		expect(await validateSessionToken(db(), fresh.token)).toBeNull();
	});
});

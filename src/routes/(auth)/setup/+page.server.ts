import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { createSession } from '$lib/server/auth';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/session-cookie';
import { createFirstAdmin, hasAnyUser } from '$lib/server/users';
import { Email, NewPassword, OdsCode } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

const SetupForm = z.object({
	pcnName: z.string().trim().min(1, 'Enter the name of your PCN').max(200),
	odsCode: OdsCode,
	name: z.string().trim().min(1, 'Enter your full name').max(200),
	email: Email,
	password: NewPassword
});

// The setup page exists only while the database has no users at all.
async function requireEmptyInstance() {
	if (await hasAnyUser(db())) error(404, 'Not found');
}

export const load: PageServerLoad = async () => {
	await requireEmptyInstance();
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		await requireEmptyInstance();
		const parsed = parseForm(SetupForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		const created = await createFirstAdmin(db(), parsed.data);
		if (!created) error(404, 'Not found');
		const { token, expiresAt } = await createSession(db(), created.userId, created.organisationId);
		setSessionCookie(cookies, url, token, expiresAt);
		redirect(303, '/admin/users');
	}
};

import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { clearSessionCookie } from '$lib/server/session-cookie';
import { changePassword } from '$lib/server/users';
import { NewPassword } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

const PasswordForm = z
	.object({
		currentPassword: z.string().min(1, 'Enter your current password').max(1024),
		newPassword: NewPassword,
		confirmPassword: z.string()
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		path: ['confirmPassword'],
		message: 'The new passwords do not match'
	});

export const load: PageServerLoad = () => {
	const user = authorise('patient:read');
	return { account: { name: user.name, email: user.email } };
};

export const actions: Actions = {
	password: async ({ request, cookies }) => {
		const user = authorise('patient:read');
		const parsed = parseForm(PasswordForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors });
		const changed = await changePassword(db(), user, parsed.data);
		if (!changed)
			return invalid(400, { errors: { currentPassword: 'Your current password is not right' } });
		// Changing the password ends every session, this one included.
		clearSessionCookie(cookies);
		redirect(303, '/login?passwordChanged=1');
	}
};

import { z } from 'zod';
import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { addMember, DuplicateEmailError, listMembers, updateMember } from '$lib/server/users';
import { Email, NewPassword, RoleField } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

const AddUserForm = z.object({
	name: z.string().trim().min(1, 'Enter their full name').max(200),
	email: Email,
	role: RoleField,
	password: NewPassword
});

const UpdateUserForm = z.object({
	userId: z.uuid(),
	role: RoleField.optional().or(z.literal('').transform(() => undefined)),
	active: z.enum(['true', 'false', '']).transform((v) => (v === '' ? undefined : v === 'true'))
});

export const load: PageServerLoad = async () => {
	const user = authorise('users:manage');
	return { members: await listMembers(db(), user), me: user.id };
};

export const actions: Actions = {
	add: async ({ request }) => {
		const user = authorise('users:manage');
		const parsed = parseForm(AddUserForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'add', errors: parsed.errors, values: parsed.values });
		}
		try {
			await addMember(db(), user, parsed.data);
		} catch (e) {
			if (e instanceof DuplicateEmailError) {
				return invalid(409, { form: 'add', errors: { email: e.message }, values: parsed.values });
			}
			throw e;
		}
		return { added: parsed.data.email };
	},
	update: async ({ request }) => {
		const user = authorise('users:manage');
		const parsed = parseForm(UpdateUserForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'update', message: Object.values(parsed.errors)[0] });
		}
		if (
			parsed.data.userId === user.id &&
			(parsed.data.active === false || (parsed.data.role && !can(parsed.data.role, 'users:manage')))
		) {
			return invalid(400, { form: 'update', message: 'You cannot remove your own admin access.' });
		}
		const found = await updateMember(db(), user, parsed.data.userId, {
			role: parsed.data.role,
			active: parsed.data.active
		});
		if (!found) {
			return invalid(404, { form: 'update', message: 'That user is not in your organisation.' });
		}
		return { updated: true };
	}
};

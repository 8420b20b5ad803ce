import { error } from '@sveltejs/kit';
import { isOverdue } from '$lib/domain/actions';
import { can, mayBeAssigned } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { ActionInputError, createAction, listPatientActions } from '$lib/server/actions';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { listMembers } from '$lib/server/users';
import { ActionFields } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	// The layout has found the patient in the caller's PCN (else 404) and audited the view.
	await parent();
	const today = new Date();
	const [actions, members] = await Promise.all([
		listPatientActions(db(), user, params.id),
		listMembers(db(), user)
	]);
	return {
		actions: actions.map((a) => ({ ...a, overdue: isOverdue(a, today) })),
		assignable: members
			.filter((m) => m.active && mayBeAssigned(m.role))
			.map((m) => ({ id: m.id, name: m.name })),
		mayAdd: can(user.role, 'action:create'),
		me: user.id
	};
};

export const actions: Actions = {
	add: async ({ request, params }) => {
		const user = authorise('action:create');
		const parsed = parseForm(ActionFields, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		try {
			await createAction(db(), user, { ...parsed.data, patientId: params.id });
		} catch (e) {
			if (e instanceof ActionInputError && e.field === 'patientId') {
				error(404, 'Patient not found');
			}
			if (e instanceof ActionInputError) {
				return invalid(400, { errors: { [e.field]: e.message }, values: parsed.values });
			}
			throw e;
		}
		return { added: parsed.data.description };
	}
};

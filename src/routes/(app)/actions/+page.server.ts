import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { ACTION_STATUSES, isOverdue } from '$lib/domain/actions';
import { mayUpdateAction } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { listMyActions, updateAction } from '$lib/server/actions';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const StatusForm = z.object({
	actionId: z.uuid({ message: 'Choose an action' }),
	status: z.enum(ACTION_STATUSES, { message: 'Choose a status' }),
	statusNote: z
		.string()
		.trim()
		.max(500, 'Note must be 500 characters or fewer')
		.transform((v) => v || null)
});

export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const show = url.searchParams.get('show') === 'all' ? 'all' : 'open';
	const today = new Date();
	const mine = (await listMyActions(db(), user)).map((a) => ({
		...a,
		overdue: isOverdue(a, today)
	}));
	const shown = mine.filter(
		(a) => show === 'all' || a.status === 'open' || a.status === 'in_progress'
	);
	// Overdue first (the hazard is an action forgotten), then as the service orders them.
	const actions = [...shown.filter((a) => a.overdue), ...shown.filter((a) => !a.overdue)];
	return {
		actions,
		show,
		total: mine.length,
		overdueCount: mine.filter((a) => a.overdue).length,
		canEdit: mayUpdateAction(user.role)
	};
};

export const actions: Actions = {
	status: async ({ request }) => {
		const user = authorise('action:update');
		const parsed = parseForm(StatusForm, await request.formData());
		if (!parsed.ok) {
			return invalid(400, {
				form: `status:${parsed.values.actionId}`,
				errors: parsed.errors,
				values: parsed.values
			});
		}
		const { actionId, status, statusNote } = parsed.data;
		const found = await updateAction(db(), user, actionId, { status, statusNote });
		if (!found) error(404, 'Action not found');
		const updated = (await listMyActions(db(), user)).find((a) => a.id === actionId);
		return { updated: { actionId, status, description: updated?.description ?? 'The action' } };
	}
};

import { error } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import {
	ActionInputError,
	createAction,
	listMeetingActions,
	updateAction
} from '$lib/server/actions';
import { db } from '$lib/server/db';
import { invalid, parseForm, type FieldErrors } from '$lib/server/forms';
import { requireMeeting } from '$lib/server/meeting-page';
import { ActionUpdate, NewAction } from './action-form';
import type { Actions, PageServerLoad } from './$types';

// Only the meeting's actions: the meeting, team and caseload come from the layout, so that
// `invalidate('meeting:actions')` re-reads this and nothing else.
export const load: PageServerLoad = async ({ params, depends }) => {
	const user = authorise('patient:read');
	depends('meeting:actions');
	const meeting = await requireMeeting(user, params.id);
	if (meeting.status === 'cancelled') error(410, 'This meeting was cancelled');
	return { actions: await listMeetingActions(db(), user, meeting.id) };
};

export const actions: Actions = {
	addAction: async ({ request, params }) => {
		const user = authorise('action:create');
		// Another organisation's meeting, or an id that is none, is not found (404), as on GET.
		const meeting = await requireMeeting(user, params.id);
		const parsed = parseForm(NewAction, await request.formData());
		const refuse = (errors: FieldErrors, message?: string) =>
			invalid(400, { form: 'add-action', errors, values: parsed.values, message });
		if (!parsed.ok) return refuse(parsed.errors);
		try {
			await createAction(db(), user, { ...parsed.data, meetingId: meeting.id });
		} catch (e) {
			// An ended meeting: nothing to correct in the form, the minutes are final.
			if (e instanceof ActionInputError && e.field === 'meetingId') {
				return invalid(409, { form: 'add-action', values: parsed.values, message: e.message });
			}
			// The item is a hidden field: its message is the form's.
			if (e instanceof ActionInputError && e.field === 'agendaItemId') {
				return refuse({ agendaItemId: e.message }, e.message);
			}
			if (e instanceof ActionInputError) return refuse({ [e.field]: e.message });
			throw e;
		}
		return { saved: true };
	},
	updateAction: async ({ request, params }) => {
		const user = authorise('action:update');
		await requireMeeting(user, params.id);
		const parsed = parseForm(ActionUpdate, await request.formData());
		const form = `update:${parsed.values.actionId}`;
		const refuse = (status: number, failure: { errors?: FieldErrors; message?: string }) =>
			invalid(status, { form, values: parsed.values, ...failure });
		if (!parsed.ok) return refuse(400, { errors: parsed.errors });
		try {
			const found = await updateAction(db(), user, parsed.data.actionId, {
				assigneeId: parsed.data.assigneeId,
				status: parsed.data.status
			});
			if (!found) return refuse(404, { message: 'That action was not found' });
		} catch (e) {
			if (e instanceof ActionInputError) return refuse(400, { errors: { [e.field]: e.message } });
			throw e;
		}
		return { saved: true };
	}
};

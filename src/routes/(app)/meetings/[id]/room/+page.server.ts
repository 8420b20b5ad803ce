import { error, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { authorise } from '$lib/server/access';
import {
	ACTION_PRIORITIES,
	ACTION_STATUSES,
	ActionInputError,
	createAction,
	listMeetingActions,
	updateAction
} from '$lib/server/actions';
import { db } from '$lib/server/db';
import { meeting } from '$lib/server/db/schema';
import { requireLive } from '$lib/server/documents-api';
import { invalid, parseForm } from '$lib/server/forms';
import { endMeeting } from '$lib/server/meeting-end';
import { loadMeetingPage } from '$lib/server/meeting-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, depends }) => {
	depends('meeting:actions');
	const page = await loadMeetingPage(params.id);
	if (page.meeting.status === 'cancelled') error(410, 'This meeting was cancelled');
	if (page.isChair && page.meeting.status === 'scheduled') {
		await db().update(meeting).set({ status: 'in_progress' }).where(eq(meeting.id, page.meeting.id));
	}
	return { ...page, actions: await listMeetingActions(db(), page.user, page.meeting.id) };
};

const dueDate = z
	.string()
	.trim()
	.refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'Enter a real due date')
	.transform((v) => v || null);

const NewAction = z.object({
	description: z.string().trim().min(1, 'Describe the action').max(1000),
	assigneeId: z.uuid({ message: 'Choose who will do it' }),
	dueDate,
	priority: z.enum(ACTION_PRIORITIES, { message: 'Choose a priority' }),
	agendaItemId: z.string().max(100).transform((v) => v || null),
	patientId: z.union([z.uuid(), z.literal('')]).transform((v) => v || null)
});

const ActionUpdate = z.object({
	actionId: z.uuid(),
	assigneeId: z.uuid({ message: 'Choose who will do it' }),
	status: z.enum(ACTION_STATUSES)
});

export const actions: Actions = {
	addAction: async ({ request, params }) => {
		const user = authorise('meeting:edit');
		const parsed = parseForm(NewAction, await request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		try {
			await createAction(db(), user, { ...parsed.data, meetingId: params.id });
		} catch (e) {
			if (e instanceof ActionInputError) return invalid(400, { [e.field]: e.message }, parsed.values);
			throw e;
		}
		return { saved: true };
	},
	updateAction: async ({ request }) => {
		const user = authorise('meeting:edit');
		const parsed = parseForm(ActionUpdate, await request.formData());
		if (!parsed.ok) return invalid(400, parsed.errors, parsed.values);
		try {
			const found = await updateAction(db(), user, parsed.data.actionId, {
				assigneeId: parsed.data.assigneeId,
				status: parsed.data.status
			});
			if (!found) return invalid(404, {}, parsed.values, 'That action was not found');
		} catch (e) {
			if (e instanceof ActionInputError) return invalid(400, { [e.field]: e.message }, parsed.values);
			throw e;
		}
		return { saved: true };
	},
	end: async ({ params }) => {
		const user = authorise('meeting:edit');
		const [row] = await db()
			.select({ chairId: meeting.chairId })
			.from(meeting)
			.where(and(eq(meeting.id, params.id), eq(meeting.organisationId, user.organisationId)));
		if (!row) error(404, 'Meeting not found');
		if (row.chairId && row.chairId !== user.id) error(403, 'Only the chair can end the meeting');
		await endMeeting(db(), requireLive(), user, params.id);
		redirect(303, `/meetings/${params.id}/minutes`);
	}
};

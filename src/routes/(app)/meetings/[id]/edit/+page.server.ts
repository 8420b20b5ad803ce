import { error, fail, redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { cancelMeeting, getMeeting, NotAMemberError, updateMeeting } from '$lib/server/meetings';
import { listMembers } from '$lib/server/users';
import { MeetingForm, meetingFormValues, toMeetingInput } from '../../new/meeting-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = authorise('meeting:edit');
	const meeting = await getMeeting(db(), user, params.id);
	if (!meeting) error(404, 'Meeting not found');
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			status: meeting.status
		},
		values: meetingFormValues(meeting),
		inviteeIds: meeting.invitees.map((i) => i.id),
		members: await listMembers(db(), user),
		// The confirmation step of cancelling is a page state of its own, so it works without JS.
		confirmingCancel: url.searchParams.has('cancel') && meeting.status !== 'cancelled'
	};
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = authorise('meeting:edit');
		const form = await request.formData();
		const parsed = parseForm(MeetingForm, form);
		const inviteeIds = form.getAll('inviteeIds').filter((v) => typeof v === 'string');
		const refuse = (status: number, errors: Record<string, string>) =>
			fail(status, { errors, values: parsed.values, inviteeIds });
		if (!parsed.ok) return refuse(400, parsed.errors);
		const converted = toMeetingInput(parsed.data);
		if (!converted.ok) return refuse(400, { [converted.field]: converted.message });
		try {
			const found = await updateMeeting(db(), user, params.id, converted.input);
			if (!found) error(404, 'Meeting not found');
		} catch (e) {
			if (e instanceof NotAMemberError) return refuse(400, { inviteeIds: e.message });
			throw e;
		}
		redirect(303, `/meetings/${params.id}`);
	},
	cancel: async ({ params }) => {
		const user = authorise('meeting:edit');
		const meeting = await getMeeting(db(), user, params.id);
		if (!meeting) error(404, 'Meeting not found');
		await cancelMeeting(db(), user, meeting.id);
		redirect(303, `/meetings?cancelled=${meeting.id}`);
	}
};

import { redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { createMeeting, MeetingInputError, NotAMemberError } from '$lib/server/meetings';
import { listSeries } from '$lib/server/meeting-series';
import { listMembers } from '$lib/server/users';
import { MeetingForm, toMeetingInput } from './meeting-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = authorise('meeting:edit');
	return {
		members: await listMembers(db(), user),
		series: await listSeries(db(), user.organisationId),
		me: user.id
	};
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = authorise('meeting:edit');
		const form = await request.formData();
		const parsed = parseForm(MeetingForm, form);
		// Ticked boxes share one name; parseForm's values keep one string per field.
		const inviteeIds = form.getAll('inviteeIds').filter((v) => typeof v === 'string');
		const refuse = (errors: Record<string, string>, message?: string) =>
			invalid(400, { errors, values: parsed.values, selected: { inviteeIds }, message });
		if (!parsed.ok) return refuse(parsed.errors);
		const converted = toMeetingInput(parsed.data);
		if (!converted.ok) return refuse({ [converted.field]: converted.message });
		let id: string;
		try {
			id = await createMeeting(db(), user, converted.input);
		} catch (e) {
			if (e instanceof NotAMemberError) return refuse({ inviteeIds: e.message });
			if (e instanceof MeetingInputError) return refuse({ [e.field]: e.message });
			throw e;
		}
		redirect(303, `/meetings/${id}`);
	}
};

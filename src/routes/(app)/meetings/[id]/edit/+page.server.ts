import { error, redirect } from '@sveltejs/kit';
import { mayChangeChair } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import {
	cancelMeeting,
	ENDED_MEETING_IS_FINAL,
	getMeeting,
	MeetingInputError,
	MeetingStateError,
	NotAMemberError,
	updateMeeting
} from '$lib/server/meetings';
import { listSeries } from '$lib/server/meeting-series';
import { listMembers } from '$lib/server/users';
import { MeetingForm, meetingFormValues, toMeetingInput } from '../../new/meeting-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = authorise('meeting:edit');
	const meeting = await getMeeting(db(), user, params.id);
	if (!meeting) error(404, 'Meeting not found');
	// An ended meeting's details are final: the page says so and links to the minutes.
	if (meeting.status === 'ended') {
		return {
			meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt },
			final: ENDED_MEETING_IS_FINAL
		} as const;
	}
	const members = await listMembers(db(), user);
	return {
		final: null,
		meeting: {
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			status: meeting.status
		},
		values: meetingFormValues(meeting),
		inviteeIds: meeting.invitees.map((i) => i.id),
		members,
		chairLocked: mayChangeChair(user, meeting) ? null : whoMayChangeChair(meeting, members),
		series: await listSeries(db(), user.organisationId),
		// The confirmation step of cancelling is a page state of its own, so it works without JS.
		/** Only a scheduled meeting is cancelled: one in progress is ended by its chair. */
		mayCancel: meeting.status === 'scheduled',
		confirmingCancel: url.searchParams.has('cancel') && meeting.status === 'scheduled'
	};
};

/** The sentence shown instead of the chair's choice to someone who may not change it. */
function whoMayChangeChair(
	meeting: { createdBy: string | null; chair: { name: string } | null },
	members: { id: string; name: string }[]
): string {
	const organiser = members.find((m) => m.id === meeting.createdBy)?.name;
	const byOrganiser = organiser ? `the organiser (${organiser})` : 'the organiser';
	if (!meeting.chair) return `Only ${byOrganiser} or an admin can name its chair.`;
	return `Only ${byOrganiser}, the chair (${meeting.chair.name}) or an admin can change who chairs this meeting.`;
}

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = authorise('meeting:edit');
		const form = await request.formData();
		const parsed = parseForm(MeetingForm, form);
		const inviteeIds = form.getAll('inviteeIds').filter((v) => typeof v === 'string');
		const refuse = (status: number, errors: Record<string, string>, message?: string) =>
			invalid(status, { errors, values: parsed.values, selected: { inviteeIds }, message });
		if (!parsed.ok) return refuse(400, parsed.errors);
		const converted = toMeetingInput(parsed.data);
		if (!converted.ok) return refuse(400, { [converted.field]: converted.message });
		try {
			const found = await updateMeeting(db(), user, params.id, converted.input);
			if (!found) error(404, 'Meeting not found');
		} catch (e) {
			if (e instanceof NotAMemberError) return refuse(400, { inviteeIds: e.message });
			if (e instanceof MeetingInputError) return refuse(400, { [e.field]: e.message });
			if (e instanceof MeetingStateError) return refuse(409, {}, e.message);
			throw e;
		}
		redirect(303, `/meetings/${params.id}`);
	},
	cancel: async ({ params }) => {
		const user = authorise('meeting:edit');
		const meeting = await getMeeting(db(), user, params.id);
		if (!meeting) error(404, 'Meeting not found');
		try {
			await cancelMeeting(db(), user, meeting.id);
		} catch (e) {
			if (e instanceof MeetingStateError) {
				return invalid(409, { form: 'cancel', message: e.message });
			}
			throw e;
		}
		redirect(303, `/meetings?cancelled=${meeting.id}`);
	}
};

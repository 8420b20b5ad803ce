import { error, redirect } from '@sveltejs/kit';
import { END_CHOICES, type EndChoice } from '$lib/domain/meeting-end';
import { mayEndMeeting } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import type { SessionUser } from '$lib/server/auth';
import { db } from '$lib/server/db';
import { requireLive } from '$lib/server/documents-api';
import { invalid } from '$lib/server/forms';
import { endMeeting, endProposal, MeetingEndRefused } from '$lib/server/meeting-end';
import { requireMeeting } from '$lib/server/meeting-page';
import type { Actions, PageServerLoad } from './$types';

/** The meeting, if the user may end it (roles.ts: mayEndMeeting, the chair's). */
async function endable(user: SessionUser, meetingId: string) {
	const meeting = await requireMeeting(user, meetingId);
	if (!mayEndMeeting(user, meeting)) error(403, 'Only the chair can end the meeting');
	return meeting;
}

// The confirmation is a page of its own, so that it works without JavaScript too.
export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('meeting:edit');
	const meeting = await endable(user, params.id);
	const summary = { id: meeting.id, title: meeting.title, status: meeting.status };
	if (meeting.status === 'ended' || meeting.status === 'cancelled') {
		return { meeting: summary, items: [], next: null };
	}
	return { meeting: summary, ...(await endProposal(db(), requireLive(), user, meeting)) };
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const user = authorise('meeting:edit');
		const meeting = await endable(user, params.id);
		const form = await request.formData();
		const choices: Record<string, EndChoice> = {};
		for (const [key, value] of form) {
			if (!key.startsWith('item.')) continue;
			if (!(END_CHOICES as readonly unknown[]).includes(value)) {
				return invalid(400, { message: 'Choose, for each item, discussed or carry forward' });
			}
			choices[key.slice('item.'.length)] = value as EndChoice;
		}
		try {
			const ended = await endMeeting(db(), requireLive(), user, meeting.id, choices);
			if (!ended) error(404, 'Meeting not found');
		} catch (e) {
			if (e instanceof MeetingEndRefused) return invalid(409, { message: e.message });
			throw e;
		}
		redirect(303, `/meetings/${meeting.id}/minutes`);
	}
};

import { error } from '@sveltejs/kit';
import { mayRecordMeeting } from '$lib/domain/roles';
import { authorise, clientIp } from '$lib/server/access';
import { addAmendment, AmendmentError } from '$lib/server/amendments';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { requireMeeting } from '$lib/server/meeting-page';
import { meetingPlanChanges } from '$lib/server/meeting-plan-versions';
import { getMinutes } from '$lib/server/minutes';
import { toLondonTime } from '$lib/domain/london-time';
import { Amendment } from './amendment-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	const minutes = await getMinutes(db(), user, params.id, { ip: clientIp() });
	if (!minutes) error(404, 'Meeting not found');
	const discussed = minutes.items
		.filter((item) => item.status === 'discussed' && item.patient)
		.map((item) => item.patient!.id);
	return {
		...minutes,
		/** By patient: the plan sections each discussed person's plan changed in during the meeting. */
		planChanges: await meetingPlanChanges(db(), user, minutes.meeting, discussed),
		meeting: { ...minutes.meeting, date: toLondonTime(minutes.meeting.startsAt).date },
		/** Corrections to final minutes are amendments: clinical content, by clinical roles. */
		mayAmend: minutes.meeting.status === 'ended' && mayRecordMeeting(user.role)
	};
};

export const actions: Actions = {
	amend: async ({ request, params }) => {
		const user = authorise('meeting:record');
		// Another organisation's meeting, or an id that is none, is not found (404), as on GET.
		const meeting = await requireMeeting(user, params.id);
		const parsed = parseForm(Amendment, await request.formData());
		const refuse = (status: number, errors: Record<string, string>, message?: string) =>
			invalid(status, { form: 'amend', errors, values: parsed.values, message });
		if (!parsed.ok) return refuse(400, parsed.errors);
		try {
			const id = await addAmendment(db(), user, meeting.id, parsed.data);
			if (!id) error(404, 'Meeting not found');
		} catch (e) {
			if (e instanceof AmendmentError && e.field === 'meeting') return refuse(409, {}, e.message);
			if (e instanceof AmendmentError) return refuse(400, { [e.field]: e.message });
			throw e;
		}
		return { amended: true };
	}
};

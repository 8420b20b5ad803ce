import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { EPISODE_CLOSE_REASONS, EPISODE_OPEN_REASONS } from '$lib/domain/caseload';
import { authorise } from '$lib/server/access';
import { closeEpisode, EpisodeStateError, openEpisode } from '$lib/server/caseload-episodes';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { isCalendarDate } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	authorise('patient:write');
	await parent();
};

/** Why they come onto the caseload (proactively identified, unless the form says otherwise). */
const AddForm = z.object({
	openReason: z.enum(EPISODE_OPEN_REASONS, { message: 'Choose how they came onto the caseload' })
});

const DischargeForm = z.object({
	closeReason: z.enum(EPISODE_CLOSE_REASONS, {
		message: 'Choose why they are leaving the caseload'
	}),
	closedOn: z
		.string()
		.trim()
		.refine((v) => isCalendarDate(v), 'Enter the discharge date as a real date'),
	closeNote: z
		.string()
		.trim()
		.max(1000, 'Note must be 1000 characters or fewer')
		.transform((v) => v || null)
});

export const actions: Actions = {
	open: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(AddForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		try {
			await db().transaction((tx) =>
				openEpisode(tx, user, params.id, { reason: parsed.data.openReason })
			);
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
			if (e instanceof EpisodeStateError) {
				return invalid(409, { errors: {}, values: parsed.values, message: e.message });
			}
			throw e;
		}
		redirect(303, `/patients/${params.id}?saved=caseload`);
	},
	close: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(DischargeForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		try {
			await closeEpisode(db(), user, params.id, {
				reason: parsed.data.closeReason,
				closedOn: parsed.data.closedOn,
				note: parsed.data.closeNote
			});
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
			if (e instanceof EpisodeStateError) {
				return invalid(409, { errors: { closedOn: e.message }, values: parsed.values });
			}
			throw e;
		}
		redirect(303, `/patients/${params.id}?saved=caseload`);
	}
};

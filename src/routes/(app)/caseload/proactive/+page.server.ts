import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { RISK_REASONS } from '$lib/domain/caseload';
import { can, mayCoordinateCare } from '$lib/domain/roles';
import { defaultWorklist } from '$lib/domain/worklist';
import { authorise } from '$lib/server/access';
import { addToAgenda, AgendaAdditionRefused, upcomingMeetings } from '$lib/server/agenda-additions';
import { EpisodeStateError, openEpisode } from '$lib/server/caseload-episodes';
import { db } from '$lib/server/db';
import { requireLive } from '$lib/server/documents-api';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import { worklist } from '$lib/server/worklist';
import type { Actions, PageServerLoad } from './$types';

/**
 * People not on the caseload who meet a proactive identification criterion (RISK_REASONS),
 * each with why, the most reasons first, then by name.
 */
export const load: PageServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	const page = Number(url.searchParams.get('page')) || 1;
	const query = {
		...defaultWorklist('pcn'),
		episode: 'off' as const,
		risks: [...RISK_REASONS],
		sort: 'risks' as const
	};
	const [found, meetings] = await Promise.all([
		worklist(db(), user, { ...query, page: page >= 1 && page <= 10_000 ? page : 1 }),
		upcomingMeetings(db(), user)
	]);
	return {
		...found,
		page,
		meetings,
		mayCoordinate: mayCoordinateCare(user.role),
		may: {
			addToCaseload: can(user.role, 'patient:write'),
			addToAgenda: can(user.role, 'meeting:record')
		}
	};
};

const PatientChoice = z.object({ patientId: z.uuid({ message: 'Choose a patient' }) });
const AgendaChoice = PatientChoice.extend({
	meetingId: z.uuid({ message: 'Choose a meeting' }),
	reason: z.string().trim().min(1).max(2000)
});

export const actions: Actions = {
	caseload: async ({ request }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(PatientChoice, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		try {
			await db().transaction((tx) =>
				openEpisode(tx, user, parsed.data.patientId, { reason: 'proactively_identified' })
			);
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
			if (e instanceof EpisodeStateError) {
				return invalid(409, { form: `row:${parsed.data.patientId}`, message: e.message });
			}
			throw e;
		}
		return { added: { patientId: parsed.data.patientId, to: 'caseload' } };
	},
	agenda: async ({ request }) => {
		const user = authorise('meeting:record');
		const parsed = parseForm(AgendaChoice, await request.formData());
		if (!parsed.ok) {
			const patientId = parsed.values.patientId ?? '';
			return invalid(400, {
				form: `row:${patientId}`,
				errors: parsed.errors,
				values: parsed.values,
				message: parsed.errors.meetingId ?? parsed.errors.patientId ?? 'Choose a meeting'
			});
		}
		try {
			await addToAgenda(db(), requireLive(), user, parsed.data);
		} catch (e) {
			if (e instanceof AgendaAdditionRefused) {
				return invalid(409, { form: `row:${parsed.data.patientId}`, message: e.message });
			}
			throw e;
		}
		return { added: { patientId: parsed.data.patientId, to: parsed.data.meetingId } };
	}
};

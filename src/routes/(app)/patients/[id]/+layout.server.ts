import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { authorise, clientIp } from '$lib/server/access';
import { londonToday } from '$lib/domain/london-time';
import { planReviewDate } from '$lib/server/careplans';
import { episodesOf } from '$lib/server/caseload-episodes';
import { db } from '$lib/server/db';
import { getPatient } from '$lib/server/patients';
import type { LayoutServerLoad } from './$types';

/** The patient of every tab (record, actions, meetings, timeline), read and audited once. */
export const load: LayoutServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	const patient = await getPatient(db(), user, params.id, { ip: clientIp() });
	if (!patient) error(404, 'Patient not found');
	const [episodes, reviewDate] = await Promise.all([
		episodesOf(db(), user, patient.id),
		planReviewDate(db(), patient.id)
	]);
	const died = episodes.find((e) => e.closeReason === 'died');
	return {
		patient: { ...patient, diedOn: died?.closedOn ?? null },
		/** Newest first; the first is open when `closedOn` is null. */
		episodes: episodes.map((e) => ({
			id: e.id,
			openedOn: e.openedOn,
			openReason: e.openReason,
			closedOn: e.closedOn,
			closeReason: e.closeReason,
			closeNote: e.closeNote
		})),
		/** The plan's review date (projected) and today in London: "Plan review due" on every tab. */
		planReview: { reviewDate, today: londonToday() },
		may: {
			edit: can(user.role, 'patient:write'),
			exportRecord: can(user.role, 'record:export'),
			recordCarers: can(user.role, 'carers:record')
		}
	};
};

import { error } from '@sveltejs/kit';
import { ons4RecordText, pamRecordText } from '$lib/domain/activity-record';
import { londonToday } from '$lib/domain/london-time';
import { ons4Series, pamSeries } from '$lib/domain/measure-series';
import { ons4Submission, pamSubmission } from '$lib/domain/measure-submission';
import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { MeasureError, measuresOf, recordOns4, recordPam } from '$lib/server/measures';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	const { patient } = await parent();
	const measures = await measuresOf(db(), user, params.id).catch((e) => {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	});
	const by = new Map(measures.map((m) => [m.id, m.recordedBy]));
	const pam = pamSeries(measures).map((p) => ({ ...p, by: by.get(p.id) ?? null }));
	const ons4 = ons4Series(measures).map((p) => ({ ...p, by: by.get(p.id) ?? null }));
	const person = {
		name: `${patient.givenName} ${patient.familyName}`,
		nhsNumber: patient.nhsNumber
	};
	const latestPam = pam.at(-1);
	const latestOns4 = ons4.at(-1);
	return {
		pam,
		ons4,
		/** Copy to clinical record: the latest of each, coded where a code is verified. */
		records: {
			pam: latestPam
				? pamRecordText({
						patient: person,
						recordedOn: latestPam.on,
						score: latestPam.score,
						level: latestPam.level,
						by: latestPam.by
					})
				: null,
			ons4: latestOns4
				? ons4RecordText({
						patient: person,
						recordedOn: latestOns4.on,
						answers: latestOns4.answers,
						by: latestOns4.by
					})
				: null
		},
		mayRecord: can(user.role, 'measure:record')
	};
};

function refused(form: string, e: unknown, values: Record<string, string>) {
	if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
	if (e instanceof MeasureError) return invalid(400, { form, errors: e.errors, values });
	throw e;
}

export const actions: Actions = {
	pam: async ({ request, params }) => {
		const user = authorise('measure:record');
		const parsed = parseForm(pamSubmission(londonToday()), await request.formData());
		if (!parsed.ok)
			return invalid(400, { form: 'pam', errors: parsed.errors, values: parsed.values });
		try {
			await recordPam(db(), user, params.id, parsed.data);
		} catch (e) {
			return refused('pam', e, parsed.values);
		}
		return { saved: 'pam' as const };
	},
	ons4: async ({ request, params }) => {
		const user = authorise('measure:record');
		const parsed = parseForm(ons4Submission(londonToday()), await request.formData());
		if (!parsed.ok) {
			return invalid(400, { form: 'ons4', errors: parsed.errors, values: parsed.values });
		}
		try {
			await recordOns4(db(), user, params.id, parsed.data);
		} catch (e) {
			return refused('ons4', e, parsed.values);
		}
		return { saved: 'ons4' as const };
	}
};

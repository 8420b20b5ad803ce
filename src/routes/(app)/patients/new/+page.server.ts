import { redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import {
	createPatient,
	DuplicatePatientError,
	listPractices,
	UnknownPracticeError
} from '$lib/server/patients';
import { PatientForm } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = authorise('patient:write');
	return { practices: await listPractices(db(), user) };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(PatientForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		let id: string;
		try {
			id = await createPatient(db(), user, parsed.data);
		} catch (e) {
			if (e instanceof DuplicatePatientError) {
				return invalid(409, { errors: { nhsNumber: e.message }, values: parsed.values });
			}
			if (e instanceof UnknownPracticeError) {
				return invalid(400, { errors: { practiceId: e.message }, values: parsed.values });
			}
			throw e;
		}
		redirect(303, `/patients/${id}`);
	}
};

import { error, redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import {
	listCoordinators,
	PatientNotFoundError,
	UnknownCoordinatorError,
	updatePatient
} from '$lib/server/patient-record';
import { DuplicatePatientError, listPractices, UnknownPracticeError } from '$lib/server/patients';
import { PatientRecordForm } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = authorise('patient:write');
	const [practices, coordinators] = await Promise.all([
		listPractices(db(), user),
		listCoordinators(db(), user)
	]);
	return { practices, coordinators };
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const user = authorise('patient:write');
		const form = await request.formData();
		const parsed = parseForm(PatientRecordForm, form);
		// Ticked boxes share one name; parseForm's values keep one string per field.
		const accessibleFormats = form.getAll('accessibleFormats').map(String);
		const refuse = (status: number, errors: Record<string, string>) =>
			invalid(status, { errors, values: parsed.values, selected: { accessibleFormats } });
		if (!parsed.ok) return refuse(400, parsed.errors);
		try {
			await updatePatient(db(), user, params.id, parsed.data);
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
			if (e instanceof DuplicatePatientError) return refuse(409, { nhsNumber: e.message });
			if (e instanceof UnknownPracticeError) return refuse(400, { practiceId: e.message });
			if (e instanceof UnknownCoordinatorError) {
				return refuse(400, { assignedCoordinatorId: e.message });
			}
			throw e;
		}
		redirect(303, `/patients/${params.id}?saved=record`);
	}
};

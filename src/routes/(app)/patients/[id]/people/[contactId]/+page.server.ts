import { error, redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError, saveContact } from '$lib/server/patient-record';
import { PersonalContactForm } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

/** `new` adds a person; an id changes or removes one of the patient's contacts. */
const contactIdOf = (param: string) => (param === 'new' ? null : param);

export const load: PageServerLoad = async ({ params, parent }) => {
	authorise('patient:write');
	const { patient } = await parent();
	const contactId = contactIdOf(params.contactId);
	const contact = contactId ? patient.contacts.find((c) => c.id === contactId) : null;
	if (contact === undefined) error(404, 'Contact not found');
	return { contact };
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(PersonalContactForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		try {
			await saveContact(db(), user, params.id, contactIdOf(params.contactId), parsed.data);
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Contact not found');
			throw e;
		}
		redirect(303, `/patients/${params.id}?saved=contact`);
	},
	remove: async ({ params }) => {
		const user = authorise('patient:write');
		const contactId = contactIdOf(params.contactId);
		if (!contactId) error(404, 'Contact not found');
		try {
			await saveContact(db(), user, params.id, contactId, null);
		} catch (e) {
			if (e instanceof PatientNotFoundError) error(404, 'Contact not found');
			throw e;
		}
		redirect(303, `/patients/${params.id}?saved=contact`);
	}
};

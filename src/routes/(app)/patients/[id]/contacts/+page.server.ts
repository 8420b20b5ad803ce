import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '$lib/domain/contact-log';
import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import {
	arrangeAppointment,
	ContactLogError,
	listAppointments,
	listContacts,
	logContact,
	setAppointmentStatus
} from '$lib/server/contact-log';
import {
	AppointmentForm,
	ContactForm,
	toAppointmentInput,
	toContactInput
} from '$lib/server/contact-log-forms';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const user = authorise('patient:read');
	await parent();
	const [contacts, appointments] = await Promise.all([
		listContacts(db(), user, params.id),
		listAppointments(db(), user, params.id)
	]);
	return { contacts, appointments, mayWrite: can(user.role, 'patient:write') };
};

const StatusForm = z.object({
	appointmentId: z.uuid(),
	status: z.enum(APPOINTMENT_STATUSES, { message: 'Choose a status' })
});

/** A refusal the service explains, on the form that was sent. */
/** The form field that shows a service's refusal of one of its inputs. */
const FIELDS: Record<string, string> = {
	occurredAt: 'date',
	startsAt: 'date',
	remindAt: 'reminder'
};

function refused(form: string, e: unknown, values: Record<string, string>) {
	if (e instanceof PatientNotFoundError) error(404, 'Not found');
	if (e instanceof ContactLogError) {
		return invalid(400, { form, errors: { [FIELDS[e.field] ?? e.field]: e.message }, values });
	}
	throw e;
}

export const actions: Actions = {
	contact: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(ContactForm, await request.formData());
		if (!parsed.ok)
			return invalid(400, { form: 'contact', errors: parsed.errors, values: parsed.values });
		const converted = toContactInput(parsed.data);
		if (!converted.ok) {
			return invalid(400, {
				form: 'contact',
				errors: { [converted.field]: converted.message },
				values: parsed.values
			});
		}
		try {
			await logContact(db(), user, params.id, converted.input);
		} catch (e) {
			return refused('contact', e, parsed.values);
		}
		return { saved: 'contact' as const };
	},
	appointment: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(AppointmentForm, await request.formData());
		const form = 'appointment';
		if (!parsed.ok) return invalid(400, { form, errors: parsed.errors, values: parsed.values });
		const converted = toAppointmentInput(parsed.data);
		if (!converted.ok) {
			return invalid(400, {
				form,
				errors: { [converted.field]: converted.message },
				values: parsed.values
			});
		}
		try {
			await arrangeAppointment(db(), user, params.id, converted.input);
		} catch (e) {
			return refused(form, e, parsed.values);
		}
		return { saved: 'appointment' as const };
	},
	status: async ({ request, params }) => {
		const user = authorise('patient:write');
		const parsed = parseForm(StatusForm, await request.formData());
		const form = `status:${parsed.values.appointmentId ?? ''}`;
		if (!parsed.ok) return invalid(400, { form, errors: parsed.errors, values: parsed.values });
		try {
			await setAppointmentStatus(
				db(),
				user,
				params.id,
				parsed.data.appointmentId,
				parsed.data.status
			);
		} catch (e) {
			return refused(form, e, parsed.values);
		}
		return { saved: 'status' as const };
	}
};

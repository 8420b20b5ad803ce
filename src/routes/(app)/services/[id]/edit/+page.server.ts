import { error, redirect } from '@sveltejs/kit';
import { authorise, clientIp } from '$lib/server/access';
import { londonToday } from '$lib/server/caseload-episodes';
import {
	getService,
	ServiceInputError,
	ServiceNotFoundError,
	updateService
} from '$lib/server/community-services';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { ServiceForm } from '../../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('service:edit');
	const service = await getService(db(), user, params.id, { ip: clientIp() });
	if (!service) error(404, 'Service not found');
	const { referralCounts: _counts, feedback: _feedback, updatedAt: _updated, ...fields } = service;
	return { service: fields, today: londonToday() };
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const user = authorise('service:edit');
		const parsed = parseForm(ServiceForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		try {
			await updateService(db(), user, params.id, parsed.data);
		} catch (e) {
			if (e instanceof ServiceNotFoundError) error(404, 'Service not found');
			if (e instanceof ServiceInputError) {
				return invalid(400, { errors: e.errors, values: parsed.values });
			}
			throw e;
		}
		redirect(303, `/services/${params.id}?saved=changed`);
	}
};

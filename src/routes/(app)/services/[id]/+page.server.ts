import { error } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { authorise, clientIp } from '$lib/server/access';
import { londonToday } from '$lib/server/caseload-episodes';
import {
	getService,
	ServiceInputError,
	ServiceNotFoundError
} from '$lib/server/community-services';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { recordServiceFeedback } from '$lib/server/service-feedback';
import { FeedbackForm } from '../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('patient:read');
	const service = await getService(db(), user, params.id, { ip: clientIp() });
	if (!service) error(404, 'Service not found');
	return { service, today: londonToday(), may: { edit: can(user.role, 'service:edit') } };
};

export const actions: Actions = {
	feedback: async ({ request, params }) => {
		const user = authorise('service:edit');
		const parsed = parseForm(FeedbackForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		try {
			await recordServiceFeedback(db(), user, params.id, parsed.data);
		} catch (e) {
			if (e instanceof ServiceNotFoundError) error(404, 'Service not found');
			if (e instanceof ServiceInputError) {
				return invalid(400, { errors: e.errors, values: parsed.values });
			}
			throw e;
		}
		return { saved: 'feedback' };
	}
};

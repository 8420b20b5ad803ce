import { redirect } from '@sveltejs/kit';
import { authorise } from '$lib/server/access';
import { londonToday } from '$lib/server/caseload-episodes';
import { createService, ServiceInputError } from '$lib/server/community-services';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import { ServiceForm } from '../forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	authorise('service:edit');
	return { today: londonToday() };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = authorise('service:edit');
		const parsed = parseForm(ServiceForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		let id: string;
		try {
			id = await createService(db(), user, parsed.data);
		} catch (e) {
			if (e instanceof ServiceInputError) {
				return invalid(400, { errors: e.errors, values: parsed.values });
			}
			throw e;
		}
		redirect(303, `/services/${id}?saved=added`);
	}
};

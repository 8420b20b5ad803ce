import { error } from '@sveltejs/kit';
import { carerAssessmentSubmission } from '$lib/domain/carers';
import { londonToday } from '$lib/domain/london-time';
import { authorise } from '$lib/server/access';
import { CarerNotFoundError, getCarer, recordCarerAssessment } from '$lib/server/carers';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

function notFound(e: unknown): never {
	if (e instanceof CarerNotFoundError) error(404, 'Carer not found');
	throw e;
}

export const load: PageServerLoad = async ({ params }) => {
	const user = authorise('carers:record');
	return { carer: await getCarer(db(), user, params.contactId).catch(notFound) };
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const user = authorise('carers:record');
		const parsed = parseForm(carerAssessmentSubmission(londonToday()), await request.formData());
		if (!parsed.ok)
			return invalid(400, { form: 'carer', errors: parsed.errors, values: parsed.values });
		await recordCarerAssessment(db(), user, params.contactId, parsed.data).catch(notFound);
		return { saved: true };
	}
};

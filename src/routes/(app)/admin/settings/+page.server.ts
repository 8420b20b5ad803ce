import { z } from 'zod';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { invalid, parseForm } from '$lib/server/forms';
import {
	FIRST_CONTACT_TARGET_RANGE,
	firstContactTargetOf,
	setFirstContactTarget
} from '$lib/server/pcn-settings';
import { wholeNumber } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

const { min, max } = FIRST_CONTACT_TARGET_RANGE;
const TargetForm = z.object({
	firstContactTargetDays: z
		.string()
		.trim()
		.refine((v) => v !== '', 'Enter the target in working days')
		.pipe(wholeNumber(`Enter a whole number of working days from ${min} to ${max}`, min, max))
});

export const load: PageServerLoad = async () => {
	const user = authorise('pcn:settings');
	return { firstContactTargetDays: await firstContactTargetOf(db(), user), range: { min, max } };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const user = authorise('pcn:settings');
		const parsed = parseForm(TargetForm, await request.formData());
		if (!parsed.ok) return invalid(400, { errors: parsed.errors, values: parsed.values });
		await setFirstContactTarget(db(), user, parsed.data.firstContactTargetDays);
		return { saved: true };
	}
};

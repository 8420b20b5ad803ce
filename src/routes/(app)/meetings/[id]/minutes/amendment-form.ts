import { z } from 'zod';
import { AMENDMENT_MAX_LENGTH } from '$lib/server/amendments';

/** The amend form of the minutes: a correction to the whole, or to one item (`agendaItemId`). */
export const Amendment = z.object({
	text: z
		.string()
		.trim()
		.min(1, 'Write the amendment')
		.max(AMENDMENT_MAX_LENGTH, `Amendment must be ${AMENDMENT_MAX_LENGTH} characters or fewer`),
	agendaItemId: z
		.string()
		.max(100)
		.transform((v) => v || null)
});

/**
 * The services directory's forms (a service's details, a service's feedback), validated field by
 * field. What needs the stored records (a name already in the directory) is the service's, and
 * comes back as field errors too.
 */
import { z } from 'zod';
import { SERVICE_CATEGORIES, SERVICE_FEEDBACK_KINDS } from '$lib/domain/community-services';
import { londonToday } from '$lib/server/caseload-episodes';
import { isCalendarDate } from '$lib/server/validation';

const text = (max: number, missing?: string) =>
	missing
		? z.string().trim().min(1, missing).max(max, `Enter ${max} characters or fewer`)
		: z.string().trim().max(max, `Enter ${max} characters or fewer`);

/** A real day from 2000, not after today, or empty. */
const pastDay = (what: string) =>
	z
		.string()
		.trim()
		.refine((v) => v === '' || isCalendarDate(v), `Enter the ${what} as a real date`)
		.refine((v) => !isCalendarDate(v) || v >= '2000-01-01', `Enter a ${what} from 2000 on`)
		.refine((v) => !isCalendarDate(v) || v <= londonToday(), `The ${what} cannot be in the future`);

const requiredDay = (what: string) => pastDay(what).refine((v) => v !== '', `Enter the ${what}`);

export const ServiceForm = z.object({
	name: text(200, 'Enter the service’s name'),
	category: z.enum(SERVICE_CATEGORIES, { message: 'Choose the kind of service' }),
	description: text(2000),
	contact: text(500, 'Enter how to contact the service'),
	area: text(200, 'Enter the area it serves'),
	eligibility: text(1000),
	referralRoute: text(1000),
	capacity: text(200),
	lastCheckedOn: pastDay('date last checked').transform((v) => v || null),
	active: z.string().transform((v) => v === 'true')
});

export const FeedbackForm = z.object({
	kind: z.enum(SERVICE_FEEDBACK_KINDS, { message: 'Choose what the feedback is about' }),
	note: text(1000, 'Enter what the service said'),
	recordedOn: requiredDay('date of the feedback')
});

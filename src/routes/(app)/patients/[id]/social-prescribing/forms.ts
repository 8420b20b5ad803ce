/**
 * The social prescribing forms on a person's record (refer to a service, update a referral),
 * validated field by field. What needs the stored records (an active service of the PCN, a status
 * the referral may move to) is the service's, and comes back as field errors too.
 */
import { z } from 'zod';
import { SERVICE_REFERRAL_STATUSES } from '$lib/domain/community-services';
import { pastDay } from '$lib/server/validation';

export const ReferToServiceForm = z.object({
	serviceId: z.string().trim().min(1, 'Choose a service'),
	reason: z
		.string()
		.trim()
		.min(1, 'Enter the reason for the referral')
		.max(1000, 'Enter 1000 characters or fewer'),
	sentOn: pastDay('date sent')
});

export const UpdateReferralForm = z.object({
	referralId: z.uuid({ message: 'This referral is not valid' }),
	status: z.enum(SERVICE_REFERRAL_STATUSES, { message: 'Choose where the referral has got to' }),
	outcome: z
		.string()
		.trim()
		.max(2000, 'Enter 2000 characters or fewer')
		.transform((v) => v || null)
});

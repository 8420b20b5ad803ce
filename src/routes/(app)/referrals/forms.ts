/**
 * The referral forms (new referral, contact attempt, triage), validated field by field. The
 * rules that need the stored referral (dates against the day it was received, the outcome's
 * detail) are the service's, in domain/triage.ts, and come back as field errors too.
 */
import { z } from 'zod';
import { nhsNumberProblem, normaliseNhsNumber } from '$lib/domain/nhs-number';
import {
	CONTACT_MODES,
	PRESENTING_NEEDS,
	REFERRAL_SOURCES,
	REFERRAL_URGENCIES,
	REFERRED_ON_TO,
	TRIAGE_OUTCOMES
} from '$lib/domain/referrals';
import { isCalendarDate, optionalText, pastDay } from '$lib/server/validation';

export const NewReferralForm = z.object({
	nhsNumber: z
		.string()
		.transform((v) => normaliseNhsNumber(v))
		.superRefine((v, ctx) => {
			const problem = nhsNumberProblem(v);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		}),
	source: z.enum(REFERRAL_SOURCES, { message: 'Choose where the referral came from' }),
	reason: z
		.string()
		.trim()
		.min(1, 'Enter the reason for the referral')
		.max(2000, 'Enter 2000 characters or fewer'),
	presentingNeed: z.enum(PRESENTING_NEEDS, { message: 'Choose the main need' }),
	urgency: z.enum(REFERRAL_URGENCIES, { message: 'Choose how urgent it is' }),
	referrer: z
		.string()
		.trim()
		.min(1, 'Enter who made the referral')
		.max(200, 'Enter 200 characters or fewer'),
	receivedOn: pastDay('date received')
});

export const ContactAttemptForm = z.object({
	attemptedOn: pastDay('date of the attempt'),
	attemptMode: z.enum(CONTACT_MODES, { message: 'Choose how they were contacted' }),
	succeeded: z.enum(['true', 'false'], { message: 'Choose whether contact was made' }),
	attemptNote: optionalText(1000)
});

const optionalDay = z
	.string()
	.trim()
	.refine(
		(v) => v === '' || isCalendarDate(v),
		'Enter the date of the first contact as a real date'
	)
	.transform((v) => v || null);

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
	z
		.string()
		.refine((v) => v === '' || (values as readonly string[]).includes(v), message)
		.transform((v) => (v === '' ? null : (v as T[number])));

export const TriageForm = z.object({
	firstContactOn: optionalDay,
	firstContactMode: optionalChoice(CONTACT_MODES, 'Choose how the first contact was made'),
	firstContactBy: z
		.string()
		.trim()
		.refine((v) => v === '' || z.uuid().safeParse(v).success, 'Choose who made the first contact')
		.transform((v) => v || null),
	outcome: z.enum(TRIAGE_OUTCOMES, { message: 'Choose the outcome of triage' }),
	acceptedNote: optionalText(1000),
	signpostedTo: optionalText(500),
	referredOnTo: optionalChoice(REFERRED_ON_TO, 'Choose whom they were referred on to'),
	referredOnDetail: optionalText(500),
	declineReason: optionalText(1000)
});

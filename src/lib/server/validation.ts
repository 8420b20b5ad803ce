import { z } from 'zod';
import { nhsNumberProblem, normaliseNhsNumber } from '../domain/nhs-number';
import { ROLES } from '../domain/roles';

export const NewPassword = z
	.string()
	.min(12, 'Password must be at least 12 characters')
	.max(256, 'Password must be 256 characters or fewer');

/** ODS-style organisation code: letters and digits, 3 to 10 characters. */
export const OdsCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9]{3,10}$/, 'Enter an ODS code of 3 to 10 letters and numbers');

export const Email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, 'Enter an email address')
	.max(254)
	.email('Enter an email address like name@example.org');

export const RoleField = z.enum(ROLES, { message: 'Choose a role' });

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.transform((v) => v || null);

const checkbox = z.string().transform((v) => v === 'on' || v === 'true');

/** The add-patient form. NHS numbers are checked against their modulus-11 check digit. */
export const PatientForm = z.object({
	nhsNumber: z
		.string()
		.transform((v) => normaliseNhsNumber(v))
		.superRefine((v, ctx) => {
			const problem = nhsNumberProblem(v);
			if (problem) ctx.addIssue({ code: 'custom', message: problem });
		}),
	givenName: z.string().trim().min(1, 'Enter the given name').max(100),
	familyName: z.string().trim().min(1, 'Enter the family name').max(100),
	dateOfBirth: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of birth as a real date')
		.refine((v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v), 'Enter the date of birth as a real date')
		.refine((v) => v <= new Date().toISOString().slice(0, 10), 'Date of birth must be in the past')
		.refine((v) => v >= '1900-01-01', 'Date of birth must be after 1900'),
	sex: z.enum(['female', 'male', 'other', 'unknown'], { message: 'Choose the sex' }),
	practiceId: z.uuid({ message: 'Choose the practice' }),
	postcode: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, 'Enter a real postcode, like LS1 4AP'),
	ethnicity: z.string().trim().max(100).transform((v) => v || 'Not stated'),
	imdDecile: z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : Number(v)))
		.refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 10), 'IMD decile must be a whole number from 1 to 10'),
	efiDeficits: z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : Number(v)))
		.refine((v) => v === null || (Number.isInteger(v) && v >= 0 && v <= 36), 'eFI deficits must be a whole number from 0 to 36'),
	longTermConditions: z
		.string()
		.max(2000)
		.transform((v) =>
			v
				.split(/[\n,]/)
				.map((c) => c.trim())
				.filter(Boolean)
		),
	preferredContact: z.enum(['phone', 'email', 'letter', 'text'], { message: 'Choose how they prefer to be contacted' }),
	phone: optionalText(30),
	email: z
		.string()
		.trim()
		.max(254)
		.refine((v) => v === '' || z.email().safeParse(v).success, 'Enter an email address like name@example.org')
		.transform((v) => v || null),
	hasUnpaidCarer: checkbox,
	isUnpaidCarer: checkbox
});

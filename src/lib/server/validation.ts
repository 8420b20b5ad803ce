import { z } from 'zod';
import { nhsNumberProblem, normaliseNhsNumber } from '../domain/nhs-number';
import { ACTION_PRIORITIES } from '../domain/actions';
import { londonToday } from '../domain/london-time';
import { ACCESSIBLE_FORMATS, CONTACT_METHODS, SEXES } from '../domain/patients';
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

/** Text up to `max` characters, or empty for none (null). */
export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `Enter ${max} characters or fewer`)
		.transform((v) => v || null);

/** An email address, or empty for none (null). */
const optionalEmail = z
	.string()
	.trim()
	.max(254)
	.refine(
		(v) => v === '' || z.email().safeParse(v).success,
		'Enter an email address like name@example.org'
	)
	.transform((v) => v || null);

const digitsOnly = (v: string, min: number, max: number) =>
	/^\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max;

/** A whole number typed as digits only (so not `1e1`, `0x10`, `1.0` or `-3`), `min` to `max`. */
export function wholeNumber(message: string, min: number, max: number) {
	return z
		.string()
		.trim()
		.refine((v) => digitsOnly(v, min, max), message)
		.transform(Number);
}

/** As `wholeNumber`, or empty for none (null). */
export function optionalWholeNumber(message: string, min: number, max: number) {
	return z
		.string()
		.trim()
		.refine((v) => v === '' || digitsOnly(v, min, max), message)
		.transform((v) => (v === '' ? null : Number(v)));
}

/**
 * A phone number, or empty for none (null): a UK number from 0, or an international one from +,
 * in digits with spaces, brackets or dashes, at least seven digits.
 */
const optionalPhone = z
	.string()
	.trim()
	.max(30, 'Enter a phone number of 30 characters or fewer')
	.refine(
		(v) => v === '' || (/^(\+|\(?0)[\d\s()-]+$/.test(v) && v.replace(/\D/g, '').length >= 7),
		'Enter a phone number, like 01632 960123 or +44 7700 900123'
	)
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
		.refine(
			(v) => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v),
			'Enter the date of birth as a real date'
		)
		.refine((v) => v <= new Date().toISOString().slice(0, 10), 'Date of birth must be in the past')
		.refine((v) => v >= '1900-01-01', 'Date of birth must be after 1900'),
	sex: z.enum(SEXES, { message: 'Choose the sex' }),
	practiceId: z.uuid({ message: 'Choose the practice' }),
	postcode: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, 'Enter a real postcode, like LS1 4AP'),
	ethnicity: z
		.string()
		.trim()
		.max(100)
		.transform((v) => v || 'Not stated'),
	imdDecile: optionalWholeNumber('IMD decile must be a whole number from 1 to 10', 1, 10),
	efiDeficits: optionalWholeNumber('eFI deficits must be a whole number from 0 to 36', 0, 36),
	longTermConditions: z
		.string()
		.max(2000)
		.transform((v) =>
			v
				.split(/[\n,]/)
				.map((c) => c.trim())
				.filter(Boolean)
		),
	preferredContact: z.enum(CONTACT_METHODS, {
		message: 'Choose how they prefer to be contacted'
	}),
	phone: optionalPhone,
	email: optionalEmail,
	hasUnpaidCarer: checkbox,
	isUnpaidCarer: checkbox
});

/**
 * The whole record's form: the add-patient form's fields, with contact preferences,
 * communication needs (Accessible Information Standard) and the assigned care coordinator.
 * Ticked formats share one name (an array when more than one, a string when one, '' for none).
 */
export const PatientRecordForm = PatientForm.extend({
	contactPreferences: optionalText(500),
	interpreterLanguage: optionalText(100),
	accessibleFormats: z
		.union([z.string(), z.array(z.string())])
		.transform((v) => (Array.isArray(v) ? v : v === '' ? [] : [v]))
		.pipe(z.array(z.enum(ACCESSIBLE_FORMATS, { message: 'Choose from the formats listed' }))),
	communicationNotes: optionalText(1000),
	assignedCoordinatorId: z
		.string()
		.trim()
		.refine((v) => v === '' || z.uuid().safeParse(v).success, 'Choose a care coordinator')
		.transform((v) => v || null)
});

/** One of the people important to a patient (About me's personal contacts). */
export const PersonalContactForm = z.object({
	name: z.string().trim().min(1, 'Enter their name').max(100),
	relationship: z.string().trim().min(1, 'Enter their relationship, like daughter').max(100),
	isCarer: checkbox,
	isNextOfKin: checkbox,
	isEmergencyContact: checkbox,
	phone: optionalPhone,
	email: optionalEmail
});

/** Whether `YYYY-MM-DD` is a day of the calendar (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const parsed = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The first and last due date an action may have: any real plan falls well inside. */
export const DUE_DATE_RANGE = { from: '1900-01-01', to: '2100-12-31' } as const;

/**
 * An optional due date (`YYYY-MM-DD`, or empty for none: null), a real day within
 * DUE_DATE_RANGE. The range keeps out what the database refuses ("date/time field value out of
 * range" for year 0000) and typing slips such as 20266.
 */
export const DueDate = z
	.string()
	.trim()
	.refine((v) => v === '' || isCalendarDate(v), 'Enter a real due date')
	.refine(
		(v) => v === '' || (v >= DUE_DATE_RANGE.from && v <= DUE_DATE_RANGE.to),
		'Enter a due date between 1900 and 2100'
	)
	.transform((v) => v || null);

/** A follow-up action's own fields, wherever it is agreed (a meeting, a person's record). */
export const ActionFields = z.object({
	description: z.string().trim().min(1, 'Describe the action').max(1000),
	assigneeId: z.uuid({ message: 'Choose who will do it' }),
	dueDate: DueDate,
	priority: z.enum(ACTION_PRIORITIES, { message: 'Choose a priority' })
});

/** A real day (`YYYY-MM-DD`) within DUE_DATE_RANGE; `message` when it is not one. */
export const calendarDay = (message: string) =>
	z
		.string()
		.trim()
		.refine(
			(v) => isCalendarDate(v) && v >= DUE_DATE_RANGE.from && v <= DUE_DATE_RANGE.to,
			message
		);

/**
 * A day something was done (`what`, e.g. "date received"): required, a real day, from 2000, not
 * after today in England.
 */
export const pastDay = (what: string) =>
	z
		.string()
		.trim()
		.refine((v) => v !== '', `Enter the ${what}`)
		.refine((v) => v === '' || isCalendarDate(v), `Enter the ${what} as a real date`)
		.refine((v) => !isCalendarDate(v) || v >= '2000-01-01', `Enter a ${what} from 2000 on`)
		.refine((v) => !isCalendarDate(v) || v <= londonToday(), `The ${what} cannot be in the future`);

/** The most rows one page of a JSON API list may hold. */
export const MAX_PAGE_LIMIT = 500;

/**
 * A JSON API's `limit` from its query string: `fallback` when absent, else digits only from 1
 * to {@link MAX_PAGE_LIMIT} (so not `1e2`, `0x10` or `+5`); null when it is none of those (the
 * caller answers 400 with {@link PAGE_LIMIT_MESSAGE}).
 */
export function pageLimit(params: URLSearchParams, fallback: number): number | null {
	const raw = params.get('limit');
	if (raw === null) return fallback;
	return digitsOnly(raw, 1, MAX_PAGE_LIMIT) ? Number(raw) : null;
}

export const PAGE_LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`;

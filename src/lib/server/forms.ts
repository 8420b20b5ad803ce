import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { withoutControlCharacters } from '../domain/line-text';

export type FieldErrors = Record<string, string>;

export type FormValues = Record<string, string>;

export type Parsed<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; errors: FieldErrors; values: FormValues };

/**
 * Validates a submitted form against a zod schema. Every text field is read through
 * `withoutControlCharacters` first: forms are read here and nowhere else. On failure it returns
 * the first message for each field plus the values as typed, so the page can re-render without
 * losing anything.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): Parsed<z.output<S>> {
	const values: Record<string, string> = {};
	const raw: Record<string, string | string[]> = {};
	for (const [key, submitted] of form) {
		if (typeof submitted !== 'string') continue;
		const value = withoutControlCharacters(submitted);
		const existing = raw[key];
		raw[key] = existing === undefined ? value : [existing, value].flat();
		if (!/password/i.test(key)) values[key] = value;
	}
	// A field the browser did not send (an unticked box, a missing input) reads as empty, so
	// that its own message appears rather than a type error.
	if (schema instanceof z.ZodObject) {
		for (const key of Object.keys(schema.shape)) raw[key] ??= '';
	}
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data, values };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values };
}

/**
 * Validates a JSON body against a zod schema, every string in it (keys too) read through
 * `withoutControlCharacters` first, as forms are. A body that is not JSON parses as null.
 */
export async function parseJson<S extends z.ZodType>(
	schema: S,
	request: Request
): Promise<ReturnType<S['safeParse']>> {
	const body: unknown = await request.json().catch(() => null);
	return schema.safeParse(cleanJson(body)) as ReturnType<S['safeParse']>;
}

function cleanJson(value: unknown): unknown {
	if (typeof value === 'string') return withoutControlCharacters(value);
	if (Array.isArray(value)) return value.map(cleanJson);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [withoutControlCharacters(k), cleanJson(v)])
		);
	}
	return value;
}

/** The one shape a refused form comes back in, on every page. */
export type FormFailure = {
	/** Which form failed, on a page with several (`'add'`, `'status:<actionId>'`). */
	form?: string;
	/** A message per field, shown beside it and in the error summary. */
	errors: FieldErrors;
	/** What was typed, one string per field (never passwords), so nothing is lost. */
	values: FormValues;
	/** Checkbox groups: the values ticked, by field name. */
	selected?: Record<string, string[]>;
	/** A message for the whole form. */
	message?: string;
};

/**
 * Refuses a form submission: `fail(status, FormFailure)`, the page re-renders with it.
 * A page may add fields of its own beside the one shape (`Extra`, e.g. `unknownPatient`).
 */
export function invalid<Extra extends object = Record<never, never>>(
	status: number,
	failure: Partial<FormFailure> & Extra
) {
	return fail(status, { errors: {}, values: {}, ...failure } as FormFailure & Extra);
}

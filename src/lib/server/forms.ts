import { fail } from '@sveltejs/kit';
import { z } from 'zod';

export type FieldErrors = Record<string, string>;

export type FormValues = Record<string, string>;

export type Parsed<T> =
	| { ok: true; data: T; values: FormValues }
	| { ok: false; errors: FieldErrors; values: FormValues };

/**
 * Validates a submitted form against a zod schema. On failure it returns the first message for
 * each field plus the values as typed, so the page can re-render without losing anything.
 */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): Parsed<z.output<S>> {
	const values: Record<string, string> = {};
	const raw: Record<string, string | string[]> = {};
	for (const [key, value] of form) {
		if (typeof value !== 'string') continue;
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
 * The one shape a refused form comes back in: a message per field, what was typed (never
 * passwords), and optionally a message for the whole form.
 */
export function invalid(
	status: number,
	errors: FieldErrors,
	values: FormValues = {},
	message?: string
) {
	return fail(status, { errors, values, message });
}

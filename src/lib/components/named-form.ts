/**
 * A page with several forms gets back one action result: the errors and values it carries are
 * for the form it names (`invalid(…, { form: name })` in $lib/server/forms), and no other.
 */
export type NamedForm = { errors: Record<string, string>; values: Record<string, string> };

/** The refused errors and typed values of form `name`, or none when `form` is another's. */
export function namedForm(form: unknown, name: string): NamedForm {
	const result = form as {
		form?: string;
		errors?: Record<string, string>;
		values?: Record<string, string>;
	} | null;
	return result && result.form === name
		? { errors: result.errors ?? {}, values: result.values ?? {} }
		: { errors: {}, values: {} };
}

import type { NamedForm } from '$lib/components/named-form';

/**
 * A refused form's field errors, each dropped (in the browser) once its field is changed: the
 * message about a refused 100.1 must not sit beside the 62.3 typed since, and its level. The error
 * summary keeps the refusal as it was until the form is sent again: it took the focus when shown,
 * and redrawing it would take the focus from the field being typed in.
 * `of(name)` is a field's error; put `oninput` on the form.
 */
export function fieldErrors(failed: () => NamedForm) {
	// The refusal the edits belong to: a new refusal (even the same message again) starts afresh.
	let edited = $state.raw<{ errors: Record<string, string>; names: readonly string[] }>({
		errors: {},
		names: []
	});
	const changed = (name: string) =>
		edited.errors === failed().errors && edited.names.includes(name);
	return {
		of: (name: string): string | undefined => (changed(name) ? undefined : failed().errors[name]),
		oninput(event: Event) {
			const name = (event.target as HTMLInputElement | null)?.name;
			const { errors } = failed();
			if (!name || !(name in errors) || changed(name)) return;
			edited = { errors, names: edited.errors === errors ? [...edited.names, name] : [name] };
		}
	};
}

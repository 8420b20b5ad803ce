import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's submit state: `saving` while it is sent, `saved` counting successes (key the form on
 * it for a fresh one with its defaults, such as today's date: form.reset() would empty them).
 * The count goes up before the page takes the result, so that a confirmation shown from the
 * result appears (and takes the focus) once, in the fresh form's place.
 */
export function submitting(onSaved?: () => void) {
	const state = $state({ saving: false, saved: 0 });
	const enhance: SubmitFunction = () => {
		state.saving = true;
		return async ({ result, update }) => {
			if (result.type === 'success') {
				state.saved += 1;
				onSaved?.();
			}
			await update({ reset: false });
			state.saving = false;
		};
	};
	return {
		get saving() {
			return state.saving;
		},
		get saved() {
			return state.saved;
		},
		enhance
	};
}

import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's submit state: `saving` while it is sent, `saved` counting successes (key the form on
 * it for a fresh one with its defaults, such as today's date: form.reset() would empty them).
 */
export function submitting(onSaved?: () => void) {
	const state = $state({ saving: false, saved: 0 });
	const enhance: SubmitFunction = () => {
		state.saving = true;
		return async ({ result, update }) => {
			await update({ reset: false });
			state.saving = false;
			if (result.type === 'success') {
				state.saved += 1;
				onSaved?.();
			}
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

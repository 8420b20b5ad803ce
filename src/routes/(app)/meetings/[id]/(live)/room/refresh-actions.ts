import { invalidate } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

type AfterSubmit = Parameters<Exclude<Awaited<ReturnType<SubmitFunction>>, void>>[0];

/**
 * After an action form is answered: show the answer, then read the meeting's actions again —
 * only those. (By default `enhance` re-runs every load, the team and the caseload included.)
 */
export async function showAndRefreshActions(
	{ result, update }: AfterSubmit,
	options: { reset?: boolean } = {}
): Promise<void> {
	await update({ ...options, invalidateAll: false });
	if (result.type === 'success') await invalidate('meeting:actions');
}

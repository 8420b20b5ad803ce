import type { GoalActionStatus, GoalStatus } from '$lib/domain/collab/careplan';

/** How the plan's pages name a goal's status. */
export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
	not_started: 'Not started',
	in_progress: 'In progress',
	achieved: 'Achieved',
	no_longer_relevant: 'No longer relevant'
};

/** How the plan's pages name the status of an action under a goal. */
export const GOAL_ACTION_STATUS_LABELS: Record<GoalActionStatus, string> = {
	open: 'To do',
	in_progress: 'In progress',
	done: 'Done',
	cancelled: 'Cancelled'
};

/** The 1–10 scale of PRSB PCSP v2 (goal importance, confidence), as select options. */
export const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** A select's value as a score: '' is "not set". */
export const scoreOf = (value: string): number | null => (value === '' ? null : Number(value));

/** Entries with a usable id, each once (a client can write anything, and lists are keyed by id). */
export function uniqueById<T extends { id: string }>(entries: T[]): T[] {
	const seen = new Set<string>();
	return entries.filter((entry) => entry.id !== '' && !seen.has(entry.id) && seen.add(entry.id));
}

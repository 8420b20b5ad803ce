/**
 * The vocabulary of MDT follow-up actions: statuses and priorities, their labels, and when an
 * action is overdue. The database enums, the form schemas and the UI all read these lists.
 * (A care plan's goal actions are a different thing: see `collab/careplan/`.)
 */

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
	open: 'Open',
	in_progress: 'In progress',
	done: 'Done',
	cancelled: 'Cancelled'
};

/** Statuses of an action someone still has to do. */
export const OPEN_ACTION_STATUSES = ['open', 'in_progress'] as const satisfies ActionStatus[];

export const ACTION_PRIORITIES = ['routine', 'soon', 'urgent'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

export const ACTION_PRIORITY_LABELS: Record<ActionPriority, string> = {
	routine: 'Routine',
	soon: 'Soon',
	urgent: 'Urgent'
};

export function isOpenAction(status: ActionStatus): boolean {
	return (OPEN_ACTION_STATUSES as readonly ActionStatus[]).includes(status);
}

/**
 * An open action whose due date (ISO `YYYY-MM-DD`) is before `today` (UTC date). Hazard "lost or
 * unassigned action": overdue actions are shown first and marked.
 */
export function isOverdue(
	action: { dueDate: string | null; status: ActionStatus },
	today = new Date()
): boolean {
	if (!action.dueDate || !isOpenAction(action.status)) return false;
	return action.dueDate < today.toISOString().slice(0, 10);
}

/**
 * Vocabulary of two Universal Personalised Care components the coordinator records (NHS
 * England): shared decision making and personal health budgets.
 */

export const HEALTH_BUDGET_STATUSES = ['discussed', 'eligible', 'in_place', 'reviewed'] as const;
export type HealthBudgetStatus = (typeof HEALTH_BUDGET_STATUSES)[number];

export const HEALTH_BUDGET_STATUS_LABELS: Record<HealthBudgetStatus, string> = {
	discussed: 'Discussed',
	eligible: 'Eligible',
	in_place: 'In place',
	reviewed: 'Reviewed'
};

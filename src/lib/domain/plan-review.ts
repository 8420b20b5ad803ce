/**
 * When a person's care and support plan is due for review. PRSB PCSP v2 "Planned review date":
 * the date this plan will next be reviewed; once it has passed, the review is overdue. The same
 * rule as the caseload's and worklist's "Plan review overdue" (src/lib/server/worklist.ts: the
 * review date before today), so that every screen agrees.
 */

export type PlanReviewDue =
	/** The review date was an earlier day. */
	| { state: 'overdue'; reviewDate: string }
	/** The review date is today. */
	| { state: 'due'; reviewDate: string };

/**
 * Whether the plan's review is due, from its review date and today's date (both `YYYY-MM-DD`,
 * today in London: `londonToday()`); null when no date is set or it is still to come.
 */
export function planReviewDue(reviewDate: string | null, today: string): PlanReviewDue | null {
	if (!reviewDate) return null;
	if (reviewDate < today) return { state: 'overdue', reviewDate };
	if (reviewDate === today) return { state: 'due', reviewDate };
	return null;
}

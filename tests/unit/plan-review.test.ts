import { describe, expect, it } from 'vitest';
import { planReviewDue } from '../../src/lib/domain/plan-review';

describe('when a plan review is due', () => {
	it('is overdue once the review date has passed', () => {
		expect(planReviewDue('2026-11-29', '2026-11-30')).toEqual({
			state: 'overdue',
			reviewDate: '2026-11-29'
		});
	});

	it('is due on the review date itself', () => {
		expect(planReviewDue('2026-11-30', '2026-11-30')).toEqual({
			state: 'due',
			reviewDate: '2026-11-30'
		});
	});

	it('is not due before the review date, nor without one', () => {
		expect(planReviewDue('2026-12-01', '2026-11-30')).toBeNull();
		expect(planReviewDue(null, '2026-11-30')).toBeNull();
	});
});

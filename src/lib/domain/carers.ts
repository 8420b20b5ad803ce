/**
 * The carers register: unpaid carers and the people they care for, with where each carer's
 * assessment stands (Care Act 2014 s10: a carer who appears to need support is offered an
 * assessment) and the support they were referred to. The filters live in the URL.
 */
import { z } from 'zod';

export const CARER_ASSESSMENT_STATUSES = ['not_offered', 'offered', 'completed'] as const;
export type CarerAssessmentStatus = (typeof CARER_ASSESSMENT_STATUSES)[number];

export const CARER_ASSESSMENT_STATUS_LABELS: Record<CarerAssessmentStatus, string> = {
	not_offered: 'Assessment not offered',
	offered: 'Offered, not completed',
	completed: 'Assessment completed'
};

/** Where a carer's assessment stands: completed, offered (not yet completed), or not offered. */
export function carerAssessmentStatus(carer: {
	offeredOn: string | null;
	completedOn: string | null;
}): CarerAssessmentStatus {
	if (carer.completedOn) return 'completed';
	if (carer.offeredOn) return 'offered';
	return 'not_offered';
}

export type CarersQuery = {
	/** Only carers whose assessment stands so; null for all. */
	status: CarerAssessmentStatus | null;
	/** Only carers of people registered with this practice; null for all. */
	practiceId: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The register's filters from the URL; anything unknown reads as no filter. */
export function parseCarersQuery(params: URLSearchParams): CarersQuery {
	const status = params.get('status');
	const practice = params.get('practice');
	return {
		status: CARER_ASSESSMENT_STATUSES.includes(status as CarerAssessmentStatus)
			? (status as CarerAssessmentStatus)
			: null,
		practiceId: practice && UUID.test(practice) ? practice.toLowerCase() : null
	};
}

/** The register's URL for `query`: `/carers?status=offered&practice=…`. */
export function carersHref(query: CarersQuery): string {
	const params = new URLSearchParams();
	if (query.status) params.set('status', query.status);
	if (query.practiceId) params.set('practice', query.practiceId);
	const search = params.toString();
	return search ? `/carers?${search}` : '/carers';
}

/** The first day a carer's assessment or referral may be dated: earlier is a typing slip. */
export const EARLIEST_CARER_DAY = '2000-01-01';

function isCalendarDay(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const parsed = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** An optional day (`what`: "date offered"), a real one, from 2000, not after `today`; or null. */
function optionalPastDay(what: string, today: string) {
	return z.preprocess(
		(v) => (v === undefined ? '' : v),
		z
			.string()
			.trim()
			.superRefine((v, ctx) => {
				const problem =
					v === ''
						? null
						: !isCalendarDay(v)
							? `Enter the ${what} as a real date`
							: v < EARLIEST_CARER_DAY
								? `Enter a ${what} from 2000 on`
								: v > today
									? `The ${what} cannot be in the future`
									: null;
				if (problem) ctx.addIssue({ code: 'custom', message: problem });
			})
			.transform((v) => v || null)
	);
}

/**
 * A carer's assessment and support referral as submitted: `{ offeredOn, completedOn,
 * supportReferral, referredOn }`, each optional (empty clears it). An assessment completed was
 * offered, and not after it was completed; a referral has both what and when.
 */
export function carerAssessmentSubmission(today: string) {
	return z
		.object({
			offeredOn: optionalPastDay('date offered', today),
			completedOn: optionalPastDay('date completed', today),
			supportReferral: z.preprocess(
				(v) => (v === undefined ? '' : v),
				z
					.string()
					.trim()
					.max(300, 'Enter the support referral in 300 characters or fewer')
					.transform((v) => v || null)
			),
			referredOn: optionalPastDay('date referred', today)
		})
		.superRefine((v, ctx) => {
			if (v.completedOn && !v.offeredOn) {
				ctx.addIssue({
					code: 'custom',
					path: ['offeredOn'],
					message: 'Enter the date offered: an assessment completed was offered first'
				});
			}
			if (v.completedOn && v.offeredOn && v.completedOn < v.offeredOn) {
				ctx.addIssue({
					code: 'custom',
					path: ['completedOn'],
					message: 'The date completed cannot be before the date offered'
				});
			}
			if (v.supportReferral && !v.referredOn) {
				ctx.addIssue({
					code: 'custom',
					path: ['referredOn'],
					message: 'Enter the date referred'
				});
			}
			if (v.referredOn && !v.supportReferral) {
				ctx.addIssue({
					code: 'custom',
					path: ['supportReferral'],
					message: 'Enter what the carer was referred to, like the carers’ centre'
				});
			}
		});
}

export type CarerAssessment = z.output<ReturnType<typeof carerAssessmentSubmission>>;

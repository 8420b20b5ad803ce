/** The dashboard's sections and its tables, in the order the page shows them. */
import type { RawReportTable } from '../../domain/reports';
import type { ReportLink } from '../../domain/small-numbers';
import type { ReportContext } from './context';
import { caseloadTables } from './caseload';
import { mdtTables } from './mdt';
import { outcomeTables } from './outcomes';
import { referralTables } from './referrals';
import { socialPrescribingTables } from './social-prescribing';

export const REPORT_SECTIONS = [
	{ id: 'referrals', title: 'Referrals and triage' },
	{ id: 'caseload', title: 'Caseload' },
	{ id: 'mdt', title: 'MDT meetings and actions' },
	{ id: 'outcomes', title: 'Outcomes' },
	{ id: 'social-prescribing', title: 'Social prescribing' }
] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number]['id'];

export type ReportTableSpec = {
	id: string;
	section: ReportSectionId;
	title: string;
	compute(context: ReportContext): Promise<RawReportTable>;
};

export const REPORT_TABLES: readonly ReportTableSpec[] = [
	...referralTables,
	...caseloadTables,
	...mdtTables,
	...outcomeTables,
	...socialPrescribingTables
];

/**
 * Counts that two tables both show, for every group and period: suppressed together, so that
 * neither table gives away what the other hides.
 */
export const REPORT_LINKS: readonly ReportLink[] = [
	...(['referrals-by-need', 'referrals-by-month', 'triage-outcomes'] as const).map(
		(id): ReportLink => ({ tables: ['referrals-by-source', id], columns: ['all', 'all'] })
	),
	{ tables: ['referrals-by-source', 'first-contact'], columns: ['all', 'received'] },
	{ tables: ['triage-outcomes', 'signposted-to'], columns: ['signposted', 'all'] },
	{
		tables: ['social-prescribing-by-category', 'social-prescribing-outcomes'],
		columns: ['all', 'all']
	}
];

/**
 * The text a clinician pastes into EMIS Web or SystmOne after an MDT, so that the decision is
 * written once and re-keyed never.
 *
 * Codes: only SNOMED CT concepts verified in public sources may appear (the table "SNOMED CT
 * codes verified in public sources" in shared/domain/README.md). Everything else is written in
 * words and labelled uncoded: "MDT meeting with/without patient", "personalised care and support
 * plan agreed", "referral to community MDT" have no verified ID yet, and an invented code in a
 * clinical record is a patient-safety hazard (wrong clinical coding).
 */
import { formatDate } from './age';
import { FRAILTY_LABELS, FRAILTY_SNOMED, frailtyCategory } from './frailty';
import { formatNhsNumber } from './nhs-number';

/** Multidisciplinary care conference (procedure): one public concept mapping. */
export const MDT_CONFERENCE_SNOMED = '384682003';

export const UNCODED = '[uncoded: no verified SNOMED CT concept]';

export type ClinicalRecordInput = {
	meeting: { title: string; date: string };
	patient: { name: string; nhsNumber: string; efiDeficits: number | null };
	reason: string;
	notes: string;
	decision: string;
	actions: { description: string; assignee: string; dueDate: string | null }[];
};

function coded(term: string, sctid: string): string {
	return `${term} [SNOMED CT ${sctid}]`;
}

function frailtyLine(efiDeficits: number | null): string {
	if (efiDeficits === null) return 'Frailty (eFI): not recorded';
	const category = frailtyCategory(efiDeficits);
	const score = `eFI ${efiDeficits}/36 deficits`;
	if (category === 'fit') return `Frailty: fit (${score}) ${UNCODED}`;
	return `${coded(FRAILTY_LABELS[category], FRAILTY_SNOMED[category])} (${score})`;
}

function indent(text: string): string[] {
	const lines = text
		.trim()
		.split(/\r?\n/)
		.map((line) => line.trim());
	return lines.some(Boolean) ? lines.map((line) => (line ? `  ${line}` : '')) : ['  None recorded'];
}

/** Plain text for one patient's item of an MDT, coded only where a verified code exists. */
export function clinicalRecordText(input: ClinicalRecordInput): string {
	const { meeting, patient } = input;
	const lines = [
		`${coded('Multidisciplinary care conference (procedure)', MDT_CONFERENCE_SNOMED)} — ${formatDate(meeting.date)}`,
		`Meeting: ${meeting.title}`,
		`Patient: ${patient.name}, NHS number ${formatNhsNumber(patient.nhsNumber)}`,
		frailtyLine(patient.efiDeficits),
		`Reason for discussion: ${input.reason.trim() || 'not recorded'}`,
		'Discussion:',
		...indent(input.notes),
		`Decision ${UNCODED}:`,
		...indent(input.decision),
		`Actions ${UNCODED}:`,
		...(input.actions.length === 0
			? ['  None']
			: input.actions.map(
					(a) =>
						`  - ${a.description.trim()} — owner: ${a.assignee}, due ${a.dueDate ? formatDate(a.dueDate) : 'no date set'}`
				))
	];
	return lines.join('\n');
}

/**
 * The text a clinician pastes into EMIS Web or SystmOne after an MDT, so that the decision is
 * written once and re-keyed never.
 *
 * Codes: only SNOMED CT concepts verified in public sources may appear (the table "SNOMED CT
 * codes verified in public sources" in shared/domain/README.md). Everything else is written in
 * words and labelled uncoded: "MDT meeting with/without patient", "personalised care and support
 * plan agreed", "referral to community MDT" have no verified ID yet, and an invented code in a
 * clinical record is a patient-safety hazard (wrong clinical coding).
 *
 * Every text typed by people goes through line-text.ts: control characters are removed (an
 * escape sequence or a bare CR could hide or overwrite text in the program it is pasted into),
 * names and titles stay on their line, and notes keep their lines, each indented under its
 * heading, so no text can pose as a heading or a coded line of its own.
 */
import { formatDate } from './age';
import { FRAILTY_LABELS, FRAILTY_SNOMED, frailtyCategory } from './frailty';
import { multiLine, singleLine } from './line-text';
import { formatNhsNumber } from './nhs-number';
import { SNOMED, UNCODED_LABEL } from './snomed';

/** Multidisciplinary care conference (procedure), from the one table (snomed.ts). */
export const MDT_CONFERENCE_SNOMED = SNOMED.mdtConference.sctid;

/** One label for what has no verified code, in every text for the clinical record. */
export const UNCODED = UNCODED_LABEL;

export type ClinicalRecordInput = {
	meeting: { title: string; date: string };
	patient: { name: string; nhsNumber: string; efiDeficits: number | null };
	reason: string;
	notes: string;
	decision: string;
	actions: { description: string; assignee: string; dueDate: string | null }[];
	/** Corrections made after the meeting ended (`date` is `YYYY-MM-DD`), oldest first. */
	amendments?: { text: string; by: string; date: string }[];
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

/**
 * The text's lines indented under their heading. Each keeps its indentation beyond the text's
 * common one, so that a nested list item ("  - …" under "- …") still reads as nested.
 */
function indent(text: string): string[] {
	const lines = multiLine(text)
		.split('\n')
		.map((line) => line.trimEnd());
	while (lines.length > 0 && !lines[0]) lines.shift();
	while (lines.length > 0 && !lines[lines.length - 1]) lines.pop();
	if (lines.length === 0) return ['  None recorded'];
	const common = Math.min(
		...lines.filter(Boolean).map((line) => line.length - line.trimStart().length)
	);
	return lines.map((line) => (line ? `  ${line.slice(common)}` : ''));
}

/** The reason on its heading's line; a reason of several lines indented beneath it. */
function reasonLines(reason: string): string[] {
	const lines = multiLine(reason).trim().split('\n');
	if (lines.length === 1) return [`Reason for discussion: ${lines[0].trim() || 'not recorded'}`];
	return ['Reason for discussion:', ...indent(reason)];
}

function amendmentLines(amendments: NonNullable<ClinicalRecordInput['amendments']>): string[] {
	if (amendments.length === 0) return [];
	return [
		'Amendments after the meeting:',
		...amendments.flatMap((a) => {
			const [first, ...rest] = indent(a.text);
			return [
				`  - ${formatDate(a.date)}, ${singleLine(a.by)}: ${first.trim()}`,
				...rest.map((l) => `  ${l}`)
			];
		})
	];
}

/** Plain text for one patient's item of an MDT, coded only where a verified code exists. */
export function clinicalRecordText(input: ClinicalRecordInput): string {
	const { meeting, patient } = input;
	const lines = [
		`${coded('Multidisciplinary care conference (procedure)', MDT_CONFERENCE_SNOMED)} — ${formatDate(meeting.date)}`,
		`Meeting: ${singleLine(meeting.title)}`,
		`Patient: ${singleLine(patient.name)}, NHS number ${formatNhsNumber(patient.nhsNumber)}`,
		frailtyLine(patient.efiDeficits),
		...reasonLines(input.reason),
		'Discussion:',
		...indent(input.notes),
		`Decision ${UNCODED}:`,
		...indent(input.decision),
		`Actions ${UNCODED}:`,
		...(input.actions.length === 0
			? ['  None']
			: input.actions.map(
					(a) =>
						`  - ${singleLine(a.description).trim()} — owner: ${singleLine(a.assignee)}, due ${a.dueDate ? formatDate(a.dueDate) : 'no date set'}`
				)),
		...amendmentLines(input.amendments ?? [])
	];
	return lines.join('\n');
}

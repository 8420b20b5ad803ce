/**
 * Outcome measures as FHIR R4 Observations: a PAM as its score (coded 925431000000109) and its
 * level (coded 962851000000103, derived from the score), as the licensed tool produced them; ONS4
 * as one Observation whose four answers are components, each in words (no verified code), never
 * summed.
 */
import type { Observation } from '@medplum/fhirtypes';
import { isOns4Answers, ONS4_LABELS, ONS4_QUESTIONS } from '../measures';
import { SNOMED } from '../snomed';
import { concept, derivedId, ref, resourceId } from './ids';
import { patientRef, practitionerRef } from './people';
import type { FhirRecordInput } from './record';

const SURVEY = {
	coding: [
		{
			system: 'http://terminology.hl7.org/CodeSystem/observation-category',
			code: 'survey',
			display: 'Survey'
		}
	]
};

type Measure = FhirRecordInput['measures'][number];

function common(input: FhirRecordInput, measure: Measure) {
	return {
		resourceType: 'Observation' as const,
		status: 'final' as const,
		category: [SURVEY],
		subject: patientRef(input),
		effectiveDateTime: measure.recordedOn,
		...(measure.recordedBy ? { performer: [practitionerRef(measure.recordedBy)] } : {})
	};
}

function pam(input: FhirRecordInput, measure: Measure): Observation[] {
	if (measure.pamScore === null) return [];
	const scoreId = resourceId(measure.id);
	const score: Observation = {
		...common(input, measure),
		id: scoreId,
		code: concept('Patient Activation Measure (PAM-13) score', SNOMED.pamScore),
		valueQuantity: { value: measure.pamScore, unit: 'score' }
	};
	if (measure.pamLevel === null) return [score];
	const level: Observation = {
		...common(input, measure),
		id: derivedId('pam-level', measure.id),
		code: concept('Patient Activation Measure level', SNOMED.pamLevel),
		valueInteger: measure.pamLevel,
		derivedFrom: [ref('Observation', scoreId)]
	};
	return [score, level];
}

function ons4(input: FhirRecordInput, measure: Measure): Observation[] {
	const answers = measure.ons4;
	if (!isOns4Answers(answers)) return [];
	return [
		{
			...common(input, measure),
			id: resourceId(measure.id),
			code: concept('ONS4 personal wellbeing'),
			component: ONS4_QUESTIONS.map((q) => ({
				code: { text: ONS4_LABELS[q].question },
				valueInteger: answers[q]
			}))
		}
	];
}

/** Every outcome measure recorded for the person, oldest first as given. */
export function toObservations(input: FhirRecordInput): Observation[] {
	return input.measures.flatMap((m) => (m.kind === 'pam' ? pam(input, m) : ons4(input, m)));
}

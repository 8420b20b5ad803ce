/**
 * The people of the record as FHIR R4: the Patient (identified by NHS number, UK Core's system),
 * their GP practice (Organization by ODS code), the team members the record names (Practitioner)
 * and the people important to them (RelatedPerson: carers, next of kin, emergency contacts).
 */
import type {
	ContactPoint,
	Organization,
	Patient,
	Practitioner,
	RelatedPerson
} from '@medplum/fhirtypes';
import type { FhirRecordInput, TeamMember } from './record';
import { NHS_NUMBER_SYSTEM, ODS_SYSTEM, ref, resourceId } from './ids';

/** HL7 v2 table 0131 (contact role): the codes UK Core's RelatedPerson.relationship examples use. */
const CONTACT_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0131';

function telecom(phone: string | null, email: string | null): ContactPoint[] | undefined {
	const points: ContactPoint[] = [
		...(phone?.trim() ? [{ system: 'phone' as const, value: phone.trim() }] : []),
		...(email?.trim() ? [{ system: 'email' as const, value: email.trim() }] : [])
	];
	return points.length ? points : undefined;
}

export function patientId(input: FhirRecordInput): string {
	return resourceId(input.patient.id);
}

export function patientRef(input: FhirRecordInput) {
	const { givenName, familyName } = input.patient;
	return ref('Patient', patientId(input), `${givenName} ${familyName}`);
}

/** The Patient: NHS number, name, birth date, gender, postcode, phone and email where held. */
export function toPatient(input: FhirRecordInput): Patient {
	const p = input.patient;
	return {
		resourceType: 'Patient',
		id: patientId(input),
		identifier: [{ system: NHS_NUMBER_SYSTEM, value: p.nhsNumber }],
		name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
		gender: p.sex,
		birthDate: p.dateOfBirth,
		...(p.postcode.trim() ? { address: [{ postalCode: p.postcode.trim() }] } : {}),
		...(telecom(p.phone, p.email) ? { telecom: telecom(p.phone, p.email) } : {}),
		generalPractitioner: [ref('Organization', resourceId(p.practice.id), p.practice.name)]
	};
}

/** The person's GP practice, identified by its ODS code. */
export function toPractice(input: FhirRecordInput): Organization {
	const { practice } = input.patient;
	return {
		resourceType: 'Organization',
		id: resourceId(practice.id),
		identifier: [{ system: ODS_SYSTEM, value: practice.odsCode }],
		name: practice.name
	};
}

export function practitionerRef(member: TeamMember) {
	return ref('Practitioner', resourceId(member.id), member.name);
}

/** A member of the team, by name (their role is told where they act: CareTeam, Task owner). */
export function toPractitioner(member: TeamMember): Practitioner {
	return { resourceType: 'Practitioner', id: resourceId(member.id), name: [{ text: member.name }] };
}

/** Every team member the record names, once each. */
export function teamMembers(input: FhirRecordInput): TeamMember[] {
	const all = [
		...(input.coordinator ? [input.coordinator] : []),
		...input.actions.map((a) => a.assignee),
		...input.serviceReferrals.map((r) => r.by),
		...input.measures.flatMap((m) => (m.recordedBy ? [m.recordedBy] : [])),
		...input.contacts.map((c) => c.by),
		...input.discussions.flatMap((d) => d.members)
	];
	const byId = new Map<string, TeamMember>();
	for (const member of all) if (!byId.has(member.id)) byId.set(member.id, member);
	return [...byId.values()];
}

/** A person important to the patient; carers, next of kin and emergency contacts say so. */
export function toRelatedPerson(
	input: FhirRecordInput,
	contact: FhirRecordInput['personalContacts'][number]
): RelatedPerson {
	return {
		resourceType: 'RelatedPerson',
		id: resourceId(contact.id),
		active: true,
		patient: patientRef(input),
		relationship: [
			{ text: contact.relationship },
			...(contact.isCarer ? [{ text: 'Unpaid carer' }] : []),
			...(contact.isNextOfKin
				? [{ coding: [{ system: CONTACT_ROLE_SYSTEM, code: 'N', display: 'Next-of-Kin' }] }]
				: []),
			...(contact.isEmergencyContact
				? [{ coding: [{ system: CONTACT_ROLE_SYSTEM, code: 'C', display: 'Emergency Contact' }] }]
				: [])
		],
		name: [{ text: contact.name }],
		...(telecom(contact.phone, contact.email)
			? { telecom: telecom(contact.phone, contact.email) }
			: {})
	};
}

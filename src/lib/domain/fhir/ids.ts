/**
 * Identities and small shapes shared by the FHIR mappers. Every resource has a UUID id and the
 * fullUrl `urn:uuid:<id>`, and references point at that fullUrl, so the Bundle (type collection)
 * resolves on its own. A resource made from a database row takes the row's id; one derived from
 * something else (the contingency CarePlan, each ONS4 answer, a goal of the plan document) takes a
 * UUID computed from its names, so the same record always exports the same ids.
 */
import type { CodeableConcept, Coding, Reference, ResourceType } from '@medplum/fhirtypes';
import type { SnomedConcept } from '../snomed';

export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 32-bit FNV-1a of `text` from `seed`: four of them make a stable 128-bit name. */
function fnv1a(text: string, seed: number): number {
	let hash = seed >>> 0;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}

/**
 * A UUID (version 8, "custom") derived from `parts`: the same parts give the same id. Not a
 * secret and not collision-proof against an adversary; ids only tell resources of one export apart.
 */
export function derivedId(...parts: string[]): string {
	const text = parts.join('\u001f');
	const hex = [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x27d4eb2f]
		.map((seed) => fnv1a(text, seed).toString(16).padStart(8, '0'))
		.join('');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id itself when it is a UUID, else one derived from it. */
export function resourceId(id: string): string {
	return UUID.test(id) ? id.toLowerCase() : derivedId(id);
}

export function fullUrl(id: string): string {
	return `urn:uuid:${id}`;
}

/**
 * A reference to a resource of the Bundle, with the words a reader sees. Typed `Reference<never>`
 * so that it fits every reference field whatever resource types the field allows.
 */
export function ref(type: ResourceType, id: string, display?: string): Reference<never> {
	return { reference: fullUrl(id), type, ...(display ? { display } : {}) };
}

export function snomedCoding(concept: SnomedConcept): Coding {
	return { system: SNOMED_SYSTEM, code: concept.sctid, display: concept.term };
}

/** Coded when a verified concept exists, else words only (never an invented code). */
export function concept(text: string, coded: SnomedConcept | null = null): CodeableConcept {
	return coded ? { coding: [snomedCoding(coded)], text } : { text };
}

/** An instant as FHIR writes it: ISO 8601 with the time zone. */
export function instant(at: Date): string {
	return at.toISOString();
}

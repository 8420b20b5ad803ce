import { error } from '@sveltejs/kit';
import { FHIR_JSON } from '$lib/domain/fhir/bundle';
import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { exportPatientRecord } from '$lib/server/fhir-export';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import type { RequestHandler } from './$types';

/**
 * GET /api/patients/:id/fhir — the person's whole record as a FHIR R4 Bundle (type collection),
 * `application/fhir+json`, offered as a download. Needs `record:export`; another PCN's patient or
 * an id that is none answers 404; the export is audited.
 */
export const GET: RequestHandler = async ({ params }) => {
	const user = authorise('record:export');
	try {
		const bundle = await exportPatientRecord(db(), user, params.id, { ip: clientIp() });
		return new Response(JSON.stringify(bundle, null, 2), {
			headers: {
				'content-type': `${FHIR_JSON}; charset=utf-8`,
				'content-disposition': `attachment; filename="patient-${params.id}-fhir.json"`,
				'cache-control': 'no-store'
			}
		});
	} catch (e) {
		if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
		throw e;
	}
};

import { error, redirect } from '@sveltejs/kit';
import { can } from '$lib/domain/roles';
import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { requireLive } from '$lib/server/documents-api';
import { PatientNotFoundError } from '$lib/server/patient-scope';
import {
	agreementRecordText,
	openPlanVersion,
	restorePlanVersion
} from '$lib/server/plan-versions';
import type { Actions, PageServerLoad } from './$types';

const notFound = (e: unknown) => {
	if (e instanceof PatientNotFoundError) error(404, 'Patient not found');
	throw e;
};

export const load: PageServerLoad = async ({ params, parent, url }) => {
	const user = authorise('patient:read');
	const { patient } = await parent();
	const opened = await openPlanVersion(db(), user, params.id, params.versionId).catch(notFound);
	if (!opened) error(404, 'Version not found');
	const mayRestore = can(user.role, 'careplan:agree');
	const { version } = opened;
	return {
		version,
		/** Copy to clinical record, for a version agreed with the person. */
		agreedRecord: await agreementRecordText(db(), user, patient, version.id),
		sections: opened.sections,
		mayRestore,
		/** Restoring asks first (?restore): it changes the plan everyone is working on. */
		confirmRestore: mayRestore && url.searchParams.has('restore')
	};
};

export const actions: Actions = {
	restore: async ({ params }) => {
		const user = authorise('careplan:agree');
		const restored = await restorePlanVersion(
			db(),
			requireLive(),
			user,
			params.id,
			params.versionId
		).catch(notFound);
		if (!restored) error(404, 'Version not found');
		redirect(303, `/patients/${params.id}/plan/versions/${params.versionId}?restored`);
	}
};

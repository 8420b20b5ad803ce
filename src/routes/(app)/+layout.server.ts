import { authorise } from '$lib/server/access';
import { db } from '$lib/server/db';
import { concernsToAcknowledge } from '$lib/server/safeguarding-reads';
import type { LayoutServerLoad } from './$types';

// A backstop behind each page's own check (and the default deny in hooks.server.ts): nothing
// under (app) renders for someone who is not signed in.
export const load: LayoutServerLoad = async ({ url }) => {
	const user = authorise('patient:read');
	// Read on every navigation (hence `url`), so that the header's notice of safeguarding
	// concerns waiting for this user is never older than the page (hazard: concern not seen).
	void url.pathname;
	return { safeguardingToAcknowledge: await concernsToAcknowledge(db(), user) };
};

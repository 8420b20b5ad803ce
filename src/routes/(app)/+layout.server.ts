import { authorise } from '$lib/server/access';
import type { LayoutServerLoad } from './$types';

// A backstop behind each page's own check (and the default deny in hooks.server.ts): nothing
// under (app) renders for someone who is not signed in.
export const load: LayoutServerLoad = () => {
	authorise('patient:read');
};

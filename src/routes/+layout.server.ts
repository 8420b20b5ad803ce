import type { LayoutServerLoad } from './$types';

// Only who is signed in, for the header; each page authorises its own data.
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? {
				id: locals.user.id,
				name: locals.user.name,
				role: locals.user.role,
				organisationName: locals.user.organisationName
			}
		: null
});

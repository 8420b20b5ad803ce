import { authorise, clientIp } from '$lib/server/access';
import { db } from '$lib/server/db';
import { safeguardingLists } from '$lib/server/safeguarding-reads';
import type { PageServerLoad } from './$types';

/** The reader's safeguarding concerns: raised to them, raised by them, recently acknowledged. */
export const load: PageServerLoad = async () => {
	const user = authorise('safeguarding:read');
	return { lists: await safeguardingLists(db(), user, { ip: clientIp(), days: 30 }) };
};

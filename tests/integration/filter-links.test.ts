/**
 * A filter value a page does not know (an old shared link, a mistyped one) is left out: the
 * referrals inbox, the services directory and the caseload each show the choice without it, as
 * if it had not been asked; the JSON APIs refuse it with 400 and a message.
 */
import { beforeAll, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { describeEachDatabase, signedInAs } from './fixtures';
import { asking, outcome } from './route-fixtures';

vi.mock('$app/server', async () => (await import('./route-fixtures')).appServer);
vi.mock(import('../../src/lib/server/db'), async (original) => ({
	...(await original()),
	db: (await import('./route-fixtures')).routeDb
}));
const referralsPage = await import('../../src/routes/(app)/referrals/+page.server');
const servicesPage = await import('../../src/routes/(app)/services/+page.server');
const caseloadPage = await import('../../src/routes/(app)/caseload/+page.server');
const referralsApi = await import('../../src/routes/api/referrals/+server');
const servicesApi = await import('../../src/routes/api/services/+server');

type Load = (event: { url: URL }) => unknown;

describeEachDatabase('filter values a page does not know', (db) => {
	let coordinator: SessionUser;

	/** What a page's load answers at `path` (as a signed-in coordinator). */
	const opened = async (load: unknown, path: string) => {
		const url = asking(db(), coordinator, `http://localhost${path}`);
		return outcome(() => (load as Load)({ url }));
	};
	const shown = async (load: unknown, path: string) => {
		const answer = await opened(load, path);
		if (answer.kind !== 'ok') throw new Error(`${path}: ${JSON.stringify(answer)}`);
		return answer.value as Record<string, unknown>;
	};
	/** A page's data as it reaches the browser (a filter left undefined is not there). */
	const view = (data: Record<string, unknown>) => JSON.parse(JSON.stringify(data));

	beforeAll(async () => {
		await seedDemo(db());
		coordinator = (await signedInAs(db(), 'coordinator@riverside.test')).user;
	});

	it('the referrals inbox leaves them out and shows the choice without them', async () => {
		const plain = await shown(referralsPage.load, '/referrals?source=self');
		const odd = await shown(
			referralsPage.load,
			'/referrals?status=closed&source=self&urgency=whenever&overdue=maybe&after=xyz'
		);
		expect(odd.filters).toEqual({
			status: 'open',
			source: 'self',
			urgency: undefined,
			overdue: false
		});
		expect(view(odd)).toEqual(view(plain));
	});

	it('the services directory leaves them out and shows the choice without them', async () => {
		const plain = await shown(servicesPage.load, '/services?q=befriend');
		const odd = await shown(
			servicesPage.load,
			`/services?q=befriend&category=knitting&inactive=maybe&page=0&area=${'x'.repeat(201)}`
		);
		expect(odd.filters).toEqual({
			category: undefined,
			area: undefined,
			q: 'befriend',
			inactive: false
		});
		expect(view(odd)).toEqual(view(plain));
	});

	it('the caseload, as before, leaves them out too', async () => {
		const plain = await shown(caseloadPage.load, '/caseload?scope=pcn');
		const odd = await shown(
			caseloadPage.load,
			'/caseload?scope=pcn&episode=maybe&risk=tired&practice=nowhere&page=-1&sort=shoe'
		);
		expect(view(odd)).toEqual(view(plain));
	});

	it('the JSON APIs refuse them with 400 and say which', async () => {
		for (const [api, path, message] of [
			[referralsApi.GET, '/api/referrals?source=postcard', /^source must be one of/],
			[referralsApi.GET, '/api/referrals?status=closed', /^status must be one of/],
			[servicesApi.GET, '/api/services?category=knitting', /^category must be one of/],
			[servicesApi.GET, '/api/services?page=0', /^page must be/]
		] as const) {
			expect(await opened(api, path), path).toMatchObject({
				kind: 'error',
				status: 400,
				message: expect.stringMatching(message)
			});
		}
	});
});

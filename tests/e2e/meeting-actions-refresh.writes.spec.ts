import { expect, type Page } from '@playwright/test';
import { reveal, signedIn, test } from './fixtures';

/** One route node of a `__data.json` answer: re-run (`data`) or left as the browser had it. */
type DataNode =
	| null
	| { type: 'skip' }
	| {
			type: 'data';
			/** devalue's flat form: the first entry maps each top-level key to its slot. */
			data: [Record<string, number>, ...unknown[]];
			uses?: { dependencies?: string[]; parent?: 1 };
	  };

/** Every route-data request the page makes from now on, as the server answered it. */
async function watchDataRequests(page: Page): Promise<DataNode[][]> {
	const answers: DataNode[][] = [];
	// Passed through unchanged; read here because Chromium does not keep the bodies of the
	// streamed responses SvelteKit reads route data from.
	await page.route('**/__data.json*', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		answers.push(JSON.parse(body.split('\n')[0]).nodes);
		await route.fulfill({ response, body });
	});
	return answers;
}

async function openRoom(page: Page, email: string, meetingPath?: string): Promise<string> {
	await signedIn(page, email);
	if (!meetingPath) {
		await page.goto('/meetings');
		await page.getByRole('link', { name: 'Hillside frailty MDT' }).first().click();
		await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
		meetingPath = new URL(page.url()).pathname;
	}
	await page.goto(`${meetingPath}/room`);
	await expect(page.getByRole('textbox', { name: 'Discussion notes', exact: true })).toBeVisible();
	return meetingPath;
}

test('an action agreed in the room refreshes the action list only, not the team and caseload', async ({
	browser
}) => {
	const coordinator = await (await browser.newContext()).newPage();
	const meetingPath = await openRoom(coordinator, 'coordinator@hillside.test');
	const gp = await (await browser.newContext()).newPage();
	await openRoom(gp, 'gp@hillside.test', meetingPath);
	await expect(coordinator.getByRole('list', { name: 'Participants' })).toContainText(
		'Dr Fiona Grant'
	);

	const fromForm = await watchDataRequests(coordinator);
	const fromSocket = await watchDataRequests(gp);
	await reveal(
		coordinator.getByRole('button', { name: 'Add action' }),
		coordinator.getByLabel('Action', { exact: true })
	);
	await coordinator.getByLabel('Action', { exact: true }).fill('Ask the district nurses to visit');
	await coordinator
		.getByLabel('Assignee', { exact: true })
		.selectOption({ label: 'Dr Fiona Grant' });
	await coordinator.getByRole('button', { name: 'Save action' }).click();
	for (const page of [coordinator, gp]) {
		await expect(
			page.getByRole('list', { name: 'Actions for this item', exact: true })
		).toContainText('Ask the district nurses to visit');
	}

	// The new list reached each page through a route-data request that re-ran the room's own
	// load alone: no layout ran again (the meeting, the team and up to 500 patients were
	// not read again), the room's load returned only the actions, and it did not await its
	// parent (which would run the layout's load on the server even though its answer is skipped).
	for (const answers of [fromForm, fromSocket]) {
		expect(answers.length).toBeGreaterThan(0);
		for (const nodes of answers) {
			const room = nodes.at(-1);
			expect(nodes.slice(0, -1).map((node) => node?.type ?? 'no server load')).not.toContain(
				'data'
			);
			expect(room?.type).toBe('data');
			if (room?.type !== 'data') continue;
			expect(Object.keys(room.data[0])).toEqual(['actions']);
			expect(room.uses?.dependencies).toContain('meeting:actions');
			expect(room.uses?.parent).toBeUndefined();
		}
	}
});

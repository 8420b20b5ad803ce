import { expect, type Page } from '@playwright/test';
import { hydrated, signedIn, test } from './fixtures';

// Every refused form comes back in one shape: the message beside the field, in the error summary,
// on the form that was sent (a page may have several), with what was typed kept.

test('adding a user with an email already in use is refused on the add form, nothing lost', async ({
	page
}) => {
	await signedIn(page, 'admin@riverside.test');
	await page.goto('/admin/users');
	await hydrated(page);
	await page.getByLabel('Full name').fill('Second Priya');
	await page.getByLabel('Email').fill('coordinator@riverside.test');
	await page.getByLabel('Role', { exact: true }).selectOption('pharmacist');
	await page.getByLabel('Temporary password').fill('temporary-password-1');
	await page.getByRole('button', { name: 'Add user' }).click();
	await expect(page.getByRole('alert')).toContainText('A user with this email already exists');
	await expect(page.getByLabel('Full name')).toHaveValue('Second Priya');
	await expect(page.getByLabel('Email')).toHaveValue('coordinator@riverside.test');
});

test('a refused status note shows on that action only, and keeps what was typed', async ({
	page
}) => {
	await signedIn(page, 'gp@riverside.test');
	await page.goto('/actions');
	await hydrated(page);
	const notes = page.getByLabel(/^Note \(optional\)/);
	await expect(notes.first()).toBeVisible();
	const first = notes.first();
	// Past the input's own maxlength, as a script or an old browser could send it.
	await first.evaluate((input: HTMLInputElement) => input.removeAttribute('maxlength'));
	const tooLong = 'x'.repeat(501);
	await first.fill(tooLong);
	await page
		.getByRole('button', { name: /^Update/ })
		.first()
		.click();
	await expect(page.getByText('Note must be 500 characters or fewer')).toHaveCount(1);
	await expect(first).toHaveValue(tooLong);
	if ((await notes.count()) > 1) await expect(notes.nth(1)).not.toHaveValue(tooLong);
});

/** A form post as a browser without JavaScript sends it (same origin, not followed). */
function post(page: Page, url: string, form: Record<string, string>) {
	return page.request.post(url, {
		form,
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

/** The href of the PCN's seeded meeting of this title in the Upcoming or Past table. */
async function meetingPath(page: Page, table: 'Upcoming' | 'Past', title: string) {
	await page.goto('/meetings');
	const href = await page
		.getByRole('table', { name: table })
		.getByRole('link', { name: title, exact: true })
		.last()
		.getAttribute('href');
	return href!;
}

// What a form cannot store is removed (control characters: PostgreSQL text cannot hold NUL) or
// refused on the form (a date out of range, an item of another meeting), and an id that is no
// UUID is a page not found: never a 500.
test('no meeting form answers 500 for a NUL, a far date or an id that is none', async ({
	page
}) => {
	await signedIn(page, 'gp@riverside.test');
	const newPage = await (await page.request.get('/meetings/new')).text();
	const gpId = /<option value="([0-9a-f-]{36})"[^>]*>Dr Tom Okafor/.exec(newPage)?.[1];
	expect(gpId).toBeDefined();
	const year = new Date().getUTCFullYear();
	const meeting = (title: string, date = `${year + 1}-03-03`) => ({
		title,
		date,
		startTime: '13:00',
		durationMinutes: '45',
		chairId: gpId!
	});

	const created = await post(page, '/meetings/new', meeting('Bad\u0000 input MDT'));
	expect(created.status()).toBe(303);
	const path = created.headers()['location'];
	expect(path).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
	expect(await (await page.request.get(`${path}/invite.ics`)).text()).toContain(
		'SUMMARY:Bad input MDT\r\n'
	);
	const saved = await post(page, `${path}/edit?/save`, meeting('Bad\u0000 input MDT (moved)'));
	expect(saved.status()).toBe(303);
	for (const date of ['9999-01-01', `${year + 6}-01-01`, '0000-01-01']) {
		expect((await post(page, '/meetings/new', meeting('Far MDT', date))).status(), date).toBe(400);
		expect((await post(page, `${path}/edit?/save`, meeting('Far', date))).status(), date).toBe(400);
	}

	const action = (change: Record<string, string>) => ({
		description: 'Call\u0000 the family',
		assigneeId: gpId!,
		dueDate: '',
		priority: 'routine',
		agendaItemId: '',
		patientId: '',
		...change
	});
	expect((await post(page, `${path}/room?/addAction`, action({}))).status()).toBe(200);
	const actions = await (await page.request.get('/actions')).text();
	expect(actions).toContain('Call the family');
	for (const dueDate of ['0000-01-01', '2101-01-01']) {
		const refused = await post(page, `${path}/room?/addAction`, action({ dueDate }));
		expect(refused.status(), dueDate).toBe(400);
		expect(await refused.text()).toContain('Enter a due date between 1900 and 2100');
	}
	const bogus = await post(page, `${path}/room?/addAction`, action({ agendaItemId: 'bogus-item' }));
	expect(bogus.status()).toBe(400);
	expect(await bogus.text()).toContain('Choose an item of this meeting');

	const past = await meetingPath(page, 'Past', 'Riverside frailty MDT');
	const amended = await post(page, `${past}/minutes?/amend`, {
		text: 'Bad\u0000 input amendment',
		agendaItemId: ''
	});
	expect(amended.status()).toBe(200);
	expect(await (await page.request.get(`${past}/minutes`)).text()).toContain('Bad input amendment');

	for (const url of [
		'/meetings/not-a-uuid/room?/addAction',
		'/meetings/not-a-uuid/minutes?/amend',
		'/meetings/not-a-uuid/edit?/save'
	]) {
		expect((await post(page, url, action({}))).status(), url).toBe(404);
	}
});

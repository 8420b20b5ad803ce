import { expect, type Page } from '@playwright/test';
import { hydrated, openUpcomingMeeting, signedIn, test } from './fixtures';

/** A weekday a month ahead, as the date input wants it. */
function dateAhead(days: number): string {
	const day = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
	while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
	return day.toISOString().slice(0, 10);
}

test('a coordinator schedules, downloads, edits and cancels a meeting', async ({ page }) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/meetings');
	await page.getByRole('link', { name: 'New meeting' }).click();
	await hydrated(page);

	await page.getByLabel('Title').fill('Falls review MDT');
	await page.getByLabel('Date').fill(dateAhead(30));
	await page.getByLabel('Start time').fill('13:00');
	await page.getByLabel('Duration (minutes)').fill('0');
	await page.getByLabel('Chair').selectOption({ label: 'Dr Tom Okafor (GP)' });
	await page.getByRole('checkbox', { name: /Megan Hughes/ }).check();
	await page.getByRole('button', { name: 'Schedule meeting' }).click();

	await expect(page.getByRole('alert')).toContainText('Duration must be between 5 and 480 minutes');
	await expect(page.getByLabel('Title')).toHaveValue('Falls review MDT');
	await expect(page.getByLabel('Start time')).toHaveValue('13:00');
	await expect(page.getByRole('checkbox', { name: /Megan Hughes/ })).toBeChecked();

	await page.getByLabel('Duration (minutes)').fill('45');
	await page.getByRole('button', { name: 'Schedule meeting' }).click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	const id = page.url().split('/').pop()!;

	await page.goto('/meetings');
	const upcoming = page.getByRole('table', { name: 'Upcoming' });
	await expect(upcoming.getByRole('row', { name: /Falls review MDT/ })).toContainText('13:00');
	await expect(upcoming.getByRole('row', { name: /Falls review MDT/ })).toContainText('45 min');

	const ics = await page.request.get(`/meetings/${id}/invite.ics`);
	expect(ics.status()).toBe(200);
	expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	expect(ics.headers()['content-disposition']).toMatch(
		/^attachment; filename="falls-review-mdt-.*\.ics"$/
	);
	const invite = (await ics.text()).replace(/\r\n /g, '');
	expect(invite).toContain('BEGIN:VCALENDAR');
	expect(invite).toContain('SUMMARY:Falls review MDT');
	expect(invite).toContain('METHOD:REQUEST');
	expect(invite).toContain('ORGANIZER;CN="Dr Tom Okafor":mailto:gp@riverside.test');
	expect(invite).toContain(':mailto:linkworker@riverside.test');

	await page.goto(`/meetings/${id}/edit`);
	await hydrated(page);
	await expect(page.getByLabel('Start time')).toHaveValue('13:00');
	await page.getByLabel('Title').fill('Falls and frailty review MDT');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page).toHaveURL(new RegExp(`/meetings/${id}$`));

	await page.goto(`/meetings/${id}/edit`);
	await page.getByRole('link', { name: 'Cancel meeting' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Cancel Falls and frailty review MDT'
	);
	await page.getByRole('button', { name: 'Yes, cancel the meeting' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Falls and frailty review MDT has been cancelled'
	);
	await expect(
		page
			.getByRole('table', { name: 'Upcoming' })
			.getByRole('row', { name: /Falls and frailty review MDT/ })
	).toContainText('Cancelled');
	expect(await (await page.request.get(`/meetings/${id}/invite.ics`)).text()).toContain(
		'METHOD:CANCEL'
	);
});

test('the minutes of the past MDT show attendance, notes, decisions, actions and coded text', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	await page.goto('/meetings');
	// Past meetings are latest first; the seeded one is the oldest (the room spec may end another).
	await page
		.getByRole('table', { name: 'Past' })
		.getByRole('link', { name: 'Minutes of Riverside frailty MDT' })
		.last()
		.click();
	await hydrated(page);

	await expect(page.getByRole('heading', { level: 1 })).toContainText('Riverside frailty MDT');
	const attendance = page.getByRole('table', { name: 'Attendance' });
	await expect(attendance).toContainText('Priya Shah');
	await expect(attendance).toContainText('Dr Tom Okafor');
	await expect(page.getByText('Two falls at home in March.')).toBeVisible();
	await expect(page.getByText('Refer to falls clinic; OT home assessment')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Refer to the falls clinic' })).toBeVisible();
	await expect(
		page.getByRole('cell', { name: 'Refer daughter to the carers centre peer support group' })
	).toBeVisible();
	await expect(page.getByText(/^\d{3} \d{3} \d{4}$/).first()).toBeVisible();

	const record = page.getByRole('textbox', { name: /^Clinical record text for / }).first();
	await expect(record).toHaveValue(
		/Multidisciplinary care conference \(procedure\) \[SNOMED CT 384682003\]/
	);
	await expect(record).toHaveValue(/Refer to the falls clinic — owner: Dr Tom Okafor/);
	await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();

	await page.screenshot({ path: 'tests/e2e/screenshots/minutes.png', fullPage: true });
});

test('a GP sees an overdue action first and marks it done with a note', async ({ page }) => {
	await signedIn(page, 'gp@riverside.test');
	await page.goto('/actions');
	await hydrated(page);
	const actions = page.getByRole('list', { name: 'Your actions' }).getByRole('listitem');
	const card = actions.filter({ hasText: 'Refer to the falls clinic' });
	await expect(card.getByText('Overdue', { exact: true })).toBeVisible();
	await expect(actions.first()).toContainText('Refer to the falls clinic');
	await expect(card.getByRole('link', { name: 'Riverside frailty MDT' })).toBeVisible();

	await card.getByLabel('Status').selectOption({ label: 'Done' });
	await card.getByLabel('Note (optional)').fill('Referral sent to the falls clinic');
	await card.getByRole('button', { name: /^Update/ }).click();
	await expect(page.getByRole('alert')).toContainText('“Refer to the falls clinic” is now done');
	await expect(actions.filter({ hasText: 'Refer to the falls clinic' })).toHaveCount(0);

	await page.getByRole('link', { name: 'All', exact: true }).click();
	const done = actions.filter({ hasText: 'Refer to the falls clinic' });
	await expect(done).toContainText('Done');
	await expect(done).toContainText('Referral sent to the falls clinic');
	await expect(done.getByText('Overdue', { exact: true })).toHaveCount(0);
});

test('a Hillside user gets 404 for a Riverside meeting’s minutes, invite and edit page', async ({
	browser
}) => {
	const riverside = await browser.newPage();
	await signedIn(riverside, 'coordinator@riverside.test');
	await riverside.goto('/meetings');
	const href = await riverside
		.getByRole('table', { name: 'Past' })
		.getByRole('link', { name: 'Riverside frailty MDT' })
		.first()
		.getAttribute('href');
	expect(href).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
	expect((await riverside.request.get(`${href}/minutes`)).status()).toBe(200);

	const hillside = await browser.newPage();
	await signedIn(hillside, 'coordinator@hillside.test');
	expect((await hillside.request.get(`${href}/minutes`)).status()).toBe(404);
	expect((await hillside.request.get(`${href}/invite.ics`)).status()).toBe(404);
	expect((await hillside.request.get(`${href}/edit`)).status()).toBe(404);
	await riverside.close();
	await hillside.close();
});

test('only the organiser, the chair or an admin changes the chair: another clinician is told, and a forged change is refused', async ({
	browser
}) => {
	const coordinator = await (await browser.newContext()).newPage();
	await signedIn(coordinator, 'coordinator@riverside.test');
	await coordinator.goto('/meetings/new');
	await hydrated(coordinator);
	await coordinator.getByLabel('Title').fill('Chair rule MDT');
	await coordinator.getByLabel('Date').fill(dateAhead(40));
	await coordinator.getByLabel('Start time').fill('13:00');
	await coordinator.getByLabel('Duration (minutes)').fill('30');
	await coordinator.getByLabel('Chair').selectOption({ label: 'Dr Tom Okafor (GP)' });
	await coordinator.getByRole('button', { name: 'Schedule meeting' }).click();
	await expect(coordinator).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	const path = new URL(coordinator.url()).pathname;

	// A practice nurse, neither organiser nor chair, sees who chairs and who may change it.
	const nurse = await (await browser.newContext()).newPage();
	await signedIn(nurse, 'nurse@riverside.test');
	await nurse.goto(`${path}/edit`);
	await hydrated(nurse);
	const chair = nurse.getByLabel('Chair');
	await expect(chair).toBeDisabled();
	await expect(chair.locator('option:checked')).toHaveText('Dr Tom Okafor (GP)');
	await expect(
		nurse.getByText(
			/^Only the organiser \(Priya Shah\), the chair \(Dr Tom Okafor\) or an admin can change who chairs this meeting\.$/
		)
	).toBeVisible();

	// A forged post naming herself chair comes back on the form, nothing changed.
	const herself = await nurse.getByRole('checkbox', { name: /Aisha Begum/ }).getAttribute('value');
	await nurse
		.locator('input[type=hidden][name=chairId]')
		.evaluate((input: HTMLInputElement, id) => (input.value = id!), herself);
	await nurse.getByRole('button', { name: 'Save changes' }).click();
	await expect(nurse.getByRole('alert')).toContainText(
		'Only the organiser of this meeting, its chair or an admin can change who chairs it'
	);
	await expect(nurse.getByLabel('Title')).toHaveValue('Chair rule MDT');
	await nurse.goto(path);
	await expect(nurse.getByText('chaired by Dr Tom Okafor')).toBeVisible();

	// The organiser may: the choice is open to her.
	await coordinator.goto(`${path}/edit`);
	await hydrated(coordinator);
	await expect(coordinator.getByLabel('Chair')).toBeEnabled();
	await coordinator.getByLabel('Chair').selectOption({ label: 'Aisha Begum (Practice nurse)' });
	await coordinator.getByRole('button', { name: 'Save changes' }).click();
	await expect(coordinator).toHaveURL(new RegExp(`${path}$`));
	await expect(coordinator.getByText('chaired by Aisha Begum')).toBeVisible();
	await nurse.context().close();
	await coordinator.context().close();
});

test('an admin organises a meeting but reads its agenda, notes and outcomes', async ({ page }) => {
	await signedIn(page, 'admin@riverside.test');
	const path = await openUpcomingMeeting(page, 'Riverside frailty MDT');
	await hydrated(page);
	const notice = 'You can read this but your role cannot change it, so your edits are not saved.';
	await expect(page.getByText(notice)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit meeting' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Add a patient' })).toHaveCount(0);
	// In the room, for the meeting's notes and outcomes, and again for the patient's care plan.
	await page.goto(`${path}/room`);
	await hydrated(page);
	await expect(page.getByText(notice).first()).toBeVisible();
	await expect(page.getByRole('region', { name: 'Current item' }).getByText(notice)).toBeVisible();
	// Follow-up actions are clinical content too: read, never agreed or changed by an admin (the
	// room offers the form by the same rule, mayAddAction, which the unit tests hold).
	expect((await post(page, `${path}/room?/addAction`, { description: 'Forged' })).status()).toBe(
		403
	);
	expect((await post(page, `${path}/room?/updateAction`, { status: 'done' })).status()).toBe(403);
});

/** The path of the PCN's seeded meeting of this title in the Upcoming or Past table. */
async function meetingPath(page: Page, table: 'Upcoming' | 'Past', title: string) {
	await page.goto('/meetings');
	const href = await page
		.getByRole('table', { name: table })
		.getByRole('link', { name: title, exact: true })
		.last()
		.getAttribute('href');
	expect(href).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
	return href!;
}

/** A form post as a browser without JavaScript sends it (same origin, not followed). */
function post(page: Page, url: string, form: Record<string, string> = {}) {
	return page.request.post(url, {
		form,
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

test('an ended meeting’s details are final: the edit page says why, and a save or cancel is refused', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	const path = await meetingPath(page, 'Past', 'Riverside frailty MDT');
	// The invite as issued, but for when it was generated (DTSTAMP).
	const invite = async () =>
		(await (await page.request.get(`${path}/invite.ics`)).text()).replace(/^DTSTAMP:.*$/m, '');
	const inviteBefore = await invite();

	await page.goto(`${path}/edit`);
	await expect(
		page.getByText('This meeting has ended: its details and minutes are final')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Cancel meeting' })).toHaveCount(0);
	await page.getByRole('link', { name: 'Read the minutes of Riverside frailty MDT' }).click();
	await expect(page).toHaveURL(new RegExp(`${path}/minutes$`));

	const saved = await post(page, `${path}/edit?/save`, {
		title: 'Renamed after the end',
		date: dateAhead(20),
		startTime: '13:00',
		durationMinutes: '60',
		chairId: '00000000-0000-4000-8000-000000000000'
	});
	expect(saved.status()).toBe(409);
	expect((await post(page, `${path}/edit?/cancel`)).status()).toBe(409);

	await page.goto(`${path}/minutes`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Riverside frailty MDT');
	await expect(page.getByText('This meeting was cancelled')).toHaveCount(0);
	expect(await invite()).toBe(inviteBefore);
	await page.goto('/meetings');
	await expect(
		page
			.getByRole('table', { name: 'Upcoming' })
			.getByRole('link', { name: 'Renamed after the end' })
	).toHaveCount(0);
});

test('another PCN’s meeting, or an id that is none, answers 404 to every page and form', async ({
	browser
}) => {
	const riverside = await (await browser.newContext()).newPage();
	await signedIn(riverside, 'coordinator@riverside.test');
	const upcoming = await meetingPath(riverside, 'Upcoming', 'Riverside frailty MDT');
	const past = await meetingPath(riverside, 'Past', 'Riverside frailty MDT');
	expect((await riverside.request.get(upcoming)).status()).toBe(200);
	expect((await riverside.request.get(`${upcoming}/room`)).status()).toBe(200);

	const hillside = await (await browser.newContext()).newPage();
	await signedIn(hillside, 'gp@hillside.test');
	for (const path of [upcoming, '/meetings/not-a-uuid']) {
		for (const page of ['', '/room', '/edit', '/end', '/minutes', '/invite.ics']) {
			expect((await hillside.request.get(`${path}${page}`)).status(), `GET ${path}${page}`).toBe(
				404
			);
		}
	}
	const action = {
		description: 'Not theirs',
		assigneeId: '00000000-0000-4000-8000-000000000000',
		dueDate: '',
		priority: 'routine',
		agendaItemId: '',
		patientId: ''
	};
	const forms: [string, Record<string, string>][] = [
		[`${upcoming}/room?/addAction`, action],
		['/meetings/not-a-uuid/room?/addAction', action],
		['/meetings/not-a-uuid/room?/updateAction', {}],
		[`${past}/minutes?/amend`, { text: 'Not theirs', agendaItemId: '' }],
		['/meetings/not-a-uuid/minutes?/amend', { text: 'Not theirs', agendaItemId: '' }],
		['/meetings/not-a-uuid/edit?/cancel', {}],
		['/meetings/not-a-uuid/end', {}]
	];
	for (const [url, form] of forms) {
		expect((await post(hillside, url, form)).status(), `POST ${url}`).toBe(404);
	}
	const response = await hillside.goto(`${upcoming}/room`);
	expect(response?.status()).toBe(404);
	await expect(hillside.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	await riverside.context().close();
	await hillside.context().close();
});

import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { droppableSockets, fieldText, hydrated, signedIn, test } from './fixtures';

/** A weekday some days ahead, as the date input wants it. */
function dateAhead(days: number): string {
	const day = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
	while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
	return day.toISOString().slice(0, 10);
}

/** A Hillside meeting of its own (so that no other spec's meeting changes), with one patient. */
async function newMeetingWithOnePatient(page: Page, title: string): Promise<string> {
	await page.goto('/meetings/new');
	await hydrated(page);
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Series', { exact: true }).selectOption({ label: 'A new series' });
	await page.getByLabel(/^Name of the new series/).fill(title);
	await page.getByLabel('Date').fill(dateAhead(20));
	await page.getByLabel('Start time').fill('10:00');
	await page.getByLabel('Duration (minutes)').fill('30');
	await page.getByLabel('Chair').selectOption({ label: 'Dr Fiona Grant (GP)' });
	await page.getByRole('button', { name: 'Schedule meeting' }).click();
	await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
	const path = new URL(page.url()).pathname;
	await hydrated(page);
	await page
		.getByRole('list', { name: 'Suggested for discussion' })
		.getByRole('button', { name: /^Add/ })
		.first()
		.click();
	await expect(page.getByLabel('Reason for discussion')).toHaveCount(1);
	return path;
}

async function inRoom(
	browser: Browser,
	email: string,
	path: string,
	sockets?: (context: BrowserContext) => Promise<unknown>
): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
	await sockets?.(context);
	const page = await context.newPage();
	await signedIn(page, email);
	await page.goto(`${path}/room`);
	await expect(page.getByRole('textbox', { name: 'Discussion notes', exact: true })).toBeVisible();
	await expect(page.getByTestId('connection-state').first()).toHaveText('Connected');
	return page;
}

/** What Word (and Outlook, which uses Word's engine) puts on the clipboard for a list and a table. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<p class=MsoNormal>Plan agreed:<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Falls clinic referral<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>OT&nbsp;home visit<o:p></o:p></p>
<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal>Drug<o:p></o:p></p></td><td><p class=MsoNormal>Change<o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal>Amlodipine<o:p></o:p></p></td><td><p class=MsoNormal>Stop<o:p></o:p></p></td></tr></table>
</body></html>`;

async function pasteHtml(page: Page, html: string) {
	await page.evaluate((content) => {
		const data = new DataTransfer();
		data.setData('text/html', content);
		data.setData('text/plain', 'Plan agreed');
		document.activeElement?.dispatchEvent(
			new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
		);
	}, html);
}

test('two people typing the outcome and decision at once keep both sentences whole; a Word list and table read well in the minutes', async ({
	browser
}) => {
	const setUp = await (await browser.newContext()).newPage();
	await signedIn(setUp, 'coordinator@hillside.test');
	const path = await newMeetingWithOnePatient(setUp, 'Decisions MDT');

	const chair = await inRoom(browser, 'gp@hillside.test', path);
	const coordinator = await inRoom(browser, 'coordinator@hillside.test', path);
	await chair.getByRole('button', { name: 'Start meeting' }).click();
	await expect(coordinator.getByRole('region', { name: 'Current item' })).toContainText(
		'Item 1 of'
	);

	// Both type into the outcome and decision at the same moment.
	const decision = (page: Page) => page.getByRole('textbox', { name: 'Outcome and decision' });
	await decision(chair).click();
	await decision(coordinator).click();
	await Promise.all([
		chair.keyboard.type('Refer to falls clinic.', { delay: 20 }),
		coordinator.keyboard.type('Stop amlodipine.', { delay: 20 })
	]);
	// Each sentence arrives whole (never interleaved letter by letter), the same for both.
	for (const page of [chair, coordinator]) {
		await expect.poll(() => fieldText(decision(page))).toContain('Refer to falls clinic.');
		await expect.poll(() => fieldText(decision(page))).toContain('Stop amlodipine.');
	}
	expect(await fieldText(decision(chair))).toBe(await fieldText(decision(coordinator)));

	// The chair pastes a list and a table from Word into the discussion notes.
	await chair.getByRole('textbox', { name: 'Discussion notes', exact: true }).click();
	await pasteHtml(chair, WORD_HTML);
	const notes = coordinator.getByRole('textbox', { name: 'Discussion notes', exact: true });
	await expect(notes.locator('li')).toHaveCount(2);
	await expect(notes.locator('tr')).toHaveCount(2);

	// The chair ends the meeting: the minutes, and the clinical record text, read them as lines.
	await chair.getByRole('link', { name: 'End meeting' }).click();
	await chair.getByRole('button', { name: 'End meeting' }).click();
	await expect(chair).toHaveURL(new RegExp(`${path}/minutes$`));
	const minutes = chair.getByRole('main');
	await expect(minutes).toContainText('- Falls clinic referral');
	await expect(minutes).toContainText('- OT home visit');
	await expect(minutes).toContainText('Drug | Change');
	await expect(minutes).toContainText('Amlodipine | Stop');
	await expect(minutes).not.toContainText('·');
	await expect(minutes).toContainText('Refer to falls clinic.');
	await expect(minutes).toContainText('Stop amlodipine.');
	// The text for the clinical record too: bullets as "- ", each table row on one line.
	const record = chair.getByRole('textbox', { name: /Clinical record text/ });
	await expect(record).toHaveValue(/\n {2}- Falls clinic referral\n {2}- OT home visit\n/);
	await expect(record).toHaveValue(/\n {2}Drug \| Change\n {2}Amlodipine \| Stop\n/);
	await expect(record).not.toHaveValue(/[·\u00a0]/);
});

test('edits the server never stored because the meeting ended meanwhile are said to be lost, not shown', async ({
	browser
}) => {
	const setUp = await (await browser.newContext()).newPage();
	await signedIn(setUp, 'coordinator@hillside.test');
	const path = await newMeetingWithOnePatient(setUp, 'Late edits MDT');
	const chair = await inRoom(browser, 'gp@hillside.test', path);
	let sockets: Awaited<ReturnType<typeof droppableSockets>> | undefined;
	const coordinator = await inRoom(browser, 'coordinator@hillside.test', path, async (context) => {
		sockets = await droppableSockets(context);
	});
	await chair.getByRole('button', { name: 'Start meeting' }).click();
	const notes = (page: Page) =>
		page.getByRole('textbox', { name: 'Discussion notes', exact: true });
	await notes(coordinator).click();
	await coordinator.keyboard.type('Agreed before the end. ');
	await expect(notes(chair)).toContainText('Agreed before the end.');

	// Her connection drops; she types on; the chair ends the meeting meanwhile.
	await sockets!.drop({ offline: false });
	await coordinator.keyboard.type('Typed after the end.');
	await chair.getByRole('link', { name: 'End meeting' }).click();
	await chair.getByRole('button', { name: 'End meeting' }).click();
	await expect(chair).toHaveURL(new RegExp(`${path}/minutes$`));

	// Back online, the server refuses what came after the end: she is told, and does not see it.
	await sockets!.restore();
	await expect(coordinator.getByRole('alert').filter({ hasText: 'could be saved' })).toContainText(
		'Add corrections as amendments to the minutes'
	);
	await expect(notes(coordinator)).toContainText('Agreed before the end.');
	await expect(notes(coordinator)).not.toContainText('Typed after the end.');
	// The minutes, read again now that her socket is back, do not hold it either.
	await chair.reload();
	await expect(chair.getByRole('main')).toContainText('Agreed before the end.');
	await expect(chair.getByRole('main')).not.toContainText('Typed after the end.');
	// What she typed is not lost to her: it is shown, to copy into an amendment.
	const lost = coordinator.getByRole('textbox', { name: 'Item 1: Discussion notes' });
	await expect(lost).toHaveValue('Agreed before the end. Typed after the end.');
	await expect(
		coordinator.getByRole('button', { name: 'Copy Item 1: Discussion notes' })
	).toBeVisible();
});

import { expect } from '@playwright/test';
import { formatDate } from '../../src/lib/domain/age';
import { hydrated, signedIn, test } from './fixtures';

/** Today and tomorrow in England, `YYYY-MM-DD`. */
const london = (offsetDays: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(Date.now() + offsetDays * 86_400_000)
	);

// People other specs use by name (referrals, services): this journey picks someone else.
const TAKEN = /^(JONES, Rhiannon|TAYLOR, Irene|HILL, Peter|GEORGIOU, Maria|EVANS, Paul)$/;

test('a whole day between meetings: inbox, triage, caseload, contact, follow-up, social prescribing, timeline', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');

	// Someone never on the caseload, whom a GP refers.
	await page.goto('/caseload?scope=pcn&episode=none&sort=name&dir=desc');
	const rows = page.getByRole('table', { name: 'Patients on the caseload' }).locator('tbody tr');
	let name = '';
	let nhsNumber = '';
	for (const row of await rows.all()) {
		const link = row.getByRole('link').first();
		const text = (await link.innerText()).trim();
		if (TAKEN.test(text)) continue;
		name = text;
		nhsNumber = (await row.locator('td').first().innerText()).match(/\d{3} \d{3} \d{4}/)![0];
		break;
	}
	expect(nhsNumber).not.toBe('');

	// The inbox: a new referral, then the telephone triage accepting them.
	await page.goto('/referrals/new');
	await hydrated(page);
	await page.getByLabel('NHS number of the person referred').fill(nhsNumber);
	await page.getByLabel('GP or practice team', { exact: true }).check();
	await page.getByLabel('Reason for the referral').fill('Recent falls; lives alone');
	await page.getByLabel('Falls or frailty', { exact: true }).check();
	await page.getByLabel('Referred by').fill('Dr Tom Okafor');
	await page.getByRole('button', { name: 'Save referral', exact: true }).click();
	await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}/);
	await hydrated(page);
	await page.getByLabel('Accepted to the caseload', { exact: true }).check();
	await page.getByRole('button', { name: 'Record triage', exact: true }).click();
	await expect(page.getByTestId('caseload-status')).toHaveText(/^On the caseload since /);

	// The triage call was a contact: not among those with no contact for 14 days.
	const search = `scope=pcn&q=${nhsNumber.replace(/ /g, '')}`;
	await page.goto(`/caseload?${search}&nocontact=14`);
	await expect(page.getByText('No one matches.')).toBeVisible();

	// Their record: on the caseload, from the referral.
	await page.goto(`/caseload?${search}`);
	await page.getByRole('link', { name }).first().click();
	await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
	await expect(page.getByText('Accepted from a referral')).toBeVisible();
	const record = new URL(page.url()).pathname;
	const tabs = page.getByRole('navigation', { name: 'Patient record' });

	// A call, and the follow-up it led to.
	await tabs.getByRole('link', { name: 'Contacts' }).click();
	await hydrated(page);
	await expect(page.getByRole('list', { name: /^Contacts with / })).toContainText(
		'Contact made at triage of the referral received'
	);
	await page.getByRole('button', { name: 'Log a contact' }).click();
	await page.getByLabel('With whom').fill('the patient');
	await page
		.getByLabel('Summary')
		.fill('Agreed a falls clinic appointment; happy to try befriending');
	await page.getByRole('button', { name: 'Save the contact' }).click();
	await expect(page.getByRole('status')).toContainText('Contact logged.');
	await page.getByRole('button', { name: 'Arrange an appointment' }).click();
	await page.getByLabel('What is it for').selectOption('follow_up');
	await page.getByLabel('Date', { exact: true }).fill(london(1));
	await page.getByLabel('Time', { exact: true }).fill('14:00');
	await page.getByLabel('With whom').fill('Falls clinic');
	await page.getByLabel('Where').fill('Riverside Community Hospital');
	await page.getByLabel('Reminder').selectOption('hour');
	await page.getByRole('button', { name: 'Save the appointment' }).click();
	await expect(page.getByRole('status')).toContainText('Appointment arranged.');

	// Social prescribing: referred to befriending; later, they went.
	await tabs.getByRole('link', { name: 'Social prescribing' }).click();
	await hydrated(page);
	await page
		.getByLabel('Service', { exact: true })
		.selectOption({ label: 'Riverside Befriending Circle (Riverside and Bridge Street)' });
	await page.getByLabel('Reason for the referral').fill('Lonely; would like company');
	await page.getByRole('button', { name: 'Save referral', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Referral to the service recorded/);
	await page.reload();
	await hydrated(page);
	const which = `Riverside Befriending Circle, sent ${formatDate(london(0))}`;
	await page.getByText(`Update status and outcome: ${which}`, { exact: true }).click();
	await page
		.getByRole('combobox', { name: `Status of ${which}`, exact: true })
		.selectOption({ label: 'Attended' });
	await page
		.getByRole('textbox', { name: `Outcome and feedback for ${which}`, exact: true })
		.fill('First visit went well');
	await page.getByRole('button', { name: `Save update to ${which}`, exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/Referral updated/);

	// The day, told back on their timeline.
	await page.goto(`${record}/timeline`);
	const timeline = page.getByRole('list', { name: /^Timeline of / });
	for (const event of [
		'Referral received: GP or practice team',
		'On the caseload',
		'Phone call with the patient',
		'Follow-up arranged with Falls clinic',
		'Referred to Riverside Befriending Circle',
		'Social prescribing referral updated'
	]) {
		await expect(timeline).toContainText(event);
	}
	await expect(timeline).toContainText('Attended: First visit went well');
});

import { expect, type Page } from '@playwright/test';
import { hydrated, seriousViolations, signedIn, test } from './fixtures';

/** Today in London, `YYYY-MM-DD`. */
const today = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** The record path of a person on the caseload with no measures recorded yet. */
async function unmeasuredPatient(page: Page): Promise<string> {
	await page.goto('/caseload?scope=pcn');
	const hrefs = await page
		.locator('table tbody a[href^="/patients/"]')
		.evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
	for (const href of hrefs) {
		const response = await page.request.get(`/api${href}/measures`);
		expect(response.status()).toBe(200);
		const { pam, ons4 } = await response.json();
		if (pam.length === 0 && ons4.length === 0) return href;
	}
	throw new Error('every listed person has measures');
}

test('a coordinator records a PAM score and ONS4 answers, each charted and tabled; bad scores are refused', async ({
	page
}) => {
	await signedIn(page, 'coordinator@riverside.test');
	const patient = await unmeasuredPatient(page);
	await page.goto(`${patient}/measures`);
	await hydrated(page);
	await expect(page.getByText(/^No PAM score recorded for .+ yet\.$/)).toBeVisible();
	await expect(page.getByText(/^No ONS4 answers recorded for .+ yet\.$/)).toBeVisible();
	await expect(page.getByText(/The PAM questions are licensed/)).toBeVisible();

	// Out of range: refused with the error summary, nothing saved.
	await page.getByLabel('PAM score', { exact: true }).fill('100.1');
	await page.getByRole('button', { name: 'Save the PAM score' }).click();
	const problem = page.getByRole('alert');
	await expect(problem).toContainText('There is a problem');
	await expect(
		problem.getByRole('link', { name: 'The PAM score must be from 0 to 100' })
	).toBeVisible();
	await expect(page.getByLabel('PAM score', { exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.getByRole('table', { name: 'PAM scores, newest first' })).toHaveCount(0);

	// Typing again clears the field's stale error (the summary stays until the form is sent).
	await page.getByLabel('PAM score', { exact: true }).fill('62.3');
	await expect(page.getByText('Level 3: Beginning to take action')).toBeVisible();
	await expect(page.getByLabel('PAM score', { exact: true })).not.toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.locator('#pamScore-error')).toHaveCount(0);

	// A real score: its level shows as it is typed, then in the table and the chart.
	await page.getByLabel('PAM score', { exact: true }).fill('52.4');
	await expect(page.getByText('Level 2: Lacks knowledge and confidence to act')).toBeVisible();
	await page.getByLabel('Date of the PAM').fill(today());
	await page.getByRole('button', { name: 'Save the PAM score' }).click();
	// The confirmation is beside the form and has the focus, where the button was.
	const pamSaved = page.getByRole('status').filter({ hasText: 'PAM score recorded.' });
	await expect(pamSaved).toBeFocused();
	await expect(
		page.getByRole('region', { name: 'Patient Activation Measure (PAM)' })
	).toContainText('PAM score recorded.');
	const pamTable = page.getByRole('table', { name: 'PAM scores, newest first' });
	await expect(pamTable.getByRole('row')).toHaveCount(2);

	// The same score for the same day again is refused, naming it; nothing is added.
	await page.getByLabel('PAM score', { exact: true }).fill('52.4');
	await page.getByRole('button', { name: 'Save the PAM score' }).click();
	await expect(
		page.getByRole('alert').getByRole('link', {
			name: /^A PAM score of 52\.4 is already recorded for \d{1,2} \w+ \d{4}$/
		})
	).toBeVisible();
	await expect(pamTable.getByRole('row')).toHaveCount(2);
	await expect(pamTable).toContainText('52.4');
	await expect(pamTable).toContainText('Level 2: Lacks knowledge and confidence to act');
	// The latest score is offered for the clinical record, coded (score and level).
	await page.locator('summary', { hasText: 'the latest PAM score' }).click();
	await expect(
		page.getByRole('textbox', { name: 'Clinical record text for the latest PAM score' })
	).toHaveValue(/925431000000109[\s\S]*: 52\.4[\s\S]*962851000000103/);
	await expect(page.getByRole('img', { name: /^PAM score over time: 1 score on / })).toBeVisible();
	await expect(page.locator('canvas[role="img"]')).toHaveCount(1);

	// ONS4: a missing answer is refused, naming the question; then all four are saved.
	await page.getByLabel('Overall, how satisfied are you with your life nowadays?').fill('7');
	await page
		.getByLabel(
			'Overall, to what extent do you feel the things you do in your life are worthwhile?'
		)
		.fill('8');
	await page.getByLabel('Overall, how anxious did you feel yesterday?').fill('3');
	await page.getByRole('button', { name: 'Save the ONS4 answers' }).click();
	await expect(
		page.getByRole('alert').getByRole('link', { name: 'Enter the answer for happy yesterday' })
	).toBeVisible();
	await page.getByLabel('Overall, how happy did you feel yesterday?').fill('6');
	await page.getByRole('button', { name: 'Save the ONS4 answers' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'ONS4 answers recorded.' })
	).toBeFocused();
	const ons4Table = page.getByRole('table', { name: 'ONS4 answers, newest first' });
	await expect(ons4Table.getByRole('row')).toHaveCount(2);
	await expect(ons4Table).toContainText('7 (high)');
	await expect(ons4Table).toContainText('3 (low)');
	await expect(ons4Table).toContainText('Anxious yesterday (lower is better)');
	await expect(
		page.getByRole('img', { name: /^ONS4 personal wellbeing over time: 1 set of answers/ })
	).toBeVisible();
	await expect(page.locator('canvas[role="img"]')).toHaveCount(2);
	expect(await seriousViolations(page)).toEqual([]);

	// The API answers the same measures; 401 without a session, 404 to another PCN.
	const api = await page.request.get(`/api${patient}/measures`);
	expect(await api.json()).toMatchObject({
		pam: [{ score: 52.4, level: 2 }],
		ons4: [{ answers: { lifeSatisfaction: 7, worthwhile: 8, happy: 6, anxious: 3 } }]
	});
	await page.context().clearCookies();
	expect((await page.request.get(`/api${patient}/measures`)).status()).toBe(401);
	await signedIn(page, 'coordinator@hillside.test');
	expect((await page.request.get(`/api${patient}/measures`)).status()).toBe(404);
	expect((await page.goto(`${patient}/measures`))?.status()).toBe(404);

	// An observer reads the same, and has no form.
	await page.context().clearCookies();
	await signedIn(page, 'observer@riverside.test');
	await page.goto(`${patient}/measures`);
	await expect(page.getByRole('table', { name: 'PAM scores, newest first' })).toContainText('52.4');
	await expect(page.getByRole('button', { name: 'Save the PAM score' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Save the ONS4 answers' })).toHaveCount(0);
	const refused = await page.request.post(`${patient}/measures?/pam`, {
		form: { pamOn: today(), pamScore: '50' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(refused.status()).toBe(403);
});

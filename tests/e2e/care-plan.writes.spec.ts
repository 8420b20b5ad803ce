import { expect, type Browser, type Page } from '@playwright/test';
import { fieldText, fitsTheWindow, hydrated, seriousViolations, signedIn, test } from './fixtures';

/** Opens the patient's Plan tab as this user, in a context of its own, once connected. */
async function onPlan(browser: Browser, email: string, patientId: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signedIn(page, email);
	await page.goto(`/patients/${patientId}/plan`);
	await hydrated(page);
	await expect(page.getByTestId('connection-state')).toHaveText('Connected');
	return page;
}

/** A Riverside patient no other spec writes a plan for. */
async function quietPatient(page: Page): Promise<string> {
	const { patients } = (await (await page.request.get('/api/patients?limit=12')).json()) as {
		patients: { id: string }[];
	};
	return patients[9].id;
}

test('a coordinator and a GP build a plan together on the Plan tab; an observer reads it', async ({
	browser
}) => {
	const setUp = await browser.newPage();
	await signedIn(setUp, 'coordinator@riverside.test');
	const patientId = await quietPatient(setUp);

	const coordinator = await onPlan(browser, 'coordinator@riverside.test', patientId);
	const gp = await onPlan(browser, 'gp@riverside.test', patientId);
	for (const heading of [
		'About me',
		'Personal contacts and support network',
		'Strengths, needs and concerns',
		'Goals and actions',
		'Contingency plan',
		'Review',
		'Agreement'
	]) {
		await expect(coordinator.getByRole('heading', { name: heading, exact: true })).toBeVisible();
	}
	await expect(
		coordinator.getByRole('textbox', { name: 'What is most important to me' })
	).toBeVisible();
	await expect(
		coordinator.getByRole('textbox', { name: 'Trigger factors (required)' })
	).toBeVisible();

	// A goal without a description is refused, with the message beside the field.
	await coordinator.getByRole('button', { name: 'Add goal' }).click();
	await expect(coordinator.getByText('Enter a description of the goal')).toBeVisible();
	await expect(coordinator.getByRole('textbox', { name: 'Goal description' })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(coordinator.getByText('No goals recorded yet.')).toBeVisible();

	await coordinator.getByRole('textbox', { name: 'Goal description' }).fill('Walk to the shops');
	await coordinator
		.getByRole('combobox', { name: 'Importance to the person (1 to 10)' })
		.selectOption('8');
	await coordinator.getByRole('button', { name: 'Add goal' }).click();
	const goal = (page: Page) => page.getByRole('textbox', { name: 'Goal 1', exact: true });
	await expect.poll(() => fieldText(goal(gp))).toBe('Walk to the shops');
	await expect(gp.getByRole('combobox', { name: 'Importance (1 to 10) of goal 1' })).toHaveValue(
		'8'
	);

	// Both type at the end of the same goal's description at the same moment: each sentence
	// arrives whole (never interleaved letter by letter), the same in both browsers.
	for (const page of [coordinator, gp]) {
		await goal(page).click();
		await page.keyboard.press('End');
	}
	await Promise.all([
		coordinator.keyboard.type('Every morning.', { delay: 20 }),
		gp.keyboard.type('With my daughter on Sundays.', { delay: 20 })
	]);
	for (const page of [coordinator, gp]) {
		await expect.poll(() => fieldText(goal(page))).toContain('Every morning.');
		await expect.poll(() => fieldText(goal(page))).toContain('With my daughter on Sundays.');
	}
	expect(await fieldText(goal(gp))).toBe(await fieldText(goal(coordinator)));
	expect(await fieldText(goal(gp))).toMatch(/^Walk to the shops/);

	// Who reviews the plan is co-edited too: typing at the same moment, neither replaces the other.
	const reviewer = (page: Page) =>
		page.getByRole('textbox', { name: 'Who reviews the plan', exact: true });
	await reviewer(coordinator).click();
	await coordinator.keyboard.type('Priya Shah');
	await expect.poll(() => fieldText(reviewer(gp))).toBe('Priya Shah');
	for (const page of [coordinator, gp]) {
		await reviewer(page).click();
		await page.keyboard.press('End');
	}
	await Promise.all([
		coordinator.keyboard.type(', care coordinator, 01632 960', { delay: 20 }),
		gp.keyboard.type(' with Dr Tom Okafor', { delay: 20 })
	]);
	for (const page of [coordinator, gp]) {
		await expect.poll(() => fieldText(reviewer(page))).toContain(', care coordinator, 01632 960');
		await expect.poll(() => fieldText(reviewer(page))).toContain(' with Dr Tom Okafor');
	}
	expect(await fieldText(reviewer(gp))).toBe(await fieldText(reviewer(coordinator)));
	expect(await fieldText(reviewer(gp))).toMatch(/^Priya Shah/);

	// The GP sets the goal's status; the coordinator adds an action with a confidence.
	await gp.getByRole('combobox', { name: 'Status of goal 1' }).selectOption('in_progress');
	await expect(coordinator.getByRole('combobox', { name: 'Status of goal 1' })).toHaveValue(
		'in_progress'
	);
	await coordinator.getByRole('button', { name: 'Add an action to goal 1' }).click();
	await coordinator
		.getByRole('textbox', { name: 'What (new action for goal 1)' })
		.fill('Join the walking group');
	await coordinator
		.getByRole('textbox', { name: 'Who (new action for goal 1)' })
		.fill('Link worker');
	await coordinator
		.getByRole('combobox', { name: 'Confidence (1 to 10) (new action for goal 1)' })
		.selectOption('7');
	await coordinator.getByRole('button', { name: 'Add action to goal 1' }).click();
	const action = (page: Page) =>
		page.getByRole('textbox', { name: 'Action 1 of goal 1: what', exact: true });
	await expect.poll(() => fieldText(action(gp))).toBe('Join the walking group');
	await expect(
		gp.getByRole('combobox', { name: 'Confidence (1 to 10) (action 1 of goal 1)' })
	).toHaveValue('7');
	await expect
		.poll(() =>
			fieldText(gp.getByRole('textbox', { name: 'Action 1 of goal 1: who', exact: true }))
		)
		.toBe('Link worker');

	// Removing asks first; keeping it changes nothing.
	await gp.getByRole('button', { name: 'Remove action 1 of goal 1' }).click();
	// Focus is on the safe choice, and Escape keeps it too: Enter pressed twice removes nothing.
	await expect(gp.getByRole('button', { name: 'Keep action 1 of goal 1' })).toBeFocused();
	await gp.keyboard.press('Escape');
	await expect(gp.getByRole('button', { name: 'Remove action 1 of goal 1' })).toBeFocused();
	await expect(action(coordinator)).toBeVisible();

	// An observer sees the same plan and can change nothing.
	const observer = await onPlan(browser, 'observer@riverside.test', patientId);
	await expect.poll(() => fieldText(goal(observer))).toContain('With my daughter on Sundays.');
	await expect(goal(observer)).toHaveAttribute('contenteditable', 'false');
	await expect(action(observer)).toHaveAttribute('contenteditable', 'false');
	await expect(observer.getByRole('button', { name: 'Add goal' })).toHaveCount(0);
	await expect(observer.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
	await expect(observer.getByRole('combobox', { name: 'Status of goal 1' })).toBeDisabled();

	// The plan reads well to assistive technology and on a phone.
	expect(await seriousViolations(coordinator)).toEqual([]);
	await coordinator.setViewportSize({ width: 360, height: 800 });
	await fitsTheWindow(coordinator);
	expect(await seriousViolations(coordinator)).toEqual([]);

	// Removed once confirmed, for everyone; keyboard focus returns to the goal's actions.
	await gp.getByRole('button', { name: 'Remove action 1 of goal 1' }).click();
	await gp.getByRole('button', { name: 'Yes, remove action 1 of goal 1' }).click();
	await expect(action(coordinator)).toHaveCount(0);
	await expect(action(gp)).toHaveCount(0);
	await expect(gp.getByRole('heading', { name: 'Actions for goal 1' })).toBeFocused();
});

test('a plan whose review date has passed shows as due on the patient and in the caseload', async ({
	browser
}) => {
	const setUp = await browser.newPage();
	await signedIn(setUp, 'coordinator@riverside.test');
	const { patients } = (await (await setUp.request.get('/api/patients?limit=12')).json()) as {
		patients: { id: string; nhsNumber: string }[];
	};
	const { id: patientId, nhsNumber } = patients[10];
	const coordinator = await onPlan(browser, 'coordinator@riverside.test', patientId);
	await coordinator.getByLabel('Review date', { exact: true }).fill('2025-01-06');
	await coordinator.getByLabel('Review date', { exact: true }).blur();
	await expect(coordinator.getByTestId('plan-review-due')).toContainText('Plan review overdue');
	await expect(coordinator.getByTestId('plan-review-due')).toContainText('6 Jan 2025');
	// The record's other tabs read the projected plan, written within a few seconds of the edit.
	await expect(async () => {
		await coordinator.goto(`/patients/${patientId}/timeline`);
		await expect(coordinator.getByTestId('plan-review-due')).toContainText('Plan review overdue', {
			timeout: 1_000
		});
	}).toPass({ timeout: 30_000 });
	await expect(coordinator.getByRole('link', { name: 'Open the plan' })).toHaveAttribute(
		'href',
		`/patients/${patientId}/plan`
	);

	// The caseload's "Plan review overdue" filter finds them.
	await coordinator.goto(`/caseload?scope=pcn&episode=any&risk=review_overdue&q=${nhsNumber}`);
	await expect(coordinator.locator(`table tbody a[href="/patients/${patientId}"]`)).toBeVisible();
});

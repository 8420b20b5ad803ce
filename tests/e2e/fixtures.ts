import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password-2026';

/** Signs in through the real form, waiting for hydration first so the click is handled. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.waitForFunction(() => document.body.dataset.hydrated === 'true');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signedIn(page: Page, email: string) {
	await signIn(page, email);
	await expect(page).toHaveURL(/\/caseload/);
}

/**
 * Counting the passwords sign-in checks. Its own module, importing nothing of the app, because
 * the auth module's mock (vi.mock, hoisted in each test file) loads it while auth is loading.
 */
/** Passwords checked since the test reset `count`. */
export const passwordsChecked = { count: 0 };

/** The auth module with `verifyPassword` counted in `passwordsChecked`, otherwise unchanged. */
export async function countingVerifier(importOriginal: () => Promise<unknown>) {
	const auth = (await importOriginal()) as typeof import('../../src/lib/server/auth');
	return {
		...auth,
		verifyPassword: (hash: string, password: string) => {
			passwordsChecked.count += 1;
			return auth.verifyPassword(hash, password);
		}
	};
}

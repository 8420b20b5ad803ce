/**
 * Finds a Chromium for the end-to-end tests: a system Chromium if there is one; else Debian's
 * `chromium` through apt-get when running as root; else Playwright's own download.
 * Returns the executable path, or undefined for Playwright's own browser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUMS = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome'
];

function systemChromium(): string | undefined {
	return SYSTEM_CHROMIUMS.find((p): p is string => !!p && existsSync(p));
}

function version(path: string): string {
	try {
		// Debian's wrapper script prints shell noise on stderr before the version: not ours to show.
		return execFileSync(path, ['--version'], {
			encoding: 'utf8',
			timeout: 20_000,
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		return 'version unknown';
	}
}

export function findBrowser(): { executablePath: string | undefined; description: string } {
	let path = systemChromium();
	if (path) return { executablePath: path, description: `system ${version(path)} at ${path}` };
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
		spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'ignore', env });
		path = systemChromium();
		if (path)
			return {
				executablePath: path,
				description: `Debian ${version(path)} installed with apt-get at ${path}`
			};
	}
	const download = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
	if (download.status !== 0) throw new Error('No Chromium found and none could be installed');
	return { executablePath: undefined, description: "Playwright's own Chromium download" };
}

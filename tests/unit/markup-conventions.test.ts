/**
 * Conventions that keep the app's accessible names and the browser tests honest, checked over
 * the source files themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(root: string, ending: RegExp): string[] {
	return readdirSync(root, { recursive: true, encoding: 'utf8' })
		.map((path) => join(root, path))
		.filter((path) => ending.test(path));
}

describe('markup and test conventions', () => {
	it('visually hidden text that continues a visible word starts with an explicit space', () => {
		// Svelte trims the leading space of an element's static text, so `Copy<span …> text</span>` (or ` {name}`)
		// is announced "Copytext": write `<span …>{' '}text</span>`.
		const offenders = files('src', /\.svelte$/).filter((path) =>
			/visually-hidden">\s+[^\s<]/.test(readFileSync(path, 'utf8'))
		);
		expect(offenders).toEqual([]);
	});

	it('every browser test uses the test from fixtures, which closes the contexts it opened', () => {
		const offenders = files('tests/e2e', /\.spec\.ts$/).filter((path) =>
			/import \{[^}]*\btest\b[^}]*\} from '@playwright\/test'/.test(readFileSync(path, 'utf8'))
		);
		expect(offenders).toEqual([]);
	});
});

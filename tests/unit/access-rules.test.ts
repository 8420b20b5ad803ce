/**
 * Each access rule exists once: no module but src/lib/domain/roles.ts names a role to decide
 * something. (The demo seed names the roles its synthetic users hold: that is data, not a rule.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROLES } from '../../src/lib/domain/roles';

const ALLOWED = [
	join('src', 'lib', 'domain', 'roles.ts'),
	join('src', 'lib', 'server', 'demo'),
	// Whom triage refers a person on to (a link worker, a coach) is a database enum whose values
	// are spelt as the roles are: vocabulary of the referral, not a rule about who may act.
	join('src', 'lib', 'domain', 'referrals.ts')
];

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return /\.(ts|svelte|js)$/.test(entry.name) ? [path] : [];
	});
}

it('no module outside roles.ts decides by a role’s name', () => {
	const literal = new RegExp(`(['"\`])(${ROLES.join('|')})\\1`);
	const offenders = ['src', 'server']
		.flatMap(sources)
		.filter((file) => !ALLOWED.some((allowed) => file.startsWith(allowed)))
		.flatMap((file) =>
			readFileSync(file, 'utf8')
				.split('\n')
				.map((line, i) => ({ line: line.trim(), at: `${file}:${i + 1}` }))
				.filter(({ line }) => literal.test(line))
				.map(({ line, at }) => `${at}: ${line}`)
		);
	expect(offenders).toEqual([]);
});

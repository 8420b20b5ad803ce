import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalMessage } from '../../src/lib/domain/meeting-channel';

const ROOM_SERVICE = 'src/lib/server/meeting-room.ts';

/**
 * Every refusal code the meeting channel can answer with: each `error: '…'` in its server
 * modules, and the room service's table of statuses (NOT_NOW).
 */
function refusalCodes(): string[] {
	const files = [
		ROOM_SERVICE,
		...readdirSync('server')
			.filter((name) => name.endsWith('.ts'))
			.map((name) => join('server', name))
	];
	const codes = new Set<string>();
	for (const file of files) {
		for (const match of readFileSync(file, 'utf8').matchAll(/error: '([^']+)'/g))
			codes.add(match[1]);
	}
	const notNow = /const NOT_NOW[^{]*\{([^}]*)\}/.exec(readFileSync(ROOM_SERVICE, 'utf8'))![1];
	for (const match of notNow.matchAll(/: '([^']+)'/g)) codes.add(match[1]);
	return [...codes];
}

describe('refusals on the meeting channel', () => {
	it('every code the server answers with reads as a sentence for people', () => {
		const codes = refusalCodes();
		expect(codes).toContain('not on the agenda');
		expect(codes).toContain('meeting ended');
		for (const code of codes) {
			const message = refusalMessage(code);
			expect(message, code).toMatch(/^[A-Z].*\.$/);
			expect(message, code).not.toContain(`(${code})`);
		}
	});

	it('an unknown code is still said, inside a sentence', () => {
		expect(refusalMessage('invalid payload: itemId')).toBe(
			'The server could not do this (invalid payload: itemId). Try again, or reload the page.'
		);
	});
});

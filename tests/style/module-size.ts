/**
 * The module-size rule, checked by `npm run check:size` and by `npm test`: no source module in
 * src/, server/ or tests/ over 400 lines. A module that long holds more than one idea; split it
 * by responsibility (one class or component per file, one behaviour per test file).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX_LINES = 400;
const ROOTS = ['src', 'server', 'tests'];
const SOURCE = /\.(ts|svelte|js)$/;

/** Lines as an editor numbers them: a final newline does not start another line. */
function lineCount(text: string): number {
	if (text === '') return 0;
	const lines = text.split('\n').length;
	return text.endsWith('\n') ? lines - 1 : lines;
}

/** Every source module under the roots, skipping node_modules and dot folders (test data). */
function sourceFiles(root: string): string[] {
	return readdirSync(root, { recursive: true, encoding: 'utf8' })
		.map((path) => join(root, path))
		.filter((path) => SOURCE.test(path))
		.filter(
			(path) => !path.split('/').some((part) => part === 'node_modules' || part.startsWith('.'))
		)
		.sort();
}

function oversizedModules(): { checked: number; offenders: { path: string; lines: number }[] } {
	const files = ROOTS.flatMap(sourceFiles);
	const offenders = files
		.map((path) => ({ path, lines: lineCount(readFileSync(path, 'utf8')) }))
		.filter(({ lines }) => lines > MAX_LINES)
		.sort((a, b) => b.lines - a.lines);
	return { checked: files.length, offenders };
}

const { checked, offenders } = oversizedModules();
if (offenders.length > 0) {
	console.error(`Modules over ${MAX_LINES} lines (split each by responsibility):`);
	for (const { path, lines } of offenders) console.error(`  ${path}: ${lines} lines`);
	console.error(`✖ ${offenders.length} of ${checked} modules over ${MAX_LINES} lines`);
	process.exitCode = 1;
} else {
	console.log(`✔ ${checked} modules, none over ${MAX_LINES} lines`);
}

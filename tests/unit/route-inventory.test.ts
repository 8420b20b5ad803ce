/**
 * The route inventory: every server handler under src/routes/(app) and src/routes/api (each
 * `load`, each form action, each HTTP method of an endpoint) goes through the authorisation gate
 * by calling `authorise(permission)` itself, and every other route is one of the public routes
 * that hooks.server.ts lets through without a session. A new handler that forgets the gate fails
 * here before it can ship.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../../src/lib/server/access';

const ROUTES = 'src/routes';
const GATED = [join(ROUTES, '(app)'), join(ROUTES, 'api')];
const SERVER_FILE = /^\+(page\.server|layout\.server|server)\.ts$/;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'fallback'];

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(path);
		return SERVER_FILE.test(entry.name) ? [path] : [];
	});
}

/** The SvelteKit route id of a route file: its folder under src/routes, with a leading slash. */
function routeId(file: string): string {
	const folder = relative(ROUTES, join(file, '..')).split(sep).join('/');
	return `/${folder}`.replace(/\/$/, '') || '/';
}

type Handler = { name: string; body: ts.Node | undefined };

/** The exported handlers of a route module, each with the function it runs (if it can be found). */
function handlersOf(source: ts.SourceFile): Handler[] {
	const locals = new Map<string, ts.Node>();
	const exported: [string, ts.Node | undefined][] = [];
	for (const statement of source.statements) {
		const isExported = ts
			.getModifiers(statement as ts.HasModifiers)
			?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (ts.isFunctionDeclaration(statement) && statement.name) {
			locals.set(statement.name.text, statement);
			if (isExported) exported.push([statement.name.text, statement]);
		}
		if (ts.isVariableStatement(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				if (!ts.isIdentifier(declaration.name)) continue;
				locals.set(declaration.name.text, declaration.initializer ?? declaration);
				if (isExported) exported.push([declaration.name.text, declaration.initializer]);
			}
		}
	}
	const resolve = (node: ts.Node | undefined): ts.Node | undefined => {
		while (node && (ts.isAsExpression(node) || ts.isSatisfiesExpression(node))) {
			node = node.expression;
		}
		return node && ts.isIdentifier(node) ? resolve(locals.get(node.text)) : node;
	};
	const handlers: Handler[] = [];
	for (const [name, value] of exported) {
		if (name === 'load' || METHODS.includes(name)) handlers.push({ name, body: resolve(value) });
		if (name !== 'actions') continue;
		const object = resolve(value);
		if (!object || !ts.isObjectLiteralExpression(object)) {
			handlers.push({ name: 'actions', body: undefined });
			continue;
		}
		for (const property of object.properties) {
			const key = property.name && ts.isIdentifier(property.name) ? property.name.text : '?';
			const body = ts.isPropertyAssignment(property)
				? resolve(property.initializer)
				: ts.isShorthandPropertyAssignment(property)
					? resolve(property.name)
					: property;
			handlers.push({ name: `actions.${key}`, body });
		}
	}
	return handlers;
}

const isFunction = (node: ts.Node) =>
	ts.isArrowFunction(node) ||
	ts.isFunctionExpression(node) ||
	ts.isFunctionDeclaration(node) ||
	ts.isMethodDeclaration(node);

/** Does the function itself (not a function nested in it) call `authorise(...)`? */
function callsAuthorise(fn: ts.Node | undefined): boolean {
	if (!fn || !isFunction(fn)) return false;
	let found = false;
	const visit = (node: ts.Node) => {
		if (found || (node !== fn && isFunction(node))) return;
		if (
			ts.isCallExpression(node) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === 'authorise'
		) {
			found = true;
			return;
		}
		ts.forEachChild(node, visit);
	};
	visit(fn);
	return found;
}

/** Handlers of a module that do not call the gate, as "file: handler". */
function ungated(file: string, text = readFileSync(file, 'utf8')): string[] {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	return handlersOf(source)
		.filter((handler) => !callsAuthorise(handler.body))
		.map((handler) => `${file}: ${handler.name}`);
}

const files = serverFiles(ROUTES);
const gated = files.filter((file) => GATED.some((dir) => file.startsWith(dir + sep)));

describe('the route inventory', () => {
	it('finds the app’s route handlers (the inventory is not empty)', () => {
		const handlers = gated.flatMap((file) =>
			handlersOf(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest))
		);
		expect(gated.length).toBeGreaterThan(15);
		expect(handlers.length).toBeGreaterThan(gated.length);
	});

	it('every load, form action and endpoint under (app) and api calls authorise()', () => {
		expect(gated.flatMap((file) => ungated(file))).toEqual([]);
	});

	it('every route outside (app) and api is a public route that the hooks let through', () => {
		const others = files.filter((file) => !gated.includes(file)).map(routeId);
		// The root layout only says who is signed in, for the header.
		const publicRoutes = new Set([...PUBLIC_ROUTES, '/']);
		expect(others.filter((id) => !publicRoutes.has(id))).toEqual([]);
	});

	it('catches a handler that skips the gate, however it is written', () => {
		const module = `
			import { authorise } from '$lib/server/access';
			const helper = async () => { authorise('patient:read'); };
			async function named() { return 1; }
			export const load = async () => { const inner = () => authorise(); return {}; };
			export async function GET() { authorise('patient:read'); }
			export const POST = named;
			export const actions = { good: async () => { authorise('meeting:edit'); }, bad: helper2, named };
			const helper2 = async () => ({});
		`;
		expect(ungated('example/+page.server.ts', module)).toEqual([
			'example/+page.server.ts: load',
			'example/+page.server.ts: POST',
			'example/+page.server.ts: actions.bad',
			'example/+page.server.ts: actions.named'
		]);
	});
});

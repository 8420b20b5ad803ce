/**
 * The import rule, checked by `npm run check:imports` (dependency-cruiser) and by `npm test`.
 *
 * server/ is the Node process: node --import tsx loads it outside Vite, where SvelteKit's aliases
 * (`$app/…`, `$env/…`, `$lib`) do not exist and `@sveltejs/kit` (a devDependency) may not be
 * installed. So nothing reachable from server/ — through any chain of relative imports into
 * src/lib — may import them; shared code uses relative imports and reads `process.env` in
 * src/lib/server/config.ts.
 *
 * Why dependency-cruiser: its `reachable` rule follows the whole graph from server/ and reports
 * the chain. No tsConfig is given on purpose: without the `paths` of .svelte-kit/tsconfig.json
 * the aliases stay unresolved, so they appear in the graph as the specifiers written
 * (`$app/server`) and the rule matches them by name.
 *
 * Type-only imports do not count (tsPreCompilationDeps: false): `import type` and all-`type`
 * specifiers are erased when tsx loads the file, so they never run; svelte-check checks their
 * types, and there the aliases do resolve.
 */
module.exports = {
	forbidden: [
		{
			name: 'server-outside-vite',
			comment:
				'server/ runs outside Vite: $app, $env, $lib and @sveltejs/kit do not resolve there. ' +
				'Use relative imports, and process.env through src/lib/server/config.ts.',
			severity: 'error',
			from: { path: '^server/' },
			to: {
				reachable: true,
				path: [
					'^[$](app|env|lib|service-worker)(/|$)',
					'^@sveltejs/kit(/|$)',
					'^node_modules/@sveltejs/kit/'
				]
			}
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		tsPreCompilationDeps: false
	}
};

// ESLint for the whole repository: recommended JavaScript, TypeScript and Svelte rules, the
// import boundaries (eslint.boundaries.js), and eslint-config-prettier last so that no lint
// rule argues with the formatter. Rules are not type-aware: the type checker already runs in
// `npm run check`, and running it a second time here would double the cost on a small machine.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import boundaries from './eslint.boundaries.js';
import svelteConfig from './svelte.config.js';

export default defineConfig(
	{
		name: 'praxis/ignores',
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'bench/results/', 'static/', 'data/', 'test-results/']
	},
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	{
		name: 'praxis/globals',
		// One set for all: src/ runs in the browser, server/, scripts/ and bench/ in Node, and the
		// browser tests hold code for both. TypeScript already refuses a global the wrong side lacks.
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		name: 'praxis/svelte-typescript',
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig }
		}
	},
	{
		name: 'praxis/rules',
		rules: {
			// A leading underscore marks a value left out on purpose: fields dropped by destructuring
			// (`const { _rev: _, ...rest } = doc`), parameters a callback signature imposes.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{
					argsIgnorePattern: '^_',
					varsIgnorePattern: '^_',
					caughtErrorsIgnorePattern: '^_',
					destructuredArrayIgnorePattern: '^_',
					ignoreRestSiblings: true
				}
			],
			// The app is served at the root (no `kit.paths.base`), so every link is already
			// resolved; wrapping each href in resolve() would add noise and change nothing.
			'svelte/no-navigation-without-resolve': 'off',
			// Reports the `svelte-ignore state_referenced_locally` comments in <script lang="ts">
			// as unused although the compiler does raise that warning there; svelte-check
			// (--fail-on-warnings) runs the real compiler on every component.
			'svelte/no-unused-svelte-ignore': 'off',
			// Flags every Map, Set, Date or URLSearchParams built inside a $derived or a function
			// and thrown away after; reactive state here is held in $state, never in those.
			'svelte/prefer-svelte-reactivity': 'off',
			// `{' · '}` keeps the spaces around a separator that the formatter would otherwise move.
			'svelte/no-useless-mustaches': 'off'
		}
	},
	boundaries,
	prettier,
	svelte.configs.prettier
);

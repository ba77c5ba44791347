// The import boundaries (eslint.boundaries.js) catch what they promise: each deliberate
// violation below is linted with the repository's own ESLint config as if it sat at filePath,
// and must be reported with the rule's plain-words message; code that keeps to the boundaries
// must pass. The files need not exist: ESLint picks the config by path alone.
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);

const RULE = {
	server: 'The server must not import src/lib/store or src/lib/sync',
	sharedWithServer: 'are imported by the server, so they must not import src/lib/store or src/lib/sync',
	pouchOrDexie: 'Only src/lib/store touches PouchDB or Dexie',
	persistence: 'Only src/lib/store persists in the browser',
	network: 'Only src/lib/sync talks to the network'
} as const;

const svelte = (script: string) => `<script lang="ts">\n${script}\n</script>\n\n<p>{String(x)}</p>\n`;

const VIOLATIONS: Array<{ what: string; filePath: string; code: string; rule: keyof typeof RULE }> = [
	{
		what: 'server imports the store by relative path',
		filePath: 'server/calendar/feed.ts',
		code: `import { openStore } from '../../src/lib/store/index';\nexport const x = openStore;`,
		rule: 'server'
	},
	{
		what: 'server imports sync by relative path',
		filePath: 'server/hub/replicator.ts',
		code: `import { nextDelay } from '../../src/lib/sync/backoff';\nexport const x = nextDelay;`,
		rule: 'server'
	},
	{
		what: 'server imports a store type through $lib',
		filePath: 'server/app.ts',
		code: `import type { AppStore } from '$lib/store';\nexport type X = AppStore;`,
		rule: 'server'
	},
	{
		what: 'server re-exports from the store',
		filePath: 'server/calendar/index.ts',
		code: `export { toIcs } from '../../src/lib/store/events/ics';`,
		rule: 'server'
	},
	{
		what: 'server imports sync dynamically',
		filePath: 'server/index.ts',
		code: `export const x = await import('../src/lib/sync/controller');`,
		rule: 'server'
	},
	{
		what: 'domain imports the store (the server would reach it through domain)',
		filePath: 'src/lib/domain/ids.ts',
		code: `import { db } from '../store/db';\nexport const x = db;`,
		rule: 'sharedWithServer'
	},
	{
		what: 'the bundle format imports sync through $lib',
		filePath: 'src/lib/bundle/format.ts',
		code: `import { x } from '$lib/sync/hub';\nexport { x };`,
		rule: 'sharedWithServer'
	},
	{
		what: 'a route script imports pouchdb',
		filePath: 'src/routes/exchange/exchange.ts',
		code: `import PouchDB from 'pouchdb';\nexport const x = PouchDB;`,
		rule: 'pouchOrDexie'
	},
	{
		what: 'a route component imports pouchdb-browser',
		filePath: 'src/routes/library/+page.svelte',
		code: svelte(`\timport PouchDB from 'pouchdb-browser';\n\tconst x = PouchDB;`),
		rule: 'pouchOrDexie'
	},
	{
		what: 'a route component imports dexie',
		filePath: 'src/routes/forums/+page.svelte',
		code: svelte(`\timport { liveQuery } from 'dexie';\n\tconst x = liveQuery;`),
		rule: 'pouchOrDexie'
	},
	{
		what: 'a route loads pouchdb dynamically',
		filePath: 'src/routes/+layout.ts',
		code: `export const x = await import('pouchdb-browser');`,
		rule: 'pouchOrDexie'
	},
	{
		what: 'sync imports dexie',
		filePath: 'src/lib/sync/controller.ts',
		code: `import Dexie from 'dexie';\nexport const x = Dexie;`,
		rule: 'pouchOrDexie'
	},
	{
		what: 'sync writes localStorage',
		filePath: 'src/lib/sync/hub-keys.ts',
		code: `localStorage.setItem('praxis.keys', '[]');`,
		rule: 'persistence'
	},
	{
		what: 'sync reads sessionStorage through globalThis',
		filePath: 'src/lib/sync/auth.ts',
		code: `export const x = globalThis.sessionStorage.getItem('k');`,
		rule: 'persistence'
	},
	{
		what: 'sync opens a PouchDB database',
		filePath: 'src/lib/sync/hub-verify.ts',
		code: `declare const PouchDB: new (name: string) => object;\nexport const x = new PouchDB('staging');`,
		rule: 'persistence'
	},
	{
		what: 'a component opens IndexedDB',
		filePath: 'src/lib/components/SearchBox.svelte',
		code: svelte(`\tconst x = indexedDB.open('praxis');`),
		rule: 'persistence'
	},
	{
		what: 'a component asks for persistent storage',
		filePath: 'src/lib/components/OfflineReadiness.svelte',
		code: svelte(`\tconst x = navigator.storage.persist();`),
		rule: 'persistence'
	},
	{
		what: 'a route opens Cache Storage',
		filePath: 'src/routes/library/[ulid]/+page.ts',
		code: `export const x = await caches.open('files');`,
		rule: 'persistence'
	},
	{
		what: 'a route writes a cookie',
		filePath: 'src/routes/login/+page.ts',
		code: `document.cookie = 'seen=1';`,
		rule: 'persistence'
	},
	{
		what: 'a route opens a Dexie database',
		filePath: 'src/routes/events/+page.ts',
		code: `declare const Dexie: new (name: string) => object;\nexport const x = new Dexie('events');`,
		rule: 'persistence'
	},
	{
		what: 'the store fetches',
		filePath: 'src/lib/store/library/files.ts',
		code: `export const x = fetch('/api/files');`,
		rule: 'network'
	},
	{
		what: 'the store fetches through window',
		filePath: 'src/lib/store/open.ts',
		code: `export const x = window.fetch('/api/files');`,
		rule: 'network'
	},
	{
		what: 'a route fetches',
		filePath: 'src/routes/events/calendar-feed.ts',
		code: `export const x = await fetch('/api/calendar/secret', { method: 'POST' });`,
		rule: 'network'
	},
	{
		what: 'a route component opens an EventSource',
		filePath: 'src/routes/messages/+page.svelte',
		code: svelte(`\tconst x = new EventSource('/api/events');`),
		rule: 'network'
	},
	{
		what: 'a component sends a beacon',
		filePath: 'src/lib/components/PrivacyBanner.svelte',
		code: svelte(`\tconst x = navigator.sendBeacon('/api/seen', '');`),
		rule: 'network'
	},
	{
		what: 'search opens a WebSocket',
		filePath: 'src/lib/search/index.ts',
		code: `export const x = new WebSocket('wss://example.org');`,
		rule: 'network'
	},
	{
		what: 'domain uses XMLHttpRequest',
		filePath: 'src/lib/domain/files.ts',
		code: `export const x = new XMLHttpRequest();`,
		rule: 'network'
	},
	{
		what: 'the client hooks fetch',
		filePath: 'src/hooks.client.ts',
		code: `export const x = fetch('/');`,
		rule: 'network'
	}
];

const ALLOWED: Array<{ what: string; filePath: string; code: string }> = [
	{
		what: 'server imports domain and PouchDB',
		filePath: 'server/storage/index.ts',
		code: `import PouchDB from 'pouchdb';\nimport { newUlid } from '../../src/lib/domain/ids';\nexport const x = [PouchDB, newUlid];`
	},
	{
		what: 'a route imports liveQuery and the store through the store barrel',
		filePath: 'src/routes/forums/+page.svelte',
		code: svelte(
			`\timport { liveQuery, type AppStore } from '$lib/store';\n\tconst x: [unknown, AppStore | null] = [liveQuery, null];`
		)
	},
	{
		what: 'the store persists',
		filePath: 'src/lib/store/db.ts',
		code: [
			`import Dexie from 'dexie';`,
			`import PouchDB from 'pouchdb-browser';`,
			`export const x = [new Dexie('praxis'), new PouchDB('community'), localStorage.getItem('k'), indexedDB];`,
			`export const quota = navigator.storage.estimate();`
		].join('\n')
	},
	{
		what: 'the store names the fetch type without calling it',
		filePath: 'src/lib/store/library/files.ts',
		code: `export type Fetch = typeof fetch;\nexport function get(api: { fetch(path: string): void }) {\n\tapi.fetch('/x');\n}`
	},
	{
		what: 'sync talks to the network',
		filePath: 'src/lib/sync/network.ts',
		code: `export const x = [fetch('/api'), globalThis.fetch('/api'), new EventSource('/e'), new WebSocket('wss://h'), navigator.sendBeacon('/b')];`
	},
	{
		what: 'domain imports domain',
		filePath: 'src/lib/domain/events.ts',
		code: `import { ULID_PATTERN } from './ids';\nexport const x = ULID_PATTERN;`
	},
	{
		what: 'a route imports sync and components',
		filePath: 'src/routes/hub/+page.svelte',
		code: svelte(
			`\timport { hub } from '$lib/sync/hub';\n\timport SyncIndicator from '$lib/components/SyncIndicator.svelte';\n\tconst x = [hub, SyncIndicator];`
		)
	}
];

let eslint: ESLint;

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
	const [result] = await eslint.lintText(code, { filePath });
	// A snippet that does not parse would pass every "not reported" check: refuse it.
	expect(result.messages.filter((m) => m.fatal).map((m) => m.message)).toEqual([]);
	return result.messages;
}

beforeAll(() => {
	eslint = new ESLint({ cwd: ROOT });
});

describe('import boundaries', () => {
	it.each(VIOLATIONS)('reports: $what', async ({ filePath, code, rule }) => {
		const messages = await lint(filePath, code);
		const boundary = messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId));
		expect(boundary.map((m) => m.message)).toEqual([expect.stringContaining(RULE[rule])]);
	});

	it.each(ALLOWED)('allows: $what', async ({ filePath, code }) => {
		const messages = await lint(filePath, code);
		expect(messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))).toEqual([]);
	});
});

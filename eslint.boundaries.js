// The import boundaries of the codebase, checked by ESLint so that a broken boundary fails
// `npm test` like a failing test (tests/unit/lint/boundaries.test.ts proves each one fires):
// - the server imports nothing from src/lib/store or src/lib/sync (client persistence and network);
// - routes never touch PouchDB or Dexie: they read and write through the store;
// - only src/lib/store persists in the browser (web storage, IndexedDB, caches, cookies, Dexie, PouchDB);
// - only src/lib/sync talks to the network (fetch, XMLHttpRequest, EventSource, WebSocket, sendBeacon).
//
// Flat config does not merge a rule's options across config objects: the last object that sets
// `no-restricted-imports` for a file wins. So the tree is cut into regions that do not overlap,
// and each region gets every restriction that applies to it in one object.
//
// Exceptions: none today. To allow one, add the file to the region's `ignores` and give a config
// object of its own, with a comment saying why that file must cross the boundary.

export const MESSAGES = {
	server:
		'The server must not import src/lib/store or src/lib/sync (the client’s persistence and network layers). ' +
		'Put the shared rule in src/lib/domain, which both sides import.',
	sharedWithServer:
		'src/lib/domain, src/lib/bundle and src/lib/pouch are imported by the server, so they must not import ' +
		'src/lib/store or src/lib/sync (the server would reach them through this file).',
	pouchOrDexie:
		'Only src/lib/store touches PouchDB or Dexie. Read and write through the store ($lib/store), ' +
		'which also re-exports liveQuery.',
	persistence:
		'Only src/lib/store persists in the browser (localStorage, sessionStorage, IndexedDB, Cache Storage, ' +
		'cookies, navigator.storage, Dexie, PouchDB). Go through the store.',
	network:
		'Only src/lib/sync talks to the network (fetch, XMLHttpRequest, EventSource, WebSocket, sendBeacon). ' +
		'Go through src/lib/sync.'
};

// Any relative path or $lib alias that reaches src/lib/store or src/lib/sync. From server/ a
// relative path must pass through src/lib; from a sibling folder of src/lib it climbs with `..`.
const STORE_OR_SYNC = String.raw`(^|/)src/lib/(store|sync)(/|$)|^\$lib/(store|sync)(/|$)`;
const STORE_OR_SYNC_FROM_LIB = String.raw`(^|/)(src/lib|\.\.)/(store|sync)(/|$)|^\$lib/(store|sync)(/|$)`;
// esquery regexes cannot hold a slash, hence \x2F in the selectors.
const selectorRegex = (/** @type {string} */ regex) => regex.replaceAll('/', String.raw`\x2F`);
const POUCH_OR_DEXIE = String.raw`^(pouchdb|dexie)($|-|/)`;

const PERSISTENCE_GLOBALS = ['localStorage', 'sessionStorage', 'indexedDB', 'caches'];
const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'EventSource', 'WebSocket'];
// `window.fetch`, `globalThis.localStorage`… reach the same objects as the bare globals.
const GLOBAL_OBJECTS = 'globalThis|window|self';

/** @typedef {{ imports: Array<{ regex: string, message: string }>, globals: Array<{ name: string, message: string }>, syntax: Array<{ selector: string, message: string }> }} Restriction */

/** @type {Record<string, Restriction>} */
const RESTRICTIONS = {
	server: {
		imports: [{ regex: STORE_OR_SYNC, message: MESSAGES.server }],
		globals: [],
		syntax: [{ selector: `ImportExpression[source.value=/${selectorRegex(STORE_OR_SYNC)}/]`, message: MESSAGES.server }]
	},
	sharedWithServer: {
		imports: [{ regex: STORE_OR_SYNC_FROM_LIB, message: MESSAGES.sharedWithServer }],
		globals: [],
		syntax: [
			{
				selector: `ImportExpression[source.value=/${selectorRegex(STORE_OR_SYNC_FROM_LIB)}/]`,
				message: MESSAGES.sharedWithServer
			}
		]
	},
	pouchOrDexie: {
		imports: [{ regex: POUCH_OR_DEXIE, message: MESSAGES.pouchOrDexie }],
		globals: [],
		syntax: [
			{ selector: `ImportExpression[source.value=/${selectorRegex(POUCH_OR_DEXIE)}/]`, message: MESSAGES.pouchOrDexie }
		]
	},
	persistence: {
		imports: [],
		globals: PERSISTENCE_GLOBALS.map((name) => ({ name, message: MESSAGES.persistence })),
		syntax: [
			{ selector: 'NewExpression[callee.name=/^(PouchDB|Dexie)$/]', message: MESSAGES.persistence },
			{ selector: "MemberExpression[object.name='navigator'][property.name='storage']", message: MESSAGES.persistence },
			{ selector: "MemberExpression[object.name='document'][property.name='cookie']", message: MESSAGES.persistence },
			{
				selector: `MemberExpression[object.name=/^(${GLOBAL_OBJECTS})$/][property.name=/^(${PERSISTENCE_GLOBALS.join('|')})$/]`,
				message: MESSAGES.persistence
			}
		]
	},
	network: {
		imports: [],
		globals: NETWORK_GLOBALS.map((name) => ({ name, message: MESSAGES.network })),
		syntax: [
			{
				selector: `MemberExpression[object.name=/^(${GLOBAL_OBJECTS})$/][property.name=/^(${NETWORK_GLOBALS.join('|')})$/]`,
				message: MESSAGES.network
			},
			{ selector: "MemberExpression[property.name='sendBeacon']", message: MESSAGES.network }
		]
	}
};

/**
 * One config object for a region, with every restriction that applies to it merged.
 * @param {string} name
 * @param {{ files: string[], ignores?: string[] }} where
 * @param {Array<keyof typeof RESTRICTIONS>} kinds
 * @returns {import('eslint').Linter.Config}
 */
function region(name, where, kinds) {
	const picked = kinds.map((kind) => RESTRICTIONS[kind]);
	/** @type {import('eslint').Linter.RulesRecord} */
	const rules = {};
	const imports = picked.flatMap((r) => r.imports);
	const globals = picked.flatMap((r) => r.globals);
	const syntax = picked.flatMap((r) => r.syntax);
	if (imports.length) rules['no-restricted-imports'] = ['error', { patterns: imports }];
	if (globals.length) rules['no-restricted-globals'] = ['error', ...globals];
	if (syntax.length) rules['no-restricted-syntax'] = ['error', ...syntax];
	return { name: `praxis/boundaries/${name}`, ...where, rules };
}

const STORE = 'src/lib/store/**';
const SYNC = 'src/lib/sync/**';
const ROUTES = 'src/routes/**';
const SHARED_WITH_SERVER = ['src/lib/domain/**', 'src/lib/bundle/**', 'src/lib/pouch/**'];

/** @type {import('eslint').Linter.Config[]} */
export default [
	region('server', { files: ['server/**'] }, ['server']),
	region('store', { files: [STORE] }, ['network']),
	region('sync', { files: [SYNC] }, ['persistence', 'pouchOrDexie']),
	region('routes', { files: [ROUTES] }, ['persistence', 'network', 'pouchOrDexie']),
	region('shared-with-server', { files: SHARED_WITH_SERVER }, [
		'sharedWithServer',
		'persistence',
		'network',
		'pouchOrDexie'
	]),
	// Everything else in src/: components, search, markdown, pwa, hooks.
	region('rest-of-src', { files: ['src/**'], ignores: [STORE, SYNC, ROUTES, ...SHARED_WITH_SERVER] }, [
		'persistence',
		'network',
		'pouchOrDexie'
	])
];

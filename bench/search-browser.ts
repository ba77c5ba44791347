// Search latency in Chromium over 10,000 documents, through the real app: the documents are put
// into a member's local PouchDB, projected (library tables + search index), and searched through
// store.search (index time alone, and with snippets read from Dexie). Also: projection time, the
// saved index's size, and the time to load it again on a fresh start (no rebuild).
// Needs a build (npm run build). Run: node --import tsx bench/search-browser.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { CATEGORIES, fakeUlid, paragraphs, rng, sentence } from './lib/community';
import { registerMember, startServer } from '../tests/e2e/support/server';
import { openDevice, signIn } from '../tests/e2e/support/browser';

const N = 10_000;
const r = rng(7);
const start = Date.parse('2025-01-01T00:00:00Z');
const at = (i: number) => new Date(start + i * 60_000).toISOString();
const docs: Record<string, unknown>[] = CATEGORIES.map((slug, i) => ({
	_id: `category:${slug}`,
	type: 'category',
	author: 'bench',
	createdAt: at(0),
	name: slug,
	description: '',
	order: i
}));
const threads: string[] = [];
for (let i = 0; i < N; i++) {
	const id = fakeUlid(r, start + i * 60_000);
	const kind = i % 10 < 3 ? 'thread' : i % 10 < 9 ? 'post' : 'resource';
	const base = { type: kind, author: `member${i % 300}`, createdAt: at(i) };
	if (kind === 'thread' || threads.length === 0) {
		docs.push({
			...base,
			type: 'thread',
			_id: `thread:${id}`,
			category: CATEGORIES[i % 7],
			title: sentence(r, 3, 9),
			body: paragraphs(r, 2),
			tags: [CATEGORIES[i % 7]]
		});
		threads.push(`thread:${id}`);
	} else if (kind === 'post') {
		docs.push({
			...base,
			_id: `post:${id}`,
			thread: threads[Math.floor(r() * threads.length)],
			body: paragraphs(r, 1 + Math.floor(r() * 2))
		});
	} else {
		docs.push({
			...base,
			_id: `resource:${id}`,
			kind: 'guide',
			title: sentence(r, 3, 8),
			summary: sentence(r, 8, 20),
			body: paragraphs(r, 3),
			tags: [CATEGORIES[i % 7]],
			status: 'published'
		});
	}
}
/** The part of the app's store this bench drives through the test hook (see src/app.d.ts). */
interface BenchReplica {
	community: { bulkDocs(docs: object[]): Promise<unknown> };
}
interface BenchStore {
	projected(): Promise<void>;
	search: {
		ready(): Promise<void>;
		flush(): Promise<void>;
		size(): Promise<number>;
		search(q: string): Promise<{ tookMs: number }>;
	};
}
type Hooked = Window & { __praxisTest?: { session: { store: BenchStore | null }; replica(): BenchReplica | null } };

const queries = [
	'procurement',
	'cloud contract',
	'acessibility',
	'permi',
	'offline sync',
	'satisfaction survey',
	'dashbord',
	'rural',
	'vendor framework agreement',
	'tende'
];

const server = await startServer();
const device = await openDevice(undefined, { testHook: true });
try {
	await registerMember(server.url, 'bench', 'Bench');
	await signIn(device.page, server.url, 'bench');
	const result = await device.page.evaluate(
		async ({ docs, queries }) => {
			const store = (window as unknown as Hooked).__praxisTest!.session.store!;
			const replica = (window as unknown as Hooked).__praxisTest!.replica()!;
			let t = performance.now();
			await replica.community.bulkDocs(docs);
			await store.projected();
			await store.search.ready();
			const projectMs = performance.now() - t;
			await store.search.flush();
			const indexed = await store.search.size();
			const index: number[] = [];
			const full: number[] = [];
			for (let round = 0; round < 10; round++) {
				for (const q of queries) {
					t = performance.now();
					const page = await store.search.search(q);
					full.push(performance.now() - t);
					index.push(page.tookMs);
				}
			}
			return { projectMs, indexed, index, full };
		},
		{ docs, queries }
	);
	// a fresh start: the saved index is loaded from Dexie, not rebuilt
	await device.page.reload();
	const reload = await device.page.evaluate(async () => {
		// wait for the app to reopen the member's store after the reload
		const hooked = window as unknown as Hooked;
		while (!hooked.__praxisTest?.session.store) await new Promise((res) => setTimeout(res, 50));
		const store = hooked.__praxisTest.session.store;
		const t = performance.now();
		await store.search.ready();
		const loadMs = performance.now() - t;
		const t2 = performance.now();
		await store.search.search('procurement');
		return { loadMs, firstSearchMs: performance.now() - t2, size: await store.search.size() };
	});
	const pct = (list: number[], p: number) =>
		+[...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))].toFixed(2);
	const out = {
		documents: result.indexed,
		projectAndIndexMs: Math.round(result.projectMs),
		indexP50Ms: pct(result.index, 50),
		indexP95Ms: pct(result.index, 95),
		withSnippetsP50Ms: pct(result.full, 50),
		withSnippetsP95Ms: pct(result.full, 95),
		reloadIndexLoadMs: Math.round(reload.loadMs),
		reloadFirstSearchMs: Math.round(reload.firstSearchMs),
		reloadIndexedDocs: reload.size
	};
	console.table(out);
	mkdirSync('bench/results', { recursive: true });
	writeFileSync('bench/results/search-browser.json', JSON.stringify(out, null, 2) + '\n');
} finally {
	await device.dispose();
	await server.dispose();
}

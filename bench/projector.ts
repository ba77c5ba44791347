// Benchmark 7: the store's projections in Node, on PouchDB's memory adapter and fake-indexeddb
// (slower than a browser's IndexedDB: bench/local-reads.ts has the Chromium figures). 10,000
// threads and 5,000 replies are projected in one go, then a category's first page, a tag page and
// the category list are timed; a second store projects the same feed plus 500 events and 2,000
// RSVPs, whose events and notifications are checked. One feed follower applies every projection
// (forums, library, search, events, people) in the same batches, so both timings include them all
// (before, the events runner followed the feed on its own and "projection" was the forums alone).
// The unit tests check what these produce on a smaller feed; the time they take is measured only here.
// Run alone: node --import tsx bench/projector.ts
import { eventsFeed, openTestStore, postDoc, seqUlid as ulid, threadDoc } from '../tests/unit/store/support';
import { runAlone, type Figures } from './lib/report';

const THREADS = 10_000;
const REPLIES = 5_000;
const EVENTS = 500;
const CATEGORIES = ['digital-services', 'open-data', 'procurement', 'general'];
const BATCH = 2_000;
// Reads are fast and noisy: the median of several rounds, after one untimed warm-up.
const READ_ROUNDS = 20;

async function time(fn: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await fn();
	return performance.now() - t;
}

async function median(fn: () => Promise<unknown>): Promise<number> {
	await fn();
	const times: number[] = [];
	for (let r = 0; r < READ_ROUNDS; r++) times.push(await time(fn));
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function projectorFigures(): Promise<Figures> {
	const store = await openTestStore();
	try {
		const threads = Array.from({ length: THREADS }, (_, i) =>
			threadDoc(ulid('01JA', i), CATEGORIES[i % CATEGORIES.length], i, { tags: i % 7 === 0 ? ['budget'] : [] })
		);
		const posts = Array.from({ length: REPLIES }, (_, i) =>
			postDoc(ulid('01JB', i), threads[(i * 7) % threads.length]._id, 20_000 + i)
		);
		for (let i = 0; i < threads.length; i += BATCH) await store.replica.community.bulkDocs(threads.slice(i, i + BATCH));
		await store.replica.community.bulkDocs(posts);
		const projectMs = await time(() => store.projected());
		const threadCount = await store.countThreads('open-data');
		const pageMs = await median(() => store.listThreads('open-data', { limit: 25 }));
		const tagMs = await median(() => store.listThreads('open-data', { limit: 25, tag: 'budget' }));
		const categoriesMs = await median(() => store.listCategories());
		console.log(
			`projection of ${THREADS + REPLIES} docs: ${projectMs.toFixed(0)} ms; first page: ${pageMs.toFixed(1)} ms; tag page: ${tagMs.toFixed(1)} ms; categories: ${categoriesMs.toFixed(1)} ms`
		);
		return {
			projected_docs: THREADS + REPLIES,
			open_data_threads: threadCount,
			projection_ms: Math.round(projectMs),
			projector_docs_per_s: Math.round(((THREADS + REPLIES) / projectMs) * 1000),
			first_page_p50_ms: +pageMs.toFixed(1),
			tag_page_p50_ms: +tagMs.toFixed(1),
			categories_p50_ms: +categoriesMs.toFixed(1)
		};
	} finally {
		await store.close();
	}
}

async function eventsRunnerFigures(): Promise<Figures> {
	const store = await openTestStore({ name: 'alice' });
	try {
		const { threads, posts, events, rsvps } = eventsFeed({ threads: THREADS, replies: REPLIES, events: EVENTS });
		for (let i = 0; i < threads.length; i += BATCH) await store.replica.community.bulkDocs(threads.slice(i, i + BATCH));
		await store.replica.community.bulkDocs(posts);
		await store.replica.community.bulkDocs([...events, ...rsvps]);
		const docs = threads.length + posts.length + events.length + rsvps.length;
		const runnerMs = await time(() => store.events.projected());
		console.log(`events runner over ${docs} docs: ${runnerMs.toFixed(0)} ms`);
		return {
			events_runner_docs: docs,
			events_listed: (await store.events.list({ when: 'all' })).length,
			unread_notifications: await store.people.unreadNotifications(),
			events_runner_ms: Math.round(runnerMs)
		};
	} finally {
		await store.close();
	}
}

export async function projectorBench(): Promise<Figures> {
	return { ...(await projectorFigures()), ...(await eventsRunnerFigures()) };
}

await runAlone(import.meta.url, 'projector', projectorBench);

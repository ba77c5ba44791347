// Bulk projection: thousands of threads and replies written in a few bulkDocs calls project over
// several of the projector's batches into the right counts, a category's first page newest
// activity first, and a tag's page. How long this takes at forum size (10,000 threads) is
// measured by bench/projector.ts, not asserted here.
import { afterEach, expect, it } from 'vitest';
import { FEED_BATCH_SIZE as PROJECTOR_BATCH_SIZE } from '../../../src/lib/store/feed/follower';
import { closeTestStores, openTestStore, postDoc, seqUlid as ulid, threadDoc } from './support';

afterEach(closeTestStores);

const CATEGORIES = ['digital-services', 'open-data', 'procurement', 'general'];
const THREADS = 2_000;
const REPLIES = 1_000;

it('projects thousands of threads and replies over several batches, and lists their pages', async () => {
	expect(THREADS + REPLIES).toBeGreaterThan(2 * PROJECTOR_BATCH_SIZE);
	const store = await openTestStore();
	const threads = Array.from({ length: THREADS }, (_, i) =>
		threadDoc(ulid('01JA', i), CATEGORIES[i % CATEGORIES.length], i, { tags: i % 7 === 0 ? ['budget'] : [] })
	);
	const posts = Array.from({ length: REPLIES }, (_, i) =>
		postDoc(ulid('01JB', i), threads[(i * 7) % threads.length]._id, 20_000 + i)
	);
	for (let i = 0; i < threads.length; i += 1_000) await store.replica.community.bulkDocs(threads.slice(i, i + 1_000));
	await store.replica.community.bulkDocs(posts);
	await store.projected();
	expect(await store.countThreads('open-data')).toBe(THREADS / CATEGORIES.length);

	const page = await store.listThreads('open-data', { limit: 25 });
	const tagged = await store.listThreads('open-data', { limit: 25, tag: 'budget' });
	const categories = await store.listCategories();
	expect(page).toHaveLength(25);
	expect(page.every((t) => t.category === 'open-data')).toBe(true);
	for (let i = 1; i < page.length; i++) expect(page[i - 1].lastActivity >= page[i].lastActivity).toBe(true);
	// 250 open-data threads have one reply each, all newer than any thread: they lead the page
	expect(page.every((t) => t.replyCount === 1 && t.lastActivity === t.lastPostAt)).toBe(true);
	expect(tagged).toHaveLength(25);
	expect(tagged.every((t) => t.tags.includes('budget') && t.category === 'open-data')).toBe(true);
	expect(categories.find((c) => c.slug === 'open-data')).toBeUndefined(); // no category docs here
});

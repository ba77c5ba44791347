// The app's test hook (`window.__praxisTest`, on when localStorage `praxisTest` is set: openBrowser
// testHook) as the browser benchmarks and profilers use it: how far a first sync has got.
import type { Page } from 'playwright-core';

interface HookedReplica {
	community: { info(): Promise<{ doc_count: number }> };
}
interface HookedStore {
	projected(): Promise<void>;
	search: { ready(): Promise<void> };
	events: { projected(): Promise<void> };
}
type Hooked = Window & { __praxisTest?: { session: { store: HookedStore | null }; replica(): HookedReplica | null } };

/**
 * Waits until the local replica holds `n` documents, checking every `every` ms inside the page
 * (no round trip to this process per check, whose work would weigh on the run it measures).
 */
export async function waitForDocs(page: Page, n: number, timeoutMs: number, every = 50): Promise<number> {
	return page.evaluate(
		async ({ n, timeoutMs, every }) => {
			const deadline = performance.now() + timeoutMs;
			for (;;) {
				const replica = (window as unknown as Hooked).__praxisTest?.replica();
				const count = replica ? (await replica.community.info()).doc_count : 0;
				if (count >= n) return count;
				if (performance.now() > deadline) throw new Error(`only ${count} of ${n} documents after ${timeoutMs} ms`);
				await new Promise((resolve) => setTimeout(resolve, every));
			}
		},
		{ n, timeoutMs, every }
	);
}

/** Waits until what the replica holds is projected and in the search index (and, with `events`, the private replica's too). */
export async function projectedAndIndexed(page: Page, events = false): Promise<void> {
	await page.evaluate(async (events) => {
		const store = (window as unknown as Hooked).__praxisTest!.session.store!;
		await store.projected();
		await store.search.ready();
		if (events) await store.events.projected();
	}, events);
}

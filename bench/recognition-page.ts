// Benchmark: the recognition screens in Chromium over a community of about 10,000 documents (the
// generated community of bench/recognition.ts, 1,000 members). The member signs in, goes offline,
// and the documents are written straight into the local replica (as bench/local-reads.ts does);
// once every projection has caught up:
//   - opening the leaderboard page from the menu (a client-side navigation, timed in the page from
//     the click event until the first leaderboard row is in the document), median and p95 over
//     the rounds, alternating with the forums page so each opening is a fresh one;
//   - the store's leaderboard read alone (store.recognition.boards);
//   - a new Helpful vote, from the write until the voted member's standing shows it.
// Run alone: node --import tsx bench/recognition-page.ts
import type { Page } from 'playwright-core';
import { recognitionCommunity } from './recognition';
import { openBrowser } from './lib/browser';
import { startPraxis } from './lib/servers';
import { TEST_PASSWORD } from '../tests/e2e/support/server';
import { runAlone, type Figures } from './lib/report';
import type { BenchDoc } from './lib/generate';

const ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 40);

interface BenchStore {
	projected(): Promise<void>;
	recognition: {
		boards(q: {
			period: 'all' | 'year' | 'month';
		}): Promise<{ leaderboard: Array<{ username: string; points: number }> }>;
		standing(u: string): Promise<{ points: number } | null>;
	};
	vote(target: string, value: 1 | -1 | 0): Promise<void>;
}
type Hooked = Window & { __praxisTest: { session: { store: BenchStore }; replica(): { community: PouchDbLike } } };
interface PouchDbLike {
	bulkDocs(docs: object[], opts: { new_edits: false }): Promise<unknown>;
}

async function load(page: Page, docs: object[]): Promise<void> {
	for (let i = 0; i < docs.length; i += 2000) {
		await page.evaluate(
			(chunk) => (window as unknown as Hooked).__praxisTest.replica().community.bulkDocs(chunk, { new_edits: false }),
			docs.slice(i, i + 2000)
		);
	}
}

const p = (xs: number[], q: number) => +[...xs].sort((a, b) => a - b)[Math.floor(q * xs.length)].toFixed(1);

export async function recognitionPageBench(): Promise<Figures> {
	const docs: Array<Record<string, unknown> & { _id: string }> = recognitionCommunity().map((d, i) => ({
		...d,
		_rev: `1-${(i + 1).toString(16).padStart(32, '0')}`
	}));
	const server = await startPraxis([]);
	const b = await openBrowser({ testHook: true });
	try {
		await b.page.goto(`${server.url}/login`);
		await b.page.getByLabel('Username').fill(server.reader.username);
		await b.page.getByLabel('Password').fill(TEST_PASSWORD);
		await b.page.getByRole('button', { name: 'Sign in' }).click();
		await b.page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });
		await b.setOffline(true);
		const t0 = performance.now();
		await load(b.page, docs as unknown as BenchDoc[]);
		await b.page.evaluate(() => (window as unknown as Hooked).__praxisTest.session.store.projected());
		const loadMs = performance.now() - t0;

		const store = await b.page.evaluate(
			async ({ rounds }) => {
				const s = (window as unknown as Hooked).__praxisTest.session.store;
				const times: number[] = [];
				let entries = 0;
				await s.recognition.boards({ period: 'all' });
				for (let r = 0; r < rounds; r++) {
					const t = performance.now();
					entries = (await s.recognition.boards({ period: 'all' })).leaderboard.length;
					times.push(performance.now() - t);
				}
				return { times, entries };
			},
			{ rounds: ROUNDS }
		);

		// opening the page from the menu, alternating with the forums
		const nav = b.page.getByRole('navigation', { name: 'Main' });
		const opens: number[] = [];
		await b.page.goto(`${server.url}/forums`);
		for (let r = 0; r <= ROUNDS; r++) {
			await nav.getByRole('link', { name: 'Forums' }).click();
			await b.page.getByRole('heading', { name: 'Forums', level: 1 }).waitFor();
			// timed in the page, from the click's event to the first leaderboard row in the document,
			// so the test driver's round trips are not counted
			await b.page.evaluate(() => {
				const w = window as unknown as { openStart?: number; openEnd?: number };
				w.openStart = undefined;
				w.openEnd = undefined;
				const row = 'section[aria-labelledby="board-heading"] tbody tr';
				document.addEventListener('click', () => (w.openStart = performance.now()), { capture: true, once: true });
				const observer = new MutationObserver(() => {
					if (!document.querySelector(row)) return;
					w.openEnd = performance.now();
					observer.disconnect();
				});
				observer.observe(document.body, { childList: true, subtree: true });
			});
			await nav.getByRole('link', { name: 'Recognition' }).click();
			await b.page.locator('section[aria-labelledby="board-heading"] tbody tr').first().waitFor();
			const ms = await b.page.evaluate(() => {
				const w = window as unknown as { openStart?: number; openEnd?: number };
				return (w.openEnd ?? NaN) - (w.openStart ?? NaN);
			});
			if (r > 0) opens.push(ms); // the first opening compiles the page: untimed
		}

		// one new Helpful vote: from the write until the author's standing counts it
		const target = docs.find((d) => d.type === 'post' && d.author !== server.reader.username)!;
		const vote = await b.page.evaluate(
			async ({ id, author }) => {
				const s = (window as unknown as Hooked).__praxisTest.session.store;
				const before = (await s.recognition.standing(author))?.points ?? 0;
				const t = performance.now();
				await s.vote(id, 1);
				await s.projected();
				const after = (await s.recognition.standing(author))?.points ?? 0;
				return { ms: performance.now() - t, gained: after - before };
			},
			{ id: target._id, author: String(target.author) }
		);

		const figures: Figures = {
			documents: docs.length,
			load_and_project_ms: Math.round(loadMs),
			leaderboard_entries: store.entries,
			board_read_p50_ms: p(store.times, 0.5),
			board_read_p95_ms: p(store.times, 0.95),
			page_open_p50_ms: p(opens, 0.5),
			page_open_p95_ms: p(opens, 0.95),
			new_vote_to_standing_ms: Math.round(vote.ms),
			new_vote_points_gained: vote.gained
		};
		console.log(
			`recognition page: opens p50 ${figures.page_open_p50_ms} / p95 ${figures.page_open_p95_ms} ms, board read p95 ${figures.board_read_p95_ms} ms, new vote ${figures.new_vote_to_standing_ms} ms (+${vote.gained})`
		);
		return figures;
	} finally {
		await b.dispose();
		await server.dispose();
	}
}

await runAlone(import.meta.url, 'recognition-page', recognitionPageBench);

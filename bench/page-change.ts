// Benchmark: changing page within the app on a replica of about 10,000 documents (the generated
// community of bench/lib/generate.ts: 1,500 threads, 6,500 posts, 300 resources, 300 people).
// The member signs in, goes offline, and the documents are written straight into the local
// replica; once every projection has caught up, the bench walks a round of pages the way a
// member does — Home, Forums, a category, a thread, Library, a resource, People, a person,
// Events, Notifications — clicking the menu or the first item's link. Each change is timed in
// the page, from the click event until the new page's content is in the document (its heading
// and its first item), over ROUNDS rounds; the first round (compiling each page) is not counted.
// Run alone: node --import tsx bench/page-change.ts   (BENCH_STATIC_DIR=… measures another build)
import type { Page } from 'playwright-core';
import { generateCommunity, type BenchDoc } from './lib/generate';
import { openBrowser } from './lib/browser';
import { startPraxis } from './lib/servers';
import { TEST_PASSWORD } from '../tests/e2e/support/server';
import { runAlone, type Figures } from './lib/report';

const ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 8);
/** BENCH_PROFILE=1 prints, for each page of the last round, where the main thread spent its time. */
const PROFILE = process.env.BENCH_PROFILE === '1';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

/** The functions with the most self time in a CPU profile, as "ms name file:line" lines. */
function topSelfTime(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, count = 12): string[] {
	const byNode = new Map<number, number>();
	profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const byFrame = new Map<string, number>();
	for (const node of profile.nodes) {
		const { functionName, url, lineNumber } = node.callFrame;
		const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
		byFrame.set(key, (byFrame.get(key) ?? 0) + (byNode.get(node.id) ?? 0) / 1000);
	}
	return [...byFrame]
		.sort((a, b) => b[1] - a[1])
		.slice(0, count)
		.map(([key, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${key}`);
}

export interface Step {
	name: string;
	/** what to click: a link in the main menu, or the first link in the page matching a selector */
	menu?: string;
	first?: string;
	/** the new page's path starts with this, and this selector is in the document */
	path: RegExp;
	ready: string;
}

const MAIN_CONTENT = 'main h1';
export const STEPS: Step[] = [
	{ name: 'home', menu: 'Home', path: /^\/$/, ready: 'main h2' },
	{
		name: 'forums',
		menu: 'Forums',
		path: /^\/forums$/,
		ready: 'main a[href^="/forums/"]:not([href="/forums/new"]):not([href^="/forums/t/"])'
	},
	{
		name: 'category',
		first: 'main a[href^="/forums/"]:not([href="/forums/new"]):not([href^="/forums/t/"])',
		path: /^\/forums\/(?!t\/|new$)[^/]+$/,
		ready: 'main a[href^="/forums/t/"]'
	},
	{ name: 'thread', first: 'main a[href^="/forums/t/"]', path: /^\/forums\/t\//, ready: 'main article.post' },
	{ name: 'library', menu: 'Library', path: /^\/library$/, ready: 'main a[href^="/library/01"]' },
	{ name: 'resource', first: 'main a[href^="/library/01"]', path: /^\/library\/01/, ready: MAIN_CONTENT },
	{
		name: 'people',
		menu: 'People',
		path: /^\/people$/,
		ready: 'main a[href^="/people/"]:not([href="/people/me"])'
	},
	{
		name: 'person',
		first: 'main a[href^="/people/"]:not([href="/people/me"])',
		path: /^\/people\/(?!me$)[^/]+$/,
		ready: MAIN_CONTENT
	},
	{ name: 'events', menu: 'Events', path: /^\/events$/, ready: MAIN_CONTENT },
	{ name: 'notifications', menu: 'Notifications', path: /^\/notifications$/, ready: MAIN_CONTENT }
];

type Hooked = Window & {
	__praxisTest: {
		session: { store: { projected(): Promise<void>; search: { flush(): Promise<void> } } };
		replica(): { community: { bulkDocs(docs: object[], opts: { new_edits: false }): Promise<unknown> } };
	};
};

async function load(page: Page, docs: object[]): Promise<void> {
	for (let i = 0; i < docs.length; i += 2000) {
		await page.evaluate(
			(chunk) => (window as unknown as Hooked).__praxisTest.replica().community.bulkDocs(chunk, { new_edits: false }),
			docs.slice(i, i + 2000)
		);
	}
}

export const p = (xs: number[], q: number) =>
	xs.length ? +[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(1) : NaN;

/** Clicks and returns the ms from the click event to the new page's content in the document. */
export async function timedChange(page: Page, step: Step): Promise<number> {
	await page.evaluate(
		({ ready }) => {
			const w = window as unknown as { changeStart?: number; changeEnd?: number };
			w.changeStart = undefined;
			w.changeEnd = undefined;
			// what the old page shows is marked, so only the new page's content ends the timing (the
			// address changes after the new page is in the document, so it cannot tell them apart)
			for (const old of document.querySelectorAll(ready)) old.setAttribute('data-bench-old', '');
			const fresh = `${ready}:not([data-bench-old])`;
			document.addEventListener('click', () => (w.changeStart = performance.now()), { capture: true, once: true });
			const observer = new MutationObserver(() => {
				if (w.changeStart === undefined || !document.querySelector(fresh)) return;
				w.changeEnd = performance.now();
				observer.disconnect();
			});
			observer.observe(document.body, { childList: true, subtree: true });
		},
		{ ready: step.ready }
	);
	const target = step.menu
		? page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: step.menu, exact: false }).first()
		: page.locator(step.first!).first();
	await target.click();
	await page
		.waitForFunction(() => (window as unknown as { changeEnd?: number }).changeEnd !== undefined, null, {
			timeout: 30_000
		})
		.catch(async (err: unknown) => {
			const shown = await page
				.locator('main')
				.innerText()
				.catch(() => '');
			const state = await page.evaluate(
				({ ready }) => [
					(window as unknown as { changeStart?: number }).changeStart,
					location.pathname,
					document.querySelector(ready)?.outerHTML.slice(0, 100)
				],
				{ ready: step.ready }
			);
			throw new Error(
				`shown: ${shown.slice(0, 100)} ${JSON.stringify(state)}\n` +
					`page ${step.name} (${page.url()}) never showed ${step.ready}: ${String(err)}`
			);
		});
	await page
		.waitForFunction((source) => new RegExp(source).test(location.pathname), step.path.source, { timeout: 10_000 })
		.catch(() => {
			throw new Error(`page ${step.name}: ended at ${page.url()}`);
		});
	return page.evaluate(() => {
		const w = window as unknown as { changeStart: number; changeEnd: number };
		return w.changeEnd - w.changeStart;
	});
}

export async function pageChangeBench(): Promise<Figures> {
	const docs = generateCommunity().docs as BenchDoc[];
	const server = await startPraxis([]);
	const b = await openBrowser({ testHook: true });
	try {
		await b.page.setViewportSize({ width: 1366, height: 900 });
		await b.page.goto(`${server.url}/login`);
		await b.page.getByLabel('Username').fill(server.reader.username);
		await b.page.getByLabel('Password').fill(TEST_PASSWORD);
		await b.page.getByRole('button', { name: 'Sign in' }).click();
		await b.page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });
		await b.setOffline(true);
		const t0 = performance.now();
		await load(b.page, docs);
		await b.page.evaluate(() => (window as unknown as Hooked).__praxisTest.session.store.projected());
		// the search index saves itself once after a large sync; page changes are measured after it,
		// as a member meets them on any later day
		await b.page.evaluate(() => (window as unknown as Hooked).__praxisTest.session.store.search.flush());
		const loadMs = performance.now() - t0;

		const byStep = new Map<string, number[]>(STEPS.map((s) => [s.name, []]));
		const cdp = PROFILE ? await b.page.context().newCDPSession(b.page) : null;
		if (cdp) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
		}
		for (let round = 0; round <= ROUNDS; round++) {
			for (const step of STEPS) {
				const profiling = cdp !== null && round === ROUNDS;
				if (profiling) await cdp.send('Profiler.start');
				const ms = await timedChange(b.page, step);
				if (round > 0) byStep.get(step.name)!.push(ms);
				if (profiling) {
					const { profile } = await cdp.send('Profiler.stop');
					console.log(`\n${step.name}: ${ms.toFixed(1)} ms\n${topSelfTime(profile as never).join('\n')}`);
				}
			}
		}
		const all = [...byStep.values()].flat();
		const figures: Figures = {
			documents: docs.length,
			load_and_project_ms: Math.round(loadMs),
			changes: all.length,
			page_change_p50_ms: p(all, 0.5),
			page_change_p95_ms: p(all, 0.95),
			page_change_max_ms: p(all, 1)
		};
		for (const [name, times] of byStep) figures[`${name}_p95_ms`] = p(times, 0.95);
		console.log(
			`page change over ${all.length} changes: p50 ${figures.page_change_p50_ms} / p95 ${figures.page_change_p95_ms} ms; ` +
				[...byStep].map(([name, times]) => `${name} ${p(times, 0.95)}`).join(', ')
		);
		return figures;
	} finally {
		await b.dispose();
		await server.dispose();
	}
}

await runAlone(import.meta.url, 'page-change', pageChangeBench);

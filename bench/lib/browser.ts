// Headless Chromium for the benchmarks (Debian's /usr/bin/chromium through playwright-core, a
// fresh on-disk profile each time) with CDP network counting (requests and encodedDataLength,
// the bytes on the wire) and CDP network/CPU emulation.
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * The browser the benchmarks drive: Debian's /usr/bin/chromium, or `BENCH_CHROMIUM` to compare
 * builds side by side (e.g. bookworm's 150 unpacked from its .deb with `dpkg -x`: bench/README.md).
 */
export const BENCH_CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export interface NetworkProfile {
	name: string;
	/** Added round-trip latency in ms. */
	latency: number;
	/** Bytes per second, or -1 for no limit. */
	download: number;
	upload: number;
	cpu: number;
}

export const NETWORKS = {
	none: { name: 'no added latency', latency: 0, download: -1, upload: -1, cpu: 1 },
	'4g': { name: '4G (100 ms, 10 Mbit/s)', latency: 100, download: 10e6 / 8, upload: 5e6 / 8, cpu: 1 },
	slow3g: {
		name: 'slow 3G (400 ms, 400 kbit/s) + CPU 4×',
		latency: 400,
		download: 400e3 / 8,
		upload: 400e3 / 8,
		cpu: 4
	}
} satisfies Record<string, NetworkProfile>;

export interface Traffic {
	requests: number;
	bytes: number;
}

export interface BenchBrowser {
	context: BrowserContext;
	page: Page;
	cdp: CDPSession;
	profileDir: string;
	/** Requests and bytes so far whose URL matches `filter` (all when omitted). */
	traffic(filter?: (url: string) => boolean): Traffic;
	resetTraffic(): void;
	emulate(profile: NetworkProfile): Promise<void>;
	setOffline(offline: boolean): Promise<void>;
	close(): Promise<void>;
	dispose(): Promise<void>;
}

/**
 * Lets the machine settle before a timed browser run: the previous run's profile (tens of MB of
 * IndexedDB, deleted on dispose) is flushed to disk first (`sync`), then a short pause, so its
 * write-back does not land in the next run, whichever client that is.
 */
export async function settle(ms = 2000): Promise<void> {
	spawnSync('sync');
	await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function openBrowser(
	options: { profileDir?: string; testHook?: boolean; offline?: boolean } = {}
): Promise<BenchBrowser> {
	const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'praxis-bench-chromium-'));
	const context = await chromium.launchPersistentContext(profileDir, {
		executablePath: BENCH_CHROMIUM,
		args: ARGS,
		headless: true,
		offline: options.offline ?? false
	});
	// tsx (esbuild keepNames) wraps named functions in __name(); functions passed to page.evaluate need it too
	await context.addInitScript('globalThis.__name = (f) => f;');
	if (options.testHook) await context.addInitScript(() => localStorage.setItem('praxisTest', '1'));
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (err) => console.error('[page error]', err.message));
	if (process.env.BENCH_CONSOLE) page.on('console', (m) => console.log('[console]', Date.now(), m.text()));
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	const urls = new Map<string, string>();
	let done: Array<{ url: string; bytes: number }> = [];
	// Bytes of requests still streaming, or cut off (failed), count as far as they got: a long
	// download (the bootstrap snapshot) must not vanish from the figures because it did not finish.
	let partial = new Map<string, number>();
	cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) =>
		urls.set(e.requestId, e.request.url)
	);
	cdp.on('Network.dataReceived', (e: { requestId: string; encodedDataLength: number }) =>
		partial.set(e.requestId, (partial.get(e.requestId) ?? 0) + e.encodedDataLength)
	);
	cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
		// the larger of the two: with no added latency, Chromium's final figure for a streamed
		// response read by fetch() was seen far below the bytes its dataReceived events reported
		const streamed = partial.get(e.requestId) ?? 0;
		partial.delete(e.requestId);
		done.push({ url: urls.get(e.requestId) ?? '', bytes: Math.max(e.encodedDataLength, streamed) });
	});
	let current: NetworkProfile = NETWORKS.none;
	const apply = async (offline: boolean) => {
		await cdp.send('Network.emulateNetworkConditions', {
			offline,
			latency: current.latency,
			downloadThroughput: current.download,
			uploadThroughput: current.upload
		});
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: current.cpu });
	};
	return {
		context,
		page,
		cdp,
		profileDir,
		traffic(filter) {
			const all = [...done, ...[...partial].map(([id, bytes]) => ({ url: urls.get(id) ?? '', bytes }))];
			const rows = filter ? all.filter((r) => filter(r.url)) : all;
			return { requests: rows.length, bytes: rows.reduce((s, r) => s + r.bytes, 0) };
		},
		resetTraffic() {
			done = [];
			partial = new Map();
		},
		async emulate(profile) {
			current = profile;
			await apply(false);
		},
		setOffline: (offline) => apply(offline),
		close: () => context.close(),
		async dispose() {
			await context.close().catch(() => undefined);
			rmSync(profileDir, { recursive: true, force: true });
		}
	};
}

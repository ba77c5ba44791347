// Benchmark: the impact dashboard's figures over the recognition bench's community (profiles,
// threads, replies, votes, resources, stories, reviews, adoptions, events, attendance…):
//   - the shared rules alone (domain/impact.ts), first computation, over 10,000 documents from
//     1,000 members and 100,000 from 10,000, all time and the last 12 months in one region;
//   - the device's store.impact.dashboard over the 10,000 on PouchDB's memory adapter: the first
//     call (allDocs), a second one after one new document (changes since the last read, figures
//     computed again) and a third with nothing new (the last answer reused);
//   - the incremental case: the store's document cache (store/impact/queries.ts, over the server's
//     memory PouchDB) + computeImpact at 10,000 and 100,000 documents, first call and a second one
//     after 100 documents changed;
//   - the server publisher (server/impact/publish.ts) at 100,000: first run (three periods written)
//     and a second with nothing changed.
// Run alone: node --import tsx bench/impact.ts
import { computeImpact } from '../src/lib/domain/impact';
import { COMMUNITY_DB } from '../src/lib/domain/ids';
import type { StoreContext } from '../src/lib/store/context';
import { createDocumentCache } from '../src/lib/store/impact/queries';
import { createStorage, type Storage } from '../server/storage/index';
import { publishImpact } from '../server/impact/publish';
import type { ServerSigner } from '../server/devices/server-key';
import { openTestStore } from '../tests/unit/store/support';
import { recognitionCommunity } from './recognition';
import { runAlone, type Figures } from './lib/report';

const BULK_DOCS_BATCH = 2_000;
const CHANGED = 100;

const NOW = '2026-12-15T12:00:00.000Z';
const YEAR_AGO = '2026-01-01T00:00:00.000Z';

function time(fn: () => unknown): number {
	const t = performance.now();
	fn();
	return performance.now() - t;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await fn();
	return performance.now() - t;
}

async function memoryStorage(docs: readonly object[]): Promise<Storage> {
	const storage = createStorage({ kind: 'memory', memoryPrefix: `bench-impact-${process.pid}-${Date.now()}` });
	const db = storage.db(COMMUNITY_DB);
	for (let i = 0; i < docs.length; i += BULK_DOCS_BATCH) await db.bulkDocs(docs.slice(i, i + BULK_DOCS_BATCH));
	return storage;
}

/** The cache and the figures, first call, then again after CHANGED documents changed. */
async function incremental(docs: ReturnType<typeof recognitionCommunity>, label: string, figures: Figures) {
	const storage = await memoryStorage(docs);
	try {
		const db = storage.db(COMMUNITY_DB);
		// the cache reads only `community` (allDocs, then changes since)
		const cache = createDocumentCache({ community: db } as unknown as StoreContext);
		const dashboard = async () => computeImpact(await cache.documents(), { now: NOW });
		figures[`${label}_cache_first_ms`] = Math.round(await timeAsync(dashboard));
		const changed = await db.allDocs({ include_docs: true, limit: CHANGED, startkey: 'post:' });
		await db.bulkDocs(changed.rows.map((row) => ({ ...row.doc!, updatedAt: NOW })));
		figures[`${label}_cache_after_${CHANGED}_changed_ms`] = Math.round(await timeAsync(dashboard));
	} finally {
		await storage.close();
	}
}

async function publisher(docs: readonly object[], figures: Figures) {
	const storage = await memoryStorage(docs);
	const keys = (await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify'])) as CryptoKeyPair;
	const signer: ServerSigner = { kid: 'bench', privateKey: keys.privateKey, publicKey: keys.publicKey };
	try {
		const at = new Date(NOW);
		figures.publisher_documents = docs.length;
		figures.publisher_first_ms = Math.round(await timeAsync(() => publishImpact(storage, signer, at)));
		figures.publisher_unchanged_ms = Math.round(await timeAsync(() => publishImpact(storage, signer, at)));
	} finally {
		await storage.close();
	}
}

export async function impactBench(): Promise<Figures> {
	const small = recognitionCommunity(1_000);
	const large = recognitionCommunity(10_000);
	const figures: Figures = {
		documents: small.length,
		pure_all_time_ms: Math.round(time(() => computeImpact(small, { now: NOW }))),
		pure_year_north_ms: Math.round(time(() => computeImpact(small, { now: NOW, from: YEAR_AGO, region: 'North' }))),
		large_documents: large.length,
		large_pure_all_time_ms: Math.round(time(() => computeImpact(large, { now: NOW }))),
		large_pure_year_north_ms: Math.round(
			time(() => computeImpact(large, { now: NOW, from: YEAR_AGO, region: 'North' }))
		)
	};
	const store = await openTestStore({ name: 'bench-impact' }, { now: () => NOW });
	try {
		for (let i = 0; i < small.length; i += 2_000) await store.replica.community.bulkDocs(small.slice(i, i + 2_000));
		await store.projected();
		figures.device_first_dashboard_ms = Math.round(await timeAsync(() => store.impact.dashboard({ period: 'all' })));
		const target = small.find((d) => d.type === 'post')!._id;
		await store.replica.community.put({
			_id: `vote:${target}:newvoter`,
			type: 'vote',
			author: 'newvoter',
			createdAt: NOW,
			target,
			value: 1
		});
		figures.device_second_dashboard_ms = Math.round(await timeAsync(() => store.impact.dashboard({ period: 'all' })));
		figures.device_unchanged_dashboard_ms = +(await timeAsync(() => store.impact.dashboard({ period: 'all' }))).toFixed(
			1
		);
	} finally {
		await store.close();
	}
	await incremental(small, 'small', figures);
	await incremental(large, 'large', figures);
	await publisher(large, figures);
	console.log(figures);
	return figures;
}

await runAlone(import.meta.url, 'impact', impactBench);

// Benchmark: the impact dashboard's figures over the recognition bench's community (profiles,
// threads, replies, votes, resources, stories, reviews, adoptions, events, attendance…):
//   - the shared rules alone (domain/impact.ts), first computation, over 10,000 documents from
//     1,000 members and 100,000 from 10,000, all time and the last 12 months in one region;
//   - the device's store.impact.dashboard over the 10,000 on PouchDB's memory adapter: the first
//     call (allDocs), a second one after one new document (changes since the last read, figures
//     computed again) and a third with nothing new (the last answer reused).
// Run alone: node --import tsx bench/impact.ts
import { computeImpact } from '../src/lib/domain/impact';
import { openTestStore } from '../tests/unit/store/support';
import { recognitionCommunity } from './recognition';
import { runAlone, type Figures } from './lib/report';

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
	console.log(figures);
	return figures;
}

await runAlone(import.meta.url, 'impact', impactBench);

// A device's first sync of the community at scale: the generated community BENCH_SCALE times
// over (10 by default: about 100,000 documents) served by Praxis, one member signing in on a fresh
// Chromium profile with no added latency, timed from the sign-in click until the forums are usable
// and until every document is stored, projected and indexed (bench/initial-sync.ts does the same
// at 10,000, side by side with stock PouchDB). Figures for docs/scaling.md.
// Run alone: node --import tsx bench/scale-device.ts
import { generateCommunity, scaledShape } from './lib/generate';
import { NETWORKS } from './lib/browser';
import { startPraxis } from './lib/servers';
import { praxisFirstSync } from './initial-sync';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const docs = generateCommunity(20260101, scaledShape(SCALE)).docs;
const started = performance.now();
const praxis = await startPraxis(docs);
console.log(`server ready with ${docs.length} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
try {
	const run = await praxisFirstSync(praxis, docs.length, NETWORKS.none);
	console.log(
		`first sync of ${docs.length} documents, ${run.network}: forums usable ${(run.usableMs / 1000).toFixed(1)} s, ` +
			`complete ${((run.completeMs ?? 0) / 1000).toFixed(1)} s, ${run.sync.requests} requests, ` +
			`${(run.sync.bytes / 1e6).toFixed(1)} MB on the wire`
	);
} finally {
	await praxis.dispose();
}
process.exit(0);

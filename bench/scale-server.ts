// The server at scale: a generated community of about 100,000 documents (ten times the usual
// bench; BENCH_SCALE=1 for 10,000) loaded into the embedded LevelDB store, then the first-sync
// snapshot built from it, a burst of 3,000 new documents and the tail that brings them, with the
// time, the process's memory and the compressed size of each. Figures for docs/scaling.md.
// Run alone: node --import tsx bench/scale-server.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCommunity, scaledShape } from './lib/generate';
import { createStorage } from '../server/storage/index';
import { buildSnapshot, buildTail } from '../server/bootstrap/snapshot';
import { collectGarbage } from '../server/memory';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const BATCH = 1_000;
const BURST = 3_000;

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
function memory(): string {
	collectGarbage();
	const m = process.memoryUsage();
	return `RSS ${mib(m.rss)} MiB, heap ${mib(m.heapUsed)} MiB`;
}
async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
	const start = performance.now();
	const result = await run();
	console.log(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s; ${memory()}`);
	return result;
}

const shape = scaledShape(SCALE);
const dir = mkdtempSync(join(tmpdir(), 'praxis-scale-'));
try {
	console.log(`start: ${memory()}`);
	const community = generateCommunity(20260101, shape);
	const all = community.docs;
	const burst = all.splice(all.length - BURST, BURST);
	const bytes = all.reduce((n, d) => n + JSON.stringify(d).length, 0);
	console.log(`generated ${all.length + burst.length} documents (${mib(bytes)} MiB of JSON before the burst)`);
	const storage = createStorage({ kind: 'leveldb', dataDir: dir });
	const db = storage.db('community');
	await timed(`stored ${all.length} documents in batches of ${BATCH}`, async () => {
		for (let i = 0; i < all.length; i += BATCH)
			await db.bulkDocs(all.slice(i, i + BATCH) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
	});
	const snapshot = await timed('snapshot built', () => buildSnapshot(db));
	const stored = snapshot.parts.reduce((n, p) => n + p.byteLength, 0);
	console.log(`snapshot: ${snapshot.docs} documents in ${snapshot.parts.length} parts, ${mib(stored)} MiB brotli`);
	await timed(`burst of ${burst.length} documents stored`, async () => {
		for (let i = 0; i < burst.length; i += BATCH)
			await db.bulkDocs(burst.slice(i, i + BATCH) as PouchDB.Core.PutDocument<object>[], { new_edits: false });
	});
	const seq = (await db.info()).update_seq;
	const tail = await timed('tail built', () => buildTail(db, snapshot, seq, new Set(burst.map((d) => d._id))));
	const tailBytes = tail.parts.reduce((n, p) => n + p.byteLength, 0);
	console.log(
		`tail: ${tail.docs} documents in ${tail.parts.length} parts, ${(tailBytes / 1024).toFixed(0)} KiB brotli`
	);
	await timed('a second snapshot (the rebuild by lag)', () => buildSnapshot(db));
	await storage.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}

// Benchmark: building the open data (server/open-data) over the recognition benchmark's community
// of about 10,000 documents from 1,000 members (bench/recognition.ts), stored with bulkDocs in the
// server's in-memory storage. Measures the first build (reading every document, the CSV files,
// datapackage.json and the ZIP) and two more, and the sizes served: what one request an hour
// costs the server, and what a visitor downloads.
// Run alone: node --import tsx bench/open-data.ts
import { COMMUNITY_DB } from '../src/lib/domain/ids';
import { createStorage } from '../server/storage/index';
import { buildOpenData } from '../server/open-data/build';
import { OPEN_DATA_LICENSES } from '../server/open-data/licenses';
import { recognitionCommunity } from './recognition';
import { runAlone, type Figures } from './lib/report';

const NOW = new Date('2026-12-15T12:00:00.000Z');
const BULK_DOCS_BATCH = 2_000;
const BUILDS = 3;

export async function openDataBench(): Promise<Figures> {
	const docs = recognitionCommunity();
	const storage = createStorage({ kind: 'memory', memoryPrefix: `bench-open-data-${process.pid}-${Date.now()}` });
	try {
		const db = storage.db(COMMUNITY_DB);
		for (let i = 0; i < docs.length; i += BULK_DOCS_BATCH) await db.bulkDocs(docs.slice(i, i + BULK_DOCS_BATCH));
		const times: number[] = [];
		let build: Awaited<ReturnType<typeof buildOpenData>> | null = null;
		for (let round = 0; round < BUILDS; round++) {
			const t = performance.now();
			build = await buildOpenData(storage, OPEN_DATA_LICENSES['CC-BY-4.0'], NOW);
			times.push(performance.now() - t);
		}
		const last = build!;
		const csvBytes = last.files.reduce((n, f) => n + Buffer.byteLength(f.csv), 0);
		const figures: Figures = {
			documents: docs.length,
			first_build_ms: Math.round(times[0]),
			build_median_ms: Math.round([...times].sort((a, b) => a - b)[Math.floor(BUILDS / 2)]),
			csv_kb: Math.round(csvBytes / 1024),
			zip_kb: Math.round(last.zip.byteLength / 1024),
			...Object.fromEntries(last.files.map((f) => [`rows_${f.table.replaceAll('-', '_')}`, f.rows]))
		};
		console.log(figures);
		return figures;
	} finally {
		await storage.close();
	}
}

await runAlone(import.meta.url, 'open-data', openDataBench);

// The hub's replication with the upstream: resumes from its checkpoint after a restart (only
// new documents move), and retries with growing delays while the upstream cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { docId } from '../../../src/lib/domain/ids';
import { seedCategories } from '../../../server/seed';
import { serverSigner, signAsServer } from '../../../server/devices/server-key';
import { startHubReplication } from '../../../server/hub/replicator';
import { localDb, startUpstream, waitFor, type Node } from './support';

let upstream: Node;
let credential: string;
beforeAll(async () => {
	upstream = await startUpstream();
	await seedCategories(upstream.storage, new Date(), await serverSigner(upstream.praxis.auth.signingKey()));
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	credential = enrolled.credential;
});
afterAll(async () => upstream?.close());

async function freePortWithNobody(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

describe('hub replication', () => {
	it('resumes from its checkpoint after a restart', async () => {
		const local = localDb();
		const first = startHubReplication({ local, upstream: upstream.base, credential });
		await waitFor('the first pull', async () => first.status().pull.state === 'idle');
		expect(first.status().pull.docsWritten).toBe(7);
		await first.stop();

		const signer = await serverSigner(upstream.praxis.auth.signingKey());
		const docs = await Promise.all(
			[1, 2, 3].map((i) =>
				signAsServer(
					{
						_id: docId('thread'),
						type: 'thread',
						author: 'praxis',
						createdAt: new Date().toISOString(),
						category: 'general',
						title: `T${i}`,
						body: '',
						tags: []
					},
					signer
				)
			)
		);
		await upstream.storage.db('community').bulkDocs(docs);

		const second = startHubReplication({ local, upstream: upstream.base, credential });
		await waitFor(
			'the second pull',
			async () => second.status().pull.state === 'idle' && second.status().pull.docsWritten === 3
		);
		await new Promise((r) => setTimeout(r, 300));
		expect(second.status().pull.docsWritten).toBe(3); // not 10: the checkpoint held
		expect((await local.allDocs()).rows).toHaveLength(10);
		await second.stop();
		await local.destroy();
	});

	it('retries an unreachable upstream with growing delays', async () => {
		const port = await freePortWithNobody();
		const lines: string[] = [];
		const local = localDb();
		const rep = startHubReplication({
			local,
			upstream: `http://127.0.0.1:${port}`,
			credential,
			random: () => 0,
			log: (l) => lines.push(l)
		});
		await waitFor('three failed attempts', async () => rep.status().pull.attempt >= 3, 10_000);
		const delays = lines
			.filter((l) => l.startsWith('hub: pull'))
			.map((l) => Number(/retrying in (\d+) s/.exec(l)?.[1]));
		expect(delays.slice(0, 3)).toEqual([1, 1, 2]); // 0.5 s, 1 s, 2 s (random 0: half of each step), rounded
		expect(rep.status().pull.state).toBe('retrying');
		expect(rep.status().pull.lastError).toBeTruthy();

		// "Sync now": the waiting directions start at once instead of at their retry time
		await waitFor('a retry waiting', async () => rep.status().pull.nextRetryAt !== null, 10_000);
		expect(Date.parse(rep.status().pull.nextRetryAt!)).toBeGreaterThan(Date.now() - 1_000);
		const before = rep.status().pull.attempt;
		expect(rep.retryNow()).toBe(true);
		expect(rep.status().pull.nextRetryAt).toBeNull();
		await waitFor('the early attempt to fail', async () => rep.status().pull.attempt > before, 10_000);

		await rep.stop();
		expect(rep.status().pull.state).toBe('stopped');
		expect(rep.retryNow()).toBe(false);
		await local.destroy();
	});
});

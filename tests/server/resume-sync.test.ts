// A first sync cut off half way resumes where it stopped: a stock Node PouchDB pulls 2,000
// documents from the whole app (real gateway, session cookie) through a fetch that starts failing
// once about half the documents have arrived, as a dropped link would; the next replication reads
// only what is left (the checkpoints the gateway keeps for that member), not everything again.
// bench/initial-sync.ts shows the same in Chromium with the app's own sync and CDP offline.
import { afterAll, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { createHarness, PASSWORD, sessionCookie } from './support/harness';
import { docId } from '../../src/lib/domain/ids';
import { seedCategories } from '../../server/seed';
import { certifyTestDevice } from './helpers/signing';

const DOCS = 2000;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a first sync cut off half way', () => {
	it('resumes from its checkpoint instead of starting again', async () => {
		const h = createHarness({ kind: 'memory' });
		cleanups.push(() => h.close());
		await seedCategories(h.storage, new Date());
		const base = await h.listen();
		const register = async (username: string) => {
			const res = await fetch(`${base}/api/auth/register`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username, password: PASSWORD, displayName: username, privacyConsent: true })
			});
			expect(res.status).toBe(201);
			return sessionCookie(res);
		};
		const writerDevice = await certifyTestDevice(h, await register('writer'));
		const cookie = await register('reader');
		const now = new Date().toISOString();
		const docs = await writerDevice.signAll(
			Array.from({ length: DOCS }, (_, i) => ({
				_id: docId('thread'),
				type: 'thread',
				author: 'writer',
				createdAt: now,
				category: 'general',
				title: `Thread ${i}`,
				body: `Body ${i}`,
				tags: []
			}))
		);
		const writer = new PouchDB(`${base}/couch/community`, { auth: { username: 'writer', password: PASSWORD } });
		const written = await writer.bulkDocs(docs);
		expect(written.filter((r) => !('ok' in r && r.ok))).toEqual([]);
		const total = (await writer.info()).doc_count; // the threads, the categories, the two profiles and the certificate

		let cut = false;
		const link: typeof fetch = (url, init) => {
			// Link down: every request fails (a 502 from the last proxy still reachable, as on a phone
			// that lost its uplink; a rejected fetch would do the same but PouchDB leaves one unhandled).
			if (cut)
				return Promise.resolve(
					new Response('{"error":"bad_gateway","reason":"link down"}', {
						status: 502,
						headers: { 'content-type': 'application/json' }
					})
				);
			const headers = new Headers(init?.headers);
			headers.set('cookie', cookie);
			return fetch(url, { ...init, headers });
		};
		const remote = new PouchDB(`${base}/couch/community`, {
			fetch: link
		} as PouchDB.Configuration.RemoteDatabaseConfiguration);
		const local = new PouchDB(`resume-local-${process.pid}`, { adapter: 'memory' });
		cleanups.push(() => local.destroy());

		const first = local.replicate.from(remote, { batch_size: 100 });
		first.on('change', (info) => {
			if (info.docs_written >= total / 2) cut = true;
		});
		await expect(first).rejects.toThrow();
		const before = (await local.info()).doc_count;
		expect(before).toBeGreaterThanOrEqual(total / 2);
		expect(before).toBeLessThan(total);

		cut = false;
		const second = await local.replicate.from(remote, { batch_size: 100 });
		expect((await local.info()).doc_count).toBe(total);
		// Only what was left (give or take the batch in flight when the link dropped) is read again.
		expect(second.docs_read).toBeLessThanOrEqual(total - before + 100);
		expect(second.docs_read).toBeLessThan(total * 0.6);
	});
});

// The browser build of PouchDB 9 (the same replicator as pouchdb-browser) in Chromium, syncing
// with the gateway from the same origin: push, pull and a live pull, over IndexedDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createCouchHarness, PASSWORD, type CouchHarness } from '../helpers/couch-harness';
import { category, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';

const CHROMIUM = '/usr/bin/chromium';
const pouchBundle = join(dirname(createRequire(import.meta.url).resolve('pouchdb/package.json')), 'dist', 'pouchdb.js');

let h: CouchHarness;
let browser: Browser | undefined;
let origin: string;

beforeAll(async () => {
	h = createCouchHarness();
	const script = readFileSync(pouchBundle, 'utf8');
	h.app.get('/pouchdb.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript' }));
	h.app.get('/', (c) => c.html('<!doctype html><title>sync</title><script src="/pouchdb.js"></script>'));
	origin = (await h.listen()).replace(/\/couch$/, '');
	await writeDocs(h.storage, 'community', { name: 'mod', roles: ['moderator'] }, [category('mod')]);
	if (!existsSync(CHROMIUM)) return;
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}, 60_000);
afterAll(async () => {
	await browser?.close();
	await h.close();
});

describe.skipIf(!existsSync(CHROMIUM))('browser replication', () => {
	it('pushes, pulls and live-pulls through the gateway from Chromium', async () => {
		const page = await browser!.newPage();
		await page.goto(origin + '/');
		const docs = Array.from({ length: 50 }, (_, i) => thread('alice', { title: `Browser ${i}` }));
		const late = thread('bob', { title: 'Arrives live' });
		const running = page.evaluate(
			async ({ docs, password, lateId }) => {
				type Live = { on(e: string, f: (i: { docs: { _id: string }[] }) => void): void; cancel(): void };
				type Db = {
					bulkDocs(d: object[]): Promise<unknown>;
					info(): Promise<{ doc_count: number }>;
					replicate: {
						to(r: unknown): Promise<{ docs_written: number }>;
						from(r: unknown, o?: object): Promise<{ docs_written: number }> & Live;
					};
				};
				const P = (window as unknown as { PouchDB: new (name: string, o?: object) => Db }).PouchDB;
				const remote = (user: string) =>
					new P(location.origin + '/couch/community', { auth: { username: user, password } });
				const mine = new P('alice-' + Date.now());
				await mine.bulkDocs(docs);
				const pushed = await mine.replicate.to(remote('alice'));
				const theirs = new P('bob-' + Date.now());
				const pulled = await theirs.replicate.from(remote('bob'));
				const live = theirs.replicate.from(remote('bob'), { live: true });
				const seen = new Promise<boolean>((resolve) => {
					live.on('change', (info) => info.docs.some((d) => d._id === lateId) && resolve(true));
					setTimeout(() => resolve(false), 5000);
				});
				(window as unknown as { ready: boolean }).ready = true;
				const gotLate = await seen;
				live.cancel();
				return {
					pushed: pushed.docs_written,
					pulled: pulled.docs_written,
					count: (await theirs.info()).doc_count,
					gotLate
				};
			},
			{ docs, password: PASSWORD, lateId: late._id }
		);
		await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, {
			timeout: 30_000
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		await writeDocs(h.storage, 'community', { name: 'bob', roles: ['member'] }, [late]);
		expect(await running).toEqual({ pushed: 50, pulled: 51, count: 52, gotLate: true });
		await page.close();
	}, 60_000);
});

// The published impact figures: computed from every community document (read in pages), equal to
// what a device computes from the same documents read back through /couch, rewritten only when
// they change, on a timer that closes; and no member can write one.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { certifyTestDevice } from '../helpers/signing';
import { publishImpact, readCommunityDocs } from '../../../server/impact/publish';
import { createImpactPublisher } from '../../../server/impact/scheduler';
import { serverSigner } from '../../../server/devices/server-key';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import { computeImpact, IMPACT_PERIODS, periodStart } from '../../../src/lib/domain/impact';
import type { ImpactDoc } from '../../../src/lib/domain/schemas';

const NOW = Date.parse('2026-12-03T14:00:00.000Z');
const day = (n: number) => new Date(NOW - n * 86_400_000).toISOString();
const ulid = (prefix: string, n: number) => `01J${prefix}${String(n).padStart(23 - prefix.length, '0')}`;

let harness: Harness | null = null;
afterEach(async () => {
	await harness?.close();
	harness = null;
});

/** A community of resources, ratings, stories with results, a hidden resource and its ratings. */
function community(): Record<string, unknown>[] {
	const docs: Record<string, unknown>[] = [];
	for (let i = 1; i <= 30; i++) {
		const id = `resource:${ulid('RES', i)}`;
		docs.push({
			_id: id,
			type: 'resource',
			author: `m${i % 7}`,
			createdAt: day(400 - i * 10),
			title: `Guide ${i}`,
			status: 'published',
			reviewedAt: day(390 - i * 10),
			sector: i % 2 ? 'Health' : 'Digital'
		});
		for (let r = 0; r < i % 4; r++)
			docs.push({
				_id: `rating:${ulid('RES', i)}:r${r}`,
				type: 'rating',
				author: `r${r}`,
				createdAt: day(300 - i * 8),
				resource: id,
				value: 1 + ((i + r) % 5)
			});
	}
	docs.push({
		_id: `story:${ulid('STO', 1)}`,
		type: 'story',
		author: 'm1',
		createdAt: day(50),
		title: 'Plain letters',
		status: 'published',
		reviewedAt: day(40),
		outcomes: [
			{ metric: 'staff-hours-saved', label: 'Letters', value: 300, unit: 'hours' },
			{ metric: 'complaints', label: 'Complaints', before: 40, after: 10, unit: 'a month', sampleSize: 80 }
		]
	});
	docs.push({
		_id: `moderation:resource:${ulid('RES', 3)}`,
		type: 'moderation',
		author: 'praxis',
		createdAt: day(5),
		target: `resource:${ulid('RES', 3)}`,
		hidden: { reason: 'Out of date', at: day(5) }
	});
	return docs;
}

async function setup() {
	const now = { ms: NOW };
	const h = createHarness({ now });
	harness = h;
	await h.storage.db(COMMUNITY_DB).bulkDocs(community());
	const signer = await serverSigner(h.auth.signingKey());
	return { h, now, signer };
}

async function readBack(h: Harness, cookie: string): Promise<Array<Record<string, unknown>>> {
	const res = await h.request(`/couch/${COMMUNITY_DB}/_all_docs?include_docs=true`, { headers: { cookie } });
	expect(res.status).toBe(200);
	const body = (await res.json()) as { rows: Array<{ id: string; doc: Record<string, unknown> }> };
	return body.rows.map((r) => r.doc);
}

describe('the published impact figures', () => {
	it('equal what a device computes from the same documents read through /couch', async () => {
		const { h, signer } = await setup();
		const cookie = await h.register('impactreader');
		expect(await publishImpact(h.storage, signer, new Date(NOW))).toEqual(['3m', '12m', 'all']);
		const docs = await readBack(h, cookie);
		const held = docs.filter((d) => d.type !== 'impact');
		for (const period of IMPACT_PERIODS) {
			const published = docs.find((d) => d._id === `impact:${period}`) as unknown as ImpactDoc;
			expect(published).toMatchObject({ type: 'impact', author: 'praxis', period, asOf: new Date(NOW).toISOString() });
			expect(published.signature).toMatchObject({ device: expect.stringMatching(/^server:/) });
			expect(published.documents).toBe(held.length);
			const asOf = published.asOf;
			expect(published.figures).toEqual(computeImpact(held, { now: asOf, from: periodStart(period, asOf) }));
		}
		const all = docs.find((d) => d._id === 'impact:all') as unknown as ImpactDoc;
		const figures = all.figures as unknown as ReturnType<typeof computeImpact>;
		// the hidden resource's ratings are left out; citizen results kept apart
		expect(figures.highImpact.some((i) => i.title === 'Guide 3')).toBe(false);
		expect(figures.improvements.citizen.respondents).toBe(80);
		expect(figures.improvements.all.map((s) => s.metric)).toEqual(['staff-hours-saved']);
	});

	it('reads the community in pages', async () => {
		const { h } = await setup();
		const paged = await readCommunityDocs(h.storage, 7);
		const whole = await readCommunityDocs(h.storage, 10_000);
		expect(paged.length).toBe(community().length);
		expect(paged).toEqual(whole);
	});

	it('is written again only when the figures changed', async () => {
		const { h, now, signer } = await setup();
		await publishImpact(h.storage, signer, new Date(NOW));
		const rev = (await h.storage.db(COMMUNITY_DB).get('impact:all'))._rev;
		now.ms += 60_000;
		expect(await publishImpact(h.storage, signer, new Date(now.ms))).toEqual([]);
		expect((await h.storage.db(COMMUNITY_DB).get('impact:all'))._rev).toBe(rev);
		await h.storage.db(COMMUNITY_DB).put({
			_id: `rating:${ulid('RES', 4)}:late`,
			type: 'rating',
			author: 'late',
			createdAt: new Date(now.ms - 1_000).toISOString(),
			resource: `resource:${ulid('RES', 4)}`,
			value: 5
		});
		expect(await publishImpact(h.storage, signer, new Date(now.ms))).toEqual(['3m', '12m', 'all']);
		const after = (await h.storage.db(COMMUNITY_DB).get('impact:all')) as unknown as ImpactDoc;
		expect(after.documents).toBe(community().length + 1);
		expect(after.updatedAt).toBe(new Date(now.ms).toISOString());
	});

	it('publishes on its timer until closed', async () => {
		const { h, signer } = await setup();
		const publisher = createImpactPublisher({
			storage: h.storage,
			signer: async () => signer,
			clock: () => new Date(NOW),
			firstDelayMs: 5,
			intervalMs: 20
		});
		publisher.start();
		await expect.poll(() => publisher.runs, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
		await publisher.close();
		const runs = publisher.runs;
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(publisher.runs).toBe(runs);
		expect(await h.storage.db(COMMUNITY_DB).get('impact:3m')).toMatchObject({ type: 'impact', period: '3m' });
	});

	it('is refused when a member writes one', async () => {
		const { h } = await setup();
		const cookie = await h.register('impactforger');
		const device = await certifyTestDevice(h, cookie);
		const forged = {
			_id: 'impact:all',
			type: 'impact',
			author: 'impactforger',
			createdAt: new Date(NOW).toISOString(),
			period: 'all',
			asOf: new Date(NOW).toISOString(),
			documents: 1_000_000,
			figures: {}
		};
		const res = await h.request(`/couch/${COMMUNITY_DB}/impact:all`, {
			method: 'PUT',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify(await device.sign(forged))
		});
		expect(res.status).toBe(403);
		await expect(h.storage.db(COMMUNITY_DB).get('impact:all')).rejects.toMatchObject({ status: 404 });
	});
});

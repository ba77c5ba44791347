// /api/recognition computes over the server's community database with the devices' function:
// the fixtures of the domain test, stored on the server, give the same leaderboards.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { communityFixture, NOW } from '../unit/domain/recognition-fixtures';
import { computeRecognition, leaderboards, standingOnly, type Boards } from '../../src/lib/domain/recognition';
import { communityStandings } from '../../server/recognition/index';

let harness: Harness | null = null;
afterEach(async () => {
	await harness?.close();
	harness = null;
});

const get = (h: Harness, query: string, cookie?: string) =>
	h.request(`/api/recognition${query}`, { headers: cookie ? { cookie } : {} });

describe('/api/recognition', () => {
	it('answers the same leaderboards as the device computation, leaving out hidden members', async () => {
		harness = createHarness({ now: { ms: Date.parse(NOW) } });
		const cookie = await harness.register('viewer');
		// the tombstone in the fixture is stored as a deletion
		const docs = communityFixture().filter((d) => !d._deleted);
		await harness.storage.db('community').bulkDocs(docs);

		const device = computeRecognition(communityFixture(), { now: NOW }).map(standingOnly);
		const stored = (await communityStandings(harness.storage, NOW)).filter((s) => s.username !== 'viewer');
		expect(stored).toEqual(device);

		for (const period of ['all', 'year', 'month'] as const) {
			const res = await get(harness, `?period=${period}`, cookie);
			expect(res.status).toBe(200);
			const boards = (await res.json()) as Boards;
			expect(boards).toEqual(leaderboards(device, { period, now: NOW }));
		}
		const all = (await (await get(harness, '?period=all', cookie)).json()) as Boards;
		// dee asked to be left out: 25 points, not listed
		expect(all.leaderboard.map((e) => [e.username, e.points])).toEqual([
			['eve', 100],
			['ben', 43],
			['ana', 34],
			['cai', 9]
		]);
		const north = (await (await get(harness, '?period=all&region=North', cookie)).json()) as Boards;
		expect(north.leaderboard.map((e) => e.username)).toEqual(['ana']);
	});

	it('refuses without a session and on a bad period', async () => {
		harness = createHarness();
		const cookie = await harness.register('someone');
		expect((await get(harness, '?period=all')).status).toBe(401);
		const bad = await get(harness, '?period=week', cookie);
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ error: 'bad_request', reason: 'period must be all, year or month' });
	});
});

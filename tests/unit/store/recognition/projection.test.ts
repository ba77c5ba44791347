// Recognition on one device: the community's documents arriving in the replica give the same
// standings as the shared rules over the same documents; a new vote, a deletion and a moderator's
// decision change them after the next batch; the member's new badge levels and levels become
// notifications with stable ids; a rebuild gives the same rows.
import { afterEach, describe, expect, it } from 'vitest';
import { computeRecognition, leaderboards, standingOnly } from '../../../../src/lib/domain/recognition';
import { communityFixture, NOW, ulid } from '../../domain/recognition-fixtures';
import { closeTestStores, openTestStore, testOptions, uniqueName, type TestStore } from '../support';
import { PraxisDb } from '../../../../src/lib/store/db';
import { recognitionProjection } from '../../../../src/lib/store/recognition/projection';
import { RECOGNITION_TABLES } from '../../../../src/lib/store/recognition/tables';

afterEach(closeTestStores);

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) {
		const prev = await store.replica.community.get(String(doc._id)).catch(() => null);
		await store.replica.community.put(prev ? { ...doc, _rev: prev._rev } : doc);
	}
	await store.replica.projected();
}

async function withCommunity() {
	const ana = uniqueName('ana');
	const rename = (short: string) => (short === 'ana' ? ana : short);
	const docs = communityFixture(rename).filter((d) => !d._deleted);
	const store = await openTestStore({ name: ana }, { now: () => NOW });
	await receive(store, docs);
	return { store, ana, docs };
}

describe('recognition on the device', () => {
	it('stores the same standings and leaderboards as the shared rules give', async () => {
		const { store, ana, docs } = await withCommunity();
		const expected = computeRecognition(docs, { now: NOW });
		for (const period of ['all', 'year', 'month'] as const)
			expect(await store.recognition.boards({ period })).toEqual(
				leaderboards(expected.map(standingOnly), { period, now: NOW })
			);
		expect((await store.recognition.standing(ana))?.points).toBe(34);
		expect((await store.recognition.ledger(ana)).map((l) => l.points)).toEqual([20, 2, 10, 2]);
	});

	it('follows a new vote, a deletion and a hidden item', async () => {
		const { store } = await withCommunity();
		const post = `post:${ulid(11)}`;
		const vote = {
			_id: `vote:${post}:eve`,
			type: 'vote',
			author: 'eve',
			createdAt: '2026-12-14T09:00:00.000Z',
			target: post,
			value: 1
		};
		await receive(store, [vote]);
		expect((await store.recognition.standing('ben'))?.points).toBe(43 + 2);

		const stored = await store.replica.community.get(vote._id);
		await store.replica.community.remove(stored);
		await store.replica.projected();
		expect((await store.recognition.standing('ben'))?.points).toBe(43);

		// moderators hide ben's reply: the reply, its acceptance and its Helpful vote go (1 + 15 + 2)
		await receive(store, [
			{
				_id: `moderation:${post}`,
				type: 'moderation',
				author: 'praxis',
				createdAt: '2026-12-14T10:00:00.000Z',
				target: post,
				hidden: { reason: 'off-topic', at: '2026-12-14T10:00:00.000Z' }
			}
		]);
		expect((await store.recognition.standing('ben'))?.points).toBe(43 - 18);
	});

	it('notifies the member of a new badge level and level, once, and rebuilds the same rows', async () => {
		const { store, ana } = await withCommunity();
		const mine = (await store.people.notifications()).filter((n) => n.kind === 'recognition');
		expect(mine.map((n) => [n.id, n.text])).toEqual(
			expect.arrayContaining([
				['recognition:badge:mentor:1', 'You earned the Mentor badge (Bronze): 1 mentorship completed as the mentor.'],
				['recognition:level:contributor', 'You reached the level Contributor with 34 points.']
			])
		);
		expect(mine).toHaveLength(2);
		const before = await store.recognition.boards({ period: 'all' });
		await store.rebuild();
		expect(await store.recognition.boards({ period: 'all' })).toEqual(before);
		expect((await store.recognition.standing(ana))?.badges.map((b) => b.key)).toEqual(['mentor']);
	});

	it('keeps the region, sector and leaderboard choice the member saves on their profile', async () => {
		const { store, ana } = await withCommunity();
		await store.people.saveProfile({ displayName: 'Ana', region: ' East ', sector: '', hideFromLeaderboards: true });
		const standing = await store.recognition.standing(ana);
		expect([standing?.region, standing?.sector, standing?.hidden, standing?.points]).toEqual(['East', null, true, 34]);
		const board = await store.recognition.boards({ period: 'all' });
		expect(board.leaderboard.map((e) => e.username)).not.toContain(ana);
	});

	it('does not announce badges and levels reached long ago (a first sync)', async () => {
		const ana = uniqueName('ana');
		const docs = communityFixture((short) => (short === 'ana' ? ana : short)).filter((d) => !d._deleted);
		const store = await openTestStore({ name: ana }, { now: () => '2027-06-01T00:00:00.000Z' });
		await receive(store, docs);
		expect((await store.recognition.standing(ana))?.badges.map((b) => b.key)).toEqual(['mentor']);
		expect((await store.people.notifications()).filter((n) => n.kind === 'recognition')).toEqual([]);
	});

	it('computes the standings after a restart when the batch that changed the facts was the last', async () => {
		const ana = uniqueName('ana');
		const docs = communityFixture((short) => (short === 'ana' ? ana : short)).filter((d) => !d._deleted);
		const db = new PraxisDb(ana, testOptions.dexieOptions);
		try {
			const before = recognitionProjection({ member: ana, now: () => NOW });
			const changes = docs.map((doc) => ({ id: String(doc._id), doc }));
			const tables = [...RECOGNITION_TABLES, 'notifications', 'meta'].map((name) => db.table(name));
			await db.transaction('rw', tables, () => before.apply!(changes, db));
			await before.afterBatch!(changes, 1);
			// the app stops here, before the follower settled
			expect(await db.table('recognitionStandings').count()).toBe(0);
			expect(await db.table('recognitionFacts').count()).toBeGreaterThan(0);
			const after = recognitionProjection({ member: ana, now: () => NOW });
			await after.settle!(db);
			const expected = computeRecognition(docs, { now: NOW }).map(standingOnly);
			expect(await db.table('recognitionStandings').count()).toBe(expected.length);
			expect(await db.meta.get('recognition:stale')).toBeUndefined();
		} finally {
			db.close();
		}
	});
});

// Schema upgrades of the member's Dexie database keep what an older version projected usable:
// vote totals written before they carried the member's own vote (`mine`) get it from the votes
// table when the database is opened by this version; the two community checkpoints of the forum
// projector and the events runner become the one follower's; the moderation and places tables
// make the community follower replay its feed.
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { CHECKPOINT_KEY, PraxisDb } from '../../../src/lib/store/db';
import { dexieDbName } from '../../../src/lib/store/names';
import { voteId } from '../../../src/lib/domain/ids';
import { uniqueName } from './support';

describe('Dexie schema upgrades', () => {
	it('fills in the member’s own vote on vote totals an older version wrote', async () => {
		const member = uniqueName('up');
		const old = new Dexie(dexieDbName(member), { indexedDB, IDBKeyRange });
		old.version(3).stores({ votes: 'id, target', voteTotals: 'target' });
		const [a, b, c] = ['thread:A', 'post:B', 'post:C'];
		await old.table('votes').bulkPut([
			{ id: voteId(a, member), target: a, author: member, value: 1 },
			{ id: voteId(a, 'other'), target: a, author: 'other', value: 1 },
			{ id: voteId(b, member), target: b, author: member, value: -1 },
			{ id: voteId(c, 'other'), target: c, author: 'other', value: -1 }
		]);
		await old.table('voteTotals').bulkPut([
			{ target: a, score: 2, up: 2, down: 0 },
			{ target: b, score: -1, up: 0, down: 1 },
			{ target: c, score: -1, up: 0, down: 1 }
		]);
		old.close();

		const db = new PraxisDb(member, { indexedDB, IDBKeyRange });
		await db.open();
		const totals = await db.voteTotals.bulkGet([a, b, c]);
		expect(totals.map((t) => t?.mine)).toEqual([1, -1, 0]);
		expect(totals.map((t) => t?.score)).toEqual([2, -1, -1]); // the totals themselves are kept
		db.close();
	});

	async function upgradeWith(
		meta: Array<{ key: string; value: unknown }>
	): Promise<{ checkpoint: unknown; events: unknown; tables: string[] }> {
		const member = uniqueName('up');
		const old = new Dexie(dexieDbName(member), { indexedDB, IDBKeyRange });
		old.version(21).stores({ meta: 'key', resources: 'id, [status+createdAt], kind, *tags, author' });
		await old.table('meta').bulkPut(meta);
		await old.table('resources').put({ id: 'resource:A', author: 'bob' });
		old.close();
		const db = new PraxisDb(member, { indexedDB, IDBKeyRange });
		await db.open();
		const out = {
			checkpoint: (await db.meta.get(CHECKPOINT_KEY))?.value,
			events: (await db.meta.get('events.checkpoint.community'))?.value,
			tables: db.tables.map((t) => t.name)
		};
		db.close();
		return out;
	}

	it('replays the community feed once for moderation, and drops the legacy tables and checkpoints', async () => {
		// An older device resumed the one follower from the earlier of its two checkpoints; the
		// moderation tables then need every moderation document already synced: it replays from 0.
		const upgraded = await upgradeWith([
			{ key: CHECKPOINT_KEY, value: 40 },
			{ key: 'events.checkpoint.community', value: 25 },
			{ key: 'events.checkpoint.private', value: 7 }
		]);
		expect(upgraded).toMatchObject({ checkpoint: undefined, events: undefined });
		expect(upgraded.tables).not.toContain('resources');
		expect(upgraded.tables).toEqual(expect.arrayContaining(['libResources', 'moderation', 'flags']));
		expect((await upgradeWith([{ key: CHECKPOINT_KEY, value: 40 }])).checkpoint).toBeUndefined();
	});

	it('adds the places table and replays the community feed to fill it', async () => {
		const member = uniqueName('up');
		const old = new Dexie(dexieDbName(member), { indexedDB, IDBKeyRange });
		old.version(22).stores({ meta: 'key', rsvps: 'id, event, author' });
		await old.table('meta').put({ key: CHECKPOINT_KEY, value: 40 });
		old.close();
		const db = new PraxisDb(member, { indexedDB, IDBKeyRange });
		await db.open();
		expect(db.tables.map((t) => t.name)).toContain('places');
		expect(await db.meta.get(CHECKPOINT_KEY)).toBeUndefined();
		db.close();
	});

	it('keeps the private follower’s checkpoint when only the community feed replays', async () => {
		const member = uniqueName('up');
		const old = new Dexie(dexieDbName(member), { indexedDB, IDBKeyRange });
		old.version(22).stores({ meta: 'key' });
		await old.table('meta').bulkPut([
			{ key: CHECKPOINT_KEY, value: 40 },
			{ key: 'events.checkpoint.private', value: 7 }
		]);
		old.close();
		const db = new PraxisDb(member, { indexedDB, IDBKeyRange });
		await db.open();
		expect((await db.meta.get(CHECKPOINT_KEY))?.value).toBeUndefined();
		expect((await db.meta.get('events.checkpoint.private'))?.value).toBe(7);
		db.close();
	});

	it('fills the library cards from the resources an older version projected, without a replay', async () => {
		const member = uniqueName('up');
		const old = new Dexie(dexieDbName(member), { indexedDB, IDBKeyRange });
		old.version(34).stores({ meta: 'key', libResources: 'id, status, author, kind, publishedAt' });
		await old.table('meta').put({ key: CHECKPOINT_KEY, value: 40 });
		await old.table('libResources').bulkPut([
			{
				id: 'resource:A',
				_id: 'resource:A',
				status: 'published',
				kind: 'guide',
				title: 'Shared fleet',
				summary: 'How three towns share one fleet',
				body: 'A long body the list never shows',
				tags: ['fleet'],
				author: 'bob',
				jurisdiction: 'County',
				publishedAt: '2026-01-02T00:00:00.000Z',
				files: [{ id: 'file:1' }, { id: 'file:2' }]
			},
			{
				id: 'resource:B',
				_id: 'resource:B',
				status: 'draft',
				kind: 'template',
				title: 'Draft',
				summary: '',
				tags: [],
				author: 'ana',
				publishedAt: '2026-01-03T00:00:00.000Z'
			}
		]);
		old.close();
		const db = new PraxisDb(member, { indexedDB, IDBKeyRange });
		await db.open();
		const cards = await db.table('libCards').toArray();
		expect(cards).toEqual([
			{
				id: 'resource:A',
				status: 'published',
				kind: 'guide',
				title: 'Shared fleet',
				summary: 'How three towns share one fleet',
				tags: ['fleet'],
				author: 'bob',
				jurisdiction: 'County',
				publishedAt: '2026-01-02T00:00:00.000Z',
				fileCount: 2
			},
			expect.objectContaining({ id: 'resource:B', status: 'draft', fileCount: 0 })
		]);
		expect(await db.table('libCards').where('tags').equals('fleet').primaryKeys()).toEqual(['resource:A']);
		// no replay: the community checkpoint is kept
		expect((await db.meta.get(CHECKPOINT_KEY))?.value).toBe(40);
		db.close();
	});
});

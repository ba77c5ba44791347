// Schema upgrades of the member's Dexie database keep what an older version projected usable:
// vote totals written before they carried the member's own vote (`mine`) get it from the votes
// table when the database is opened by this version.
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { PraxisDb } from '../../../src/lib/store/db';
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
});

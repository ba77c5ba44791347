// A community for the bootstrap tests: the seeded categories, `threads` threads with posts (the
// last thread gets the newest post), a conflicted thread, a deleted post and a profile, written
// straight into the server's store with fixed revisions.
import type { Storage } from '../../../server/storage/index';
import { seedCategories } from '../../../server/seed';

export const CONFLICTED = 'thread:01CONFLICTED00000000000000';
export const DELETED = 'post:01DELETED0000000000000000000';

const pad = (n: number) => String(n).padStart(6, '0');
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes)).toISOString();

export async function fillCommunity(storage: Storage, threads: number, postsPerThread = 2): Promise<void> {
	await seedCategories(storage, new Date());
	const db = storage.db('community');
	const docs: Array<Record<string, unknown>> = [];
	for (let t = 0; t < threads; t++) {
		const thread = `thread:01T${pad(t)}`;
		docs.push({
			_id: thread,
			type: 'thread',
			author: 'writer',
			createdAt: at(t),
			category: 'general',
			title: `Thread ${t}`,
			body: `Body ${t} `.repeat(20),
			tags: []
		});
		for (let p = 0; p < postsPerThread; p++) {
			// thread 0 gets the newest post of all: it has the latest activity
			const minute = t === 0 && p === postsPerThread - 1 ? threads + 100 : t + p + 1;
			docs.push({
				_id: `post:01P${pad(t)}${pad(p)}`,
				type: 'post',
				author: 'writer',
				createdAt: at(minute),
				thread,
				body: `Reply ${p} to ${t} `.repeat(10)
			});
		}
	}
	docs.push({ _id: 'profile:writer', type: 'profile', author: 'writer', createdAt: at(0), displayName: 'Writer' });
	for (let i = 0; i < docs.length; i += 500) await db.bulkDocs(docs.slice(i, i + 500));
	// a conflict: two leaves of the same thread, as two devices editing it offline would leave it
	const base = {
		_id: CONFLICTED,
		type: 'thread',
		author: 'writer',
		createdAt: at(1),
		category: 'general',
		body: 'x',
		tags: []
	};
	await db.bulkDocs(
		[
			{ ...base, title: 'Left', _rev: '2-aaaa', _revisions: { start: 2, ids: ['aaaa', 'root'] } },
			{ ...base, title: 'Right', _rev: '2-bbbb', _revisions: { start: 2, ids: ['bbbb', 'root'] } }
		],
		{ new_edits: false }
	);
	const put = await db.put({
		_id: DELETED,
		type: 'post',
		author: 'writer',
		createdAt: at(2),
		thread: 'thread:01T000000',
		body: 'gone soon'
	});
	await db.remove(DELETED, put.rev);
}

/** Every leaf revision in `db` as `id rev`, design documents aside. */
export async function leavesOf(db: PouchDB.Database): Promise<string[]> {
	const feed = await db.changes({ since: 0, style: 'all_docs' } as PouchDB.Core.ChangesOptions);
	return feed.results
		.filter((r) => !r.id.startsWith('_design/'))
		.flatMap((r) => r.changes.map((c) => `${r.id} ${c.rev}`))
		.sort();
}

/** The lines of an NDJSON snapshot: the header, then the parts. */
export function parseSnapshot(text: string): {
	header: { seq: number | string; docs: number; parts: number; from: number };
	parts: Array<{ part: number; docs: Array<Record<string, unknown> & { _id: string; _rev: string }> }>;
} {
	const [head, ...rest] = text.split('\n').filter((l) => l.trim());
	return { header: JSON.parse(head), parts: rest.map((l) => JSON.parse(l)) };
}

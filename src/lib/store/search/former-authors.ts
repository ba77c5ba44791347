/// <reference types="pouchdb-core" />
// A member whose account was deleted: what they wrote and kept is indexed again under
// "Former member", so their display name leaves the search index (and its saved copy) along with
// their profile. Only when a batch deletes a profile, which happens once per deleted account.
import { idKey, isIdOf } from '../../domain/ids';
import type { PraxisDb } from '../db';
import type { Change } from '../feed/projection';
import { libraryTables } from '../library/tables';
import { FORMER_MEMBER } from '../types';
import { indexOpFor, type IndexOp, type ThreadFacts } from './documents';

/** The usernames whose profile a batch deletes. */
export function deletedProfiles(changes: readonly Change[]): Set<string> {
	const names = new Set<string>();
	for (const c of changes) {
		if (isIdOf('profile', c.id) && (c.deleted || (c.doc as { _deleted?: boolean } | undefined)?._deleted))
			names.add(idKey('profile', c.id));
	}
	return names;
}

/** Index operations writing again, under FORMER_MEMBER, the indexed documents of `former` (read from the replica). */
export async function reindexFormerAuthors(
	changes: readonly Change[],
	db: PraxisDb,
	pouch: PouchDB.Database
): Promise<IndexOp[]> {
	const former = deletedProfiles(changes);
	if (former.size === 0) return [];
	const [threads, posts, resources] = await Promise.all([
		db.threads
			.where('author')
			.anyOf([...former])
			.filter((t) => t.deleted === 0)
			.primaryKeys(),
		db.posts
			.where('author')
			.anyOf([...former])
			.filter((p) => p.deleted === 0)
			.primaryKeys(),
		libraryTables(db)
			.resources.where('author')
			.anyOf([...former])
			.primaryKeys()
	]);
	const ids = [...threads, ...posts, ...resources];
	if (ids.length === 0) return [];
	const rows = (await pouch.allDocs({ keys: ids, include_docs: true })).rows;
	const docs = rows.flatMap((row) =>
		'doc' in row && row.doc ? [row.doc as unknown as Record<string, unknown> & { _id: string }] : []
	);
	const threadIds = [...new Set(docs.map((d) => d.thread).filter((t): t is string => typeof t === 'string'))];
	const facts = new Map<string, ThreadFacts>();
	for (const t of await db.threads.bulkGet(threadIds))
		if (t && !t.deleted) facts.set(t.id, { title: t.title, category: t.category });
	return docs.flatMap((doc) => {
		const op = indexOpFor(
			doc._id,
			doc,
			false,
			(id) => facts.get(id),
			(u) => (former.has(u) ? FORMER_MEMBER : undefined)
		);
		return op ? [op] : [];
	});
}

// The threadTags projection: one row per listed thread and tag, so "threads in a category with
// a tag, by latest activity" is one index range like the unfiltered list.
import type { PraxisDb } from './db';
import type { ThreadRow, ThreadTagRow } from './types';

export function tagRows(thread: ThreadRow): ThreadTagRow[] {
	if (thread.deleted) return [];
	return thread.tags.map((tag) => ({
		thread: thread.id,
		tag,
		category: thread.category,
		lastActivity: thread.lastActivity
	}));
}

/**
 * Writes the tag rows of `written` threads and deletes those of tags they no longer carry.
 * `previous` gives each thread's row before this batch (undefined when new).
 */
export async function putThreadTags(
	db: PraxisDb,
	written: readonly ThreadRow[],
	previous: (id: string) => ThreadRow | undefined
): Promise<void> {
	const puts: ThreadTagRow[] = [];
	const deletes: Array<[string, string]> = [];
	for (const thread of written) {
		const rows = tagRows(thread);
		const keep = new Set(rows.map((r) => r.tag));
		for (const tag of previous(thread.id)?.tags ?? []) if (!keep.has(tag)) deletes.push([thread.id, tag]);
		puts.push(...rows);
	}
	if (deletes.length) await db.threadTags.bulkDelete(deletes);
	if (puts.length) await db.threadTags.bulkPut(puts);
}

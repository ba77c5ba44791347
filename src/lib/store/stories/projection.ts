// Projects `story` documents into the `stories` table (stories/tables.ts). Runs inside the
// community follower's batch transaction (feed/follower.ts); every operation is a put or delete
// by id, so a batch applied twice, or in pieces, leaves the same rows.
import { parseDocId } from '../../domain/ids';
import { validateCommunityDoc } from '../../domain/validate';
import type { PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import { storyTables, type StoryRow } from './tables';

/** Pure: per story id, the row to put or null to delete (the last change of an id wins). */
export function storyOps(
	changes: readonly Change[],
	onInvalid?: (id: string, reason: string) => void
): Map<string, StoryRow | null> {
	const ops = new Map<string, StoryRow | null>();
	for (const change of changes) {
		if (parseDocId(change.id)?.type !== 'story') continue;
		const doc = change.doc as Record<string, unknown> | undefined;
		if (change.deleted || !doc || doc._deleted) {
			ops.set(change.id, null);
			continue;
		}
		const checked = validateCommunityDoc(doc);
		if (!checked.ok || checked.doc.type !== 'story') {
			onInvalid?.(change.id, checked.ok ? 'not a story' : checked.reason);
			continue;
		}
		const story = checked.doc;
		const { _rev, _revisions, _attachments, _conflicts, ...rest } = story as typeof story & Record<string, unknown>;
		void _rev;
		void _revisions;
		void _attachments;
		void _conflicts;
		ops.set(change.id, {
			...(rest as Omit<StoryRow, 'id' | 'publishedAt' | 'rev'>),
			id: story._id,
			publishedAt: story.reviewedAt ?? story.updatedAt ?? story.createdAt,
			rev: typeof doc._rev === 'string' ? doc._rev : ''
		});
	}
	return ops;
}

export function storiesProjection(onProblem: (message: string) => void = () => {}): Projection {
	// Reported after the batch's transaction: writing the sync log inside it would end it early.
	const problems: string[] = [];
	return {
		name: 'stories',
		tables: ['stories'],
		async afterBatch() {
			for (const message of problems.splice(0)) onProblem(message);
		},
		clear() {
			problems.length = 0;
		},
		async apply(changes: readonly Change[], db: PraxisDb): Promise<void> {
			const ops = storyOps(changes, (id, reason) => problems.push(`skipped ${id}: ${reason}`));
			if (!ops.size) return;
			const puts: StoryRow[] = [];
			const deletes: string[] = [];
			for (const [id, row] of ops)
				if (row) puts.push(row);
				else deletes.push(id);
			const { stories } = storyTables(db);
			if (deletes.length) await stories.bulkDelete(deletes);
			if (puts.length) await stories.bulkPut(puts);
		}
	};
}

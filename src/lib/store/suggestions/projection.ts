// Projects `suggestion` documents into the `suggestions` table (tables.ts). Runs inside the
// community follower's batch transaction (feed/follower.ts); every operation is a put or delete
// by id, so a batch applied twice, or in pieces, leaves the same rows.
import { parseDocId } from '../../domain/ids';
import { validateCommunityDoc } from '../../domain/validate';
import type { PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import { suggestionTables, type SuggestionRow } from './tables';

/** Pure: per suggestion id, the row to put or null to delete (the last change of an id wins). */
export function suggestionOps(
	changes: readonly Change[],
	onInvalid?: (id: string, reason: string) => void
): Map<string, SuggestionRow | null> {
	const ops = new Map<string, SuggestionRow | null>();
	for (const change of changes) {
		if (parseDocId(change.id)?.type !== 'suggestion') continue;
		const doc = change.doc as Record<string, unknown> | undefined;
		if (change.deleted || !doc || doc._deleted) {
			ops.set(change.id, null);
			continue;
		}
		const checked = validateCommunityDoc(doc);
		if (!checked.ok || checked.doc.type !== 'suggestion') {
			onInvalid?.(change.id, checked.ok ? 'not a suggestion' : checked.reason);
			continue;
		}
		const { _rev, _revisions, _attachments, _conflicts, ...rest } = checked.doc as Record<string, unknown>;
		void _revisions;
		void _attachments;
		void _conflicts;
		ops.set(change.id, {
			...(rest as SuggestionRow),
			id: checked.doc._id,
			rev: typeof _rev === 'string' ? _rev : ''
		});
	}
	return ops;
}

export function suggestionsProjection(onProblem: (message: string) => void = () => {}): Projection {
	// Reported after the batch's transaction: writing the sync log inside it would end it early.
	const problems: string[] = [];
	return {
		name: 'suggestions',
		tables: ['suggestions'],
		async afterBatch() {
			for (const message of problems.splice(0)) onProblem(message);
		},
		clear() {
			problems.length = 0;
		},
		async apply(changes: readonly Change[], db: PraxisDb): Promise<void> {
			const ops = suggestionOps(changes, (id, reason) => problems.push(`skipped ${id}: ${reason}`));
			if (!ops.size) return;
			const puts: SuggestionRow[] = [];
			const deletes: string[] = [];
			for (const [id, row] of ops)
				if (row) puts.push(row);
				else deletes.push(id);
			const { suggestions } = suggestionTables(db);
			if (deletes.length) await suggestions.bulkDelete(deletes);
			if (puts.length) await suggestions.bulkPut(puts);
		}
	};
}

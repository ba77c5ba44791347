// "Was this useful?" answers that read the item they are about, by the server's clock (never the
// device's): the item must exist (a resource or story published), an event must have ended and
// not been cancelled, and its writers (author, co-authors, an event's organisers) do not answer
// on it. src/lib/domain/feedback.ts decides; the device shows the same reasons before writing.
// Items of the same batch count, in batch order (a device pushing several offline writes).
// Removing one's answer is never refused.
import { feedbackRefusal, type FeedbackItemFacts } from '../../../src/lib/domain/feedback';
import type { JudgedDoc, WriteRule } from '../write';

type Judged = JudgedDoc['doc'];

const isAnswer = (doc: Judged): boolean => doc.type === 'feedback' && doc._deleted !== true;

/** The stored version of each item named, null when missing or deleted. */
async function readItems(db: PouchDB.Database, ids: readonly string[]): Promise<Map<string, Judged | null>> {
	const items = new Map<string, Judged | null>();
	const read = await db.allDocs({ keys: [...ids], include_docs: true });
	read.rows.forEach((row, i) => {
		const live = 'doc' in row && row.doc && !('deleted' in row.value && row.value.deleted);
		items.set(ids[i], live ? (row.doc as unknown as Judged) : null);
	});
	return items;
}

/** The feedback rule, judged at `clock()` (the server's time). */
export function feedbackRule(clock: () => Date = () => new Date()): WriteRule {
	return {
		async check(db, kind, docs) {
			const refused = new Map<number, string>();
			const judged = docs.flatMap((d, i) => (d.actor && isAnswer(d.doc) ? [i] : []));
			if (kind !== 'community' || judged.length === 0) return refused;
			const items = await readItems(db, [...new Set(judged.map((i) => String(docs[i].doc.target)))]);
			const now = clock().toISOString();
			docs.forEach(({ doc, actor }, i) => {
				// an item written earlier in the batch counts as stored
				if (items.has(doc._id)) items.set(doc._id, doc._deleted ? null : doc);
				if (!judged.includes(i)) return;
				const item = items.get(String(doc.target)) ?? null;
				const reason = feedbackRefusal(item as FeedbackItemFacts | null, actor!.name, now);
				if (reason) refused.set(i, reason);
			});
			return refused;
		}
	};
}

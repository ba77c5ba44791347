// Accepted answers: a thread whose `answer` is set or changed must name a reply stored in that
// same thread (not deleted), and `answeredBy` must be the member writing. Who may change a thread
// at all (its author or a moderator) is permissions.ts's decision. Posts of the same batch count,
// so a device that pushes a reply and its acceptance together is judged as if they came one by one.
import type { JudgedDoc, WriteRule } from '../write';

type Judged = JudgedDoc['doc'];

const isThread = (doc: Judged): boolean => doc.type === 'thread' && doc._deleted !== true;

/** The stored version of each document named, null when missing or deleted. */
async function readStored(db: PouchDB.Database, ids: readonly string[]): Promise<Map<string, Judged | null>> {
	const stored = new Map<string, Judged | null>();
	if (ids.length === 0) return stored;
	const read = await db.allDocs({ keys: [...ids], include_docs: true });
	read.rows.forEach((row, i) => {
		const live = 'doc' in row && row.doc && !('deleted' in row.value && row.value.deleted);
		stored.set(ids[i], live ? (row.doc as unknown as Judged) : null);
	});
	return stored;
}

/** Why marking this answer is refused, or null. */
export function answerRefusal(thread: Judged, post: Judged | null, writer: string): string | null {
	if (!post || post._deleted === true || post.type !== 'post' || post.thread !== thread._id)
		return 'the answer must be a reply in this thread';
	if (thread.answeredBy !== writer) return 'answeredBy must be you';
	return null;
}

export const answersRule: WriteRule = {
	async check(db, kind, docs) {
		const refused = new Map<number, string>();
		const threads = docs.flatMap((d, i) => (d.actor && isThread(d.doc) && d.doc.answer !== undefined ? [i] : []));
		if (kind !== 'community' || threads.length === 0) return refused;
		const ids = new Set<string>();
		for (const i of threads) ids.add(docs[i].doc._id).add(String(docs[i].doc.answer));
		const stored = await readStored(db, [...ids]);
		// replies of the same batch, in batch order, count as stored
		const batchPosts = new Map<string, { index: number; doc: Judged }>();
		docs.forEach(({ doc }, index) => {
			if (doc.type === 'post') batchPosts.set(doc._id, { index, doc });
		});
		for (const i of threads) {
			const { doc, actor } = docs[i];
			const before = stored.get(doc._id);
			// an unchanged answer was judged when it was set (an edit of the title keeps it)
			if (before && before.answer === doc.answer && before.answeredBy === doc.answeredBy) continue;
			const inBatch = batchPosts.get(String(doc.answer));
			const post = inBatch && inBatch.index < i ? inBatch.doc : (stored.get(String(doc.answer)) ?? null);
			const reason = answerRefusal(doc, post, actor!.name);
			if (reason) refused.set(i, reason);
		}
		return refused;
	}
};

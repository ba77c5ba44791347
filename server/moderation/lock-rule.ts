// Locked threads: a thread whose `moderation:{thread}` has `locked` takes no new replies, except
// from moderators and administrators. Edits of replies already written stay allowed (a member
// may still correct or remove what they wrote), and so do replies signed by the server.
import type { WriteRule } from '../couch/write';
import { isModerator } from '../../src/lib/domain/permissions';
import { moderationId } from '../../src/lib/domain/ids';

export function lockedThreadReason(reason: string): string {
	return `this thread is locked by moderators: ${reason}`;
}

export function createLockRule(): WriteRule {
	return {
		async check(db, kind, docs) {
			const refused = new Map<number, string>();
			if (kind !== 'community') return refused;
			const replies = docs.flatMap((d, i) =>
				d.doc.type === 'post' &&
				d.doc._deleted !== true &&
				typeof d.doc.thread === 'string' &&
				d.actor !== null &&
				!isModerator(d.actor)
					? [i]
					: []
			);
			if (replies.length === 0) return refused;
			const threads = [...new Set(replies.map((i) => String(docs[i]!.doc.thread)))];
			const locks = new Map<string, string>();
			const res = await db.allDocs({ keys: threads.map(moderationId), include_docs: true });
			for (const row of res.rows as Array<{ doc?: { target?: unknown; locked?: { reason?: unknown } } | null }>) {
				const locked = row.doc?.locked;
				if (locked && typeof row.doc?.target === 'string') locks.set(row.doc.target, String(locked.reason ?? ''));
			}
			if (locks.size === 0) return refused;
			const lockedReplies = replies.filter((i) => locks.has(String(docs[i]!.doc.thread)));
			if (lockedReplies.length === 0) return refused;
			// only NEW replies are refused: a reply already stored and not deleted is an edit
			const existing = await db.allDocs({ keys: lockedReplies.map((i) => docs[i]!.doc._id) });
			const known = new Set(
				(existing.rows as Array<{ key: string; value?: { deleted?: boolean } }>)
					.filter((row) => row.value && !row.value.deleted)
					.map((row) => row.key)
			);
			for (const i of lockedReplies) {
				const { doc } = docs[i]!;
				if (!known.has(doc._id)) refused.set(i, lockedThreadReason(locks.get(String(doc.thread))!));
			}
			return refused;
		}
	};
}

// What a deleted document keeps: its type, author and creation time, and the references others
// need to place it (a post's thread and the post it replied to, a thread's category, what a vote
// or rating was for). Everything else, the body, title and every personal field, goes. Shared by
// every side that deletes: the member's device (store/writes.ts) and the server's own deletions
// (an account deletion, server/deletion).

/** Fields every tombstone keeps. */
const COMMON_FIELDS = ['type', 'author', 'createdAt'] as const;

/** Per type, the references a tombstone keeps besides COMMON_FIELDS. */
export const TOMBSTONE_REFERENCES: Readonly<Record<string, readonly string[]>> = {
	thread: ['category'],
	post: ['thread', 'replyTo'],
	vote: ['target'],
	comment: ['target'],
	review: ['resource'],
	rating: ['resource'],
	use: ['resource'],
	rsvp: ['event'],
	attendance: ['event', 'member'],
	'mentorship-answer': ['mentorship']
};

/** The fields of `doc` a tombstone of it keeps. */
export function tombstoneFieldsOf(doc: Record<string, unknown>): string[] {
	return [...COMMON_FIELDS, ...(TOMBSTONE_REFERENCES[String(doc.type)] ?? [])];
}

/** The deletion of `doc` (`_deleted`, same `_id`, no `_rev`: the caller names the revision it deletes). */
export function tombstoneOf(
	doc: Record<string, unknown> & { _id: string }
): Record<string, unknown> & { _id: string; _deleted: true } {
	const tombstone: Record<string, unknown> & { _id: string; _deleted: true } = { _id: doc._id, _deleted: true };
	for (const field of tombstoneFieldsOf(doc)) if (doc[field] !== undefined) tombstone[field] = doc[field];
	return tombstone;
}

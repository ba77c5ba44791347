// What a member wrote, for "Also delete everything I wrote": the ids of their live documents in
// `community` (threads, posts, resources, reviews, comments, votes, ratings, events they created
// or organise alone, RSVPs, attendance records, mentorship requests and answers, collections) or
// their files in `library-files`. Found by reading the database a page at a time: there is no
// index by author, and a deletion is rare enough that a scan is the simpler trade.
/** Community types an account deletion never removes. */
const KEPT_TYPES: ReadonlySet<string> = new Set([
	// other members' threads live in them
	'category',
	// they verify the signatures of what stays, and the revocations that end them
	'device',
	'revocation',
	// deleted on its own, always
	'profile'
]);

const PAGE_SIZE = 1_000;

type Doc = { _id: string; type?: unknown; author?: unknown; organisers?: unknown };

function isTheirs(doc: Doc, name: string, db: 'community' | 'files'): boolean {
	if (db === 'files') return doc.author === name;
	if (KEPT_TYPES.has(String(doc.type))) return false;
	if (doc.author === name) return true;
	// an event another member created but left to them alone
	return (
		doc.type === 'event' && Array.isArray(doc.organisers) && doc.organisers.length === 1 && doc.organisers[0] === name
	);
}

/** Ids of the live documents of `db` that are `name`'s to delete. */
export async function authoredIds(db: PouchDB.Database, name: string, kind: 'community' | 'files'): Promise<string[]> {
	const ids: string[] = [];
	let startkey: string | undefined;
	for (;;) {
		const page = await db.allDocs({
			include_docs: true,
			limit: PAGE_SIZE + 1,
			...(startkey !== undefined ? { startkey } : {})
		});
		const rows = page.rows.slice(0, PAGE_SIZE);
		for (const row of rows)
			if (row.doc && !row.id.startsWith('_design/') && isTheirs(row.doc as Doc, name, kind)) ids.push(row.id);
		if (page.rows.length <= PAGE_SIZE) return ids;
		startkey = page.rows[PAGE_SIZE].id;
	}
}

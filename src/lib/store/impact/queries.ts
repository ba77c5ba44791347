/// <reference types="pouchdb-core" />
// The impact dashboard's documents: every document of the community replica, read once with
// allDocs and then kept current from the replica's changes since the last read, so a second call
// reads only what changed. Held in memory per open store; nothing is written.
import type { StoreContext } from '../context';
import { moderationTables } from '../moderation/tables';

/** Changes read per request when catching up (keeps memory bounded on a large backlog). */
const CHANGES_BATCH = 1_000;

export interface DocumentCache {
	/** The community documents (no design documents, no deleted ones), as of now. */
	documents(): Promise<object[]>;
	/** Goes up whenever a document was added, changed or removed since the last read. */
	version(): number;
	/** One document as of the last read. */
	get(id: string): object | undefined;
	/**
	 * How many documents take part in the figures as of the last read: all but the published
	 * figures themselves (`impact:`), counted as the server counts (server/impact/publish.ts).
	 */
	count(): number;
	/** Ids moderators hid, from the moderation table. */
	hidden(): Promise<string[]>;
}

export function createDocumentCache(ctx: StoreContext): DocumentCache {
	const docs = new Map<string, object>();
	let published = 0;
	let since: string | number | null = null;
	let version = 0;
	let reading: Promise<void> = Promise.resolve();

	const keep = (id: string, doc: object | undefined, deleted: boolean | undefined) => {
		if (id.startsWith('_design/')) return;
		version++;
		const isPublished = id.startsWith('impact:');
		if (isPublished && docs.has(id)) published--;
		if (deleted || !doc) docs.delete(id);
		else {
			docs.set(id, doc);
			if (isPublished) published++;
		}
	};

	async function readAll(): Promise<void> {
		// the sequence first: changes made during allDocs are read again next time, which is harmless
		const { update_seq } = await ctx.community.info();
		const all = await ctx.community.allDocs({ include_docs: true });
		for (const row of all.rows) keep(row.id, row.doc, false);
		since = update_seq;
	}

	async function readChanges(): Promise<void> {
		for (;;) {
			const feed = await ctx.community.changes({ since: since ?? 0, include_docs: true, limit: CHANGES_BATCH });
			for (const change of feed.results) keep(change.id, change.doc, change.deleted);
			since = feed.last_seq;
			if (feed.results.length < CHANGES_BATCH) return;
		}
	}

	return {
		documents: async () => {
			// one read at a time: two screens asking at once share the catch-up
			reading = reading.then(() => (since === null ? readAll() : readChanges()));
			await reading;
			return [...docs.values()];
		},
		version: () => version,
		get: (id) => docs.get(id),
		count: () => docs.size - published,
		hidden: async () =>
			(await moderationTables(ctx.db).moderation.toArray()).filter((row) => row.hidden).map((row) => row.target)
	};
}

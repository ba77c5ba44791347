// One live PouchDB changes listener per open database, shared by every waiting longpoll request,
// so many waiting clients cost one Set entry each rather than one PouchDB listener each.
// A database's listener is cancelled as soon as nobody waits on it. The same waiters' reads of
// the feed are shared here too (sharedRead), one notifier per gateway.

import type { ChangesAnswer } from './changes';

interface Feed {
	changes: PouchDB.Core.Changes<object>;
	waiters: Set<() => void>;
}

export class ChangeNotifier {
	#feeds = new Map<PouchDB.Database, Feed>();
	#epoch = 0;
	/**
	 * Longpoll reads of the changes feed under way, by database, then epoch and options. A write
	 * wakes every waiting longpoll request at once and they all ask the same question (the same
	 * `since` and options): one read answers them all (200 waiting clients made 200 reads of the
	 * same change; bench/incremental.ts). Only reads in flight are shared, never kept, and only
	 * within one epoch: a request joins a read only if no change was announced since it started,
	 * and it subscribed before asking, so a change the shared read missed still wakes it.
	 */
	readonly #reads = new WeakMap<PouchDB.Database, Map<string, Promise<ChangesAnswer>>>();

	/**
	 * Goes up before the waiters of any database are told of a change: a read of a feed started
	 * in an earlier epoch may miss that change (changes.ts shares reads within one epoch only).
	 */
	get epoch(): number {
		return this.#epoch;
	}

	/** The answer of a read of `db` asking `question` in this epoch, shared while it runs. */
	sharedRead(db: PouchDB.Database, question: string, read: () => Promise<ChangesAnswer>): Promise<ChangesAnswer> {
		let reads = this.#reads.get(db);
		if (!reads) this.#reads.set(db, (reads = new Map()));
		const key = `${this.#epoch} ${question}`;
		const pending = reads.get(key);
		if (pending) return pending;
		const answer = read().finally(() => reads.delete(key));
		reads.set(key, answer);
		return answer;
	}

	/** Calls `onChange` after each change to `db` until the returned function is called. */
	subscribe(db: PouchDB.Database, onChange: () => void): () => void {
		let feed = this.#feeds.get(db);
		if (!feed) feed = this.#open(db);
		feed.waiters.add(onChange);
		return () => {
			const current = this.#feeds.get(db);
			if (!current || !current.waiters.delete(onChange) || current.waiters.size > 0) return;
			this.#feeds.delete(db);
			current.changes.cancel();
		};
	}

	/** Number of databases with a live listener (for tests: it must fall back to 0). */
	get openFeeds(): number {
		return this.#feeds.size;
	}

	close(): void {
		for (const feed of this.#feeds.values()) feed.changes.cancel();
		this.#feeds.clear();
	}

	#open(db: PouchDB.Database): Feed {
		const waiters = new Set<() => void>();
		const notify = () => {
			this.#epoch++;
			for (const waiter of [...waiters]) waiter();
		};
		const changes = db.changes({ live: true, since: 'now', return_docs: false });
		const feed: Feed = { changes, waiters };
		changes.on('change', notify);
		changes.on('error', (err: unknown) => {
			console.error('[couch] live changes listener failed', err);
			if (this.#feeds.get(db) === feed) this.#feeds.delete(db);
			notify(); // waiters re-read the feed and answer
		});
		this.#feeds.set(db, feed);
		return feed;
	}
}

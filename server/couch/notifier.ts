// One live PouchDB changes listener per open database, shared by every waiting longpoll request,
// so many waiting clients cost one Set entry each rather than one PouchDB listener each.
// A database's listener is cancelled as soon as nobody waits on it.

interface Feed {
	changes: PouchDB.Core.Changes<object>;
	waiters: Set<() => void>;
}

export class ChangeNotifier {
	#feeds = new Map<PouchDB.Database, Feed>();
	#epoch = 0;

	/**
	 * Goes up before the waiters of any database are told of a change: a read of a feed started
	 * in an earlier epoch may miss that change (changes.ts shares reads within one epoch only).
	 */
	get epoch(): number {
		return this.#epoch;
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

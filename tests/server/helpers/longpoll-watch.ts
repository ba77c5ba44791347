// Watches the `_changes` longpolls of a live PouchDB replication through its `fetch` option:
// which are waiting on the server, and which one carried a given document. Lets a test check
// that a new document reaches a live puller through the longpoll already waiting for it (the
// server woke it), without timing anything or sleeping until the puller has settled.

export interface LongpollWatch {
	/** Pass as the remote's `fetch` option. */
	fetch: typeof fetch;
	/** Resolves once a longpoll is waiting, with the numbers of those waiting then. */
	waiting(): Promise<number[]>;
	/** The number of the longpoll whose answer carried document `id`, once one has. */
	carrier(id: string): number | undefined;
}

export function longpollWatch(inner: typeof fetch = fetch): LongpollWatch {
	let count = 0;
	const pending = new Set<number>();
	const carried = new Map<string, number>();
	let wake: (() => void) | null = null;

	const watched: typeof fetch = async (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		if (!/\/_changes\?(.*&)?feed=longpoll/.test(url)) return inner(input, init);
		const n = ++count;
		pending.add(n);
		wake?.();
		try {
			const res = await inner(input, init);
			// the whole answer arrives when the longpoll ends: read a copy before handing it over
			const text = await res.clone().text();
			for (const change of parseResults(text)) carried.set(change.id, n);
			return res;
		} finally {
			pending.delete(n);
		}
	};

	return {
		fetch: watched,
		async waiting() {
			while (pending.size === 0) await new Promise<void>((resolve) => (wake = resolve));
			wake = null;
			return [...pending];
		},
		carrier: (id) => carried.get(id)
	};
}

function parseResults(text: string): Array<{ id: string }> {
	try {
		return (JSON.parse(text) as { results?: Array<{ id: string }> }).results ?? [];
	} catch {
		return []; // an error page: the replication reports it itself
	}
}

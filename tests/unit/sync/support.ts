// Test support: a stock CouchDB-protocol server (express-pouchdb on memory PouchDB) on a real
// port, reached through a fetch wrapper that can play the Praxis gateway's per-document
// refusals ({id, error: "forbidden", reason}), a 401, or an unreachable server.
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

PouchDB.plugin(memory);

export interface FakeRemote {
	base: string;
	ServerPouch: ReturnType<typeof PouchDB.defaults>;
	fetch: typeof fetch;
	/** Returns a reason to refuse a pushed document per document, or null to accept it. */
	refuse: (doc: Record<string, unknown>) => string | null;
	/** down: no answer at all (offline); unavailable: a gateway answers 503 (the server is out). */
	mode: { unauthorized: boolean; down: boolean; unavailable: boolean };
	/** When set, every _bulk_docs gets this answer instead (a 429, a 403 `suspended`): nothing is stored. */
	bulkAnswer: (() => Response) | null;
	/** _bulk_docs requests received. */
	bulkRequests: number;
	requests: number;
	close(): Promise<void>;
}

export async function startFakeRemote(prefix: string): Promise<FakeRemote> {
	const ServerPouch = PouchDB.defaults({ adapter: 'memory', prefix } as PouchDB.Configuration.DatabaseConfiguration);
	const app = express();
	app.use(
		'/',
		expressPouchDB(ServerPouch as unknown as PouchDB.Static, {
			mode: 'minimumForPouchDB',
			inMemoryConfig: true,
			logPath: '/dev/null'
		})
	);
	const server: Server = await new Promise((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	let closed = false;
	const remote: FakeRemote = {
		base,
		ServerPouch,
		refuse: () => null,
		mode: { unauthorized: false, down: false, unavailable: false },
		bulkAnswer: null,
		bulkRequests: 0,
		requests: 0,
		fetch: async (input, init) => {
			remote.requests++;
			if (remote.mode.down) throw new TypeError('fetch failed');
			if (remote.mode.unavailable)
				return new Response('<html><body>502 Bad Gateway</body></html>', {
					status: 503,
					headers: { 'content-type': 'text/html' }
				});
			if (remote.mode.unauthorized) {
				return new Response(JSON.stringify({ error: 'unauthorized', reason: 'session expired' }), {
					status: 401,
					headers: { 'content-type': 'application/json' }
				});
			}
			const url = String(input instanceof Request ? input.url : input);
			if (url.endsWith('/_bulk_docs') && init?.method === 'POST' && typeof init.body === 'string') {
				remote.bulkRequests++;
				return remote.bulkAnswer ? remote.bulkAnswer() : bulkDocs(url, init, remote);
			}
			// after close(), cancelled longpolls fail: answer them instead of leaving rejections behind
			return fetch(input, init).catch((err: unknown) => {
				if (closed) return new Response('{"error":"closed"}', { status: 503 });
				throw err;
			});
		},
		close: () =>
			new Promise<void>((resolve) => {
				closed = true;
				server.close(() => resolve());
				server.closeAllConnections(); // live longpolls would otherwise hold close() open
			})
	};
	return remote;
}

async function bulkDocs(url: string, init: RequestInit, remote: FakeRemote): Promise<Response> {
	const body = JSON.parse(String(init.body)) as {
		docs: Array<Record<string, unknown> & { _id: string }>;
		new_edits?: boolean;
	};
	const refused = body.docs.filter((d) => remote.refuse(d) !== null);
	const accepted = body.docs.filter((d) => remote.refuse(d) === null);
	const response = await fetch(url, { ...init, body: JSON.stringify({ ...body, docs: accepted }) });
	const results = (await response.json()) as unknown[];
	const errors = refused.map((d) => ({ id: d._id, error: 'forbidden', reason: remote.refuse(d) }));
	return new Response(JSON.stringify([...results, ...errors]), {
		status: 201,
		headers: { 'content-type': 'application/json' }
	});
}

/** A network watch the test drives. */
export function fakeNetwork(initial = true) {
	let online = initial;
	const listeners = new Set<(online: boolean) => void>();
	return {
		isOnline: () => online,
		subscribe(listener: (online: boolean) => void) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		set(value: boolean) {
			online = value;
			listeners.forEach((l) => l(value));
		}
	};
}

/** A StatusSink that records what it is told. */
export function recordingStatus() {
	const s = {
		state: 'idle' as string,
		error: null as string | null,
		retryAt: null as number | null,
		pending: 0,
		rejected: 0,
		received: 0,
		total: null as number | null,
		initial: false,
		lastSyncedAt: null as string | null,
		states: [] as string[],
		setState(
			state: 'idle' | 'syncing' | 'offline' | 'unreachable' | 'error' | 'unauthorized',
			error: string | null = null,
			retryAt: number | null = null
		) {
			s.state = state;
			s.error = error;
			s.retryAt = retryAt;
			s.states.push(state);
		},
		setPending(n: number) {
			s.pending = n;
		},
		setRejected(n: number) {
			s.rejected = n;
		},
		setProgress(received: number, total: number | null, initial: boolean) {
			Object.assign(s, { received, total, initial });
		},
		markSynced(at = new Date().toISOString()) {
			s.lastSyncedAt = at;
		}
	};
	return s;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > end) throw new Error('timed out waiting for a condition');
		await new Promise((r) => setTimeout(r, 25));
	}
}

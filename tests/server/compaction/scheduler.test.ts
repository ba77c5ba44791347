// Compaction of the community database: at start, nightly, and after edits that supersede a
// revision (debounced and coalesced), recorded for a health page; CouchDB is asked to _compact.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createStorage, type Storage } from '../../../server/storage/index';
import { CompactionScheduler, msUntilHour, type Timers } from '../../../server/compaction/scheduler';
import { readCompactionRecord } from '../../../server/compaction/record';

/** Timers a test fires by hand. */
class ManualTimers implements Timers {
	pending = new Map<number, { fn: () => void; ms: number }>();
	#next = 0;
	set(fn: () => void, ms: number): number {
		this.pending.set(++this.#next, { fn, ms });
		return this.#next;
	}
	clear(handle: unknown): void {
		this.pending.delete(handle as number);
	}
	/** Delays of the timers waiting, shortest first. */
	delays(): number[] {
		return [...this.pending.values()].map((t) => t.ms).sort((a, b) => a - b);
	}
	/** Fires the timers waiting with this delay. */
	fire(ms: number): void {
		for (const [id, t] of [...this.pending]) {
			if (t.ms !== ms) continue;
			this.pending.delete(id);
			t.fn();
		}
	}
}

const DAY_MS = 24 * 60 * 60_000;
let storage: Storage;
let timers: ManualTimers;
let now: { ms: number };
let scheduler: CompactionScheduler;
let counter = 0;

beforeEach(() => {
	storage = createStorage({ kind: 'memory', memoryPrefix: `compaction-${process.pid}-${++counter}-${Date.now()}` });
	timers = new ManualTimers();
	now = { ms: new Date(2026, 10, 30, 15, 0, 0).getTime() };
	scheduler = new CompactionScheduler({
		storage,
		dbName: 'community',
		clock: () => new Date(now.ms),
		timers,
		log: () => {}
	});
});
afterEach(async () => {
	await scheduler.stop();
	await storage.close();
});

async function edit(id: string, fields: Record<string, unknown>): Promise<{ old: string; current: string }> {
	const db = storage.db('community');
	const first = await db.put({ _id: id, type: 'profile', ...fields });
	const { bio: _drop, ...rest } = fields;
	void _drop;
	const second = await db.put({ _id: id, _rev: first.rev, type: 'profile', ...rest });
	return { old: first.rev, current: second.rev };
}

describe('the compaction scheduler', () => {
	it('compacts at start, records it, and plans the nightly run', async () => {
		const { old } = await edit('profile:ann', { bio: 'old bio' });
		scheduler.start();
		await scheduler.run('manual'); // queued behind the start run: both are done after it
		expect(scheduler.runs).toBe(2);
		await expect(storage.db('community').get('profile:ann', { rev: old })).rejects.toMatchObject({ status: 404 });
		const record = await readCompactionRecord(storage, 'community');
		expect(record).toMatchObject({
			db: 'community',
			reason: 'manual',
			error: null,
			finishedAt: new Date(now.ms).toISOString()
		});
		expect(timers.delays()).toEqual([12 * 60 * 60_000]); // 15:00 → 03:00
		timers.fire(12 * 60 * 60_000);
		await vi.waitFor(() => expect(scheduler.runs).toBe(3));
		expect(scheduler.last?.reason).toBe('nightly');
		expect(timers.delays()).toEqual([12 * 60 * 60_000]); // the next night (the clock stood still)
	});

	it('compacts after a burst of edits once, not sooner than a minute after the last start', async () => {
		scheduler.start();
		await scheduler.run('manual');
		const runs = scheduler.runs;
		const nightly = timers.delays();
		now.ms += 10_000;
		const edits = await Promise.all(['a', 'b', 'c'].map((n) => edit(`profile:${n}`, { bio: `bio of ${n}` })));
		await vi.waitFor(() => expect(timers.pending.size).toBe(nightly.length + 1));
		// one compaction planned for the whole burst, at the last start + 60 s
		expect(timers.delays()).toEqual([50_000, ...nightly]);
		// until it runs, the old bodies are still in the store
		for (const [i, n] of ['a', 'b', 'c'].entries())
			expect(await storage.db('community').get(`profile:${n}`, { rev: edits[i].old })).toMatchObject({
				bio: `bio of ${n}`
			});
		timers.fire(50_000);
		await vi.waitFor(() => expect(scheduler.runs).toBe(runs + 1));
		expect(scheduler.last?.reason).toBe('edit');
		for (const [i, n] of ['a', 'b', 'c'].entries()) {
			await expect(storage.db('community').get(`profile:${n}`, { rev: edits[i].old })).rejects.toMatchObject({
				status: 404
			});
		}
		// long after: an edit waits only for the rest of its burst (5 s)
		now.ms += 10 * 60_000;
		await edit('profile:d', { bio: 'bio of d' });
		await vi.waitFor(() => expect(timers.delays()).toEqual([5_000, ...nightly]));
	});

	it('does not compact for a new document', async () => {
		scheduler.start();
		await scheduler.run('manual');
		const before = timers.pending.size;
		await storage.db('community').put({ _id: 'thread:new', type: 'thread' });
		await new Promise((r) => setTimeout(r, 50));
		expect(timers.pending.size).toBe(before);
	});

	it('records a failure and keeps scheduling', async () => {
		const failing = { ...storage, compact: () => Promise.reject(new Error('disk full')) } satisfies Storage;
		const lines: string[] = [];
		const s = new CompactionScheduler({
			storage: failing,
			dbName: 'community',
			clock: () => new Date(now.ms),
			timers,
			log: (l) => lines.push(l)
		});
		await s.run('manual');
		expect(s.last).toMatchObject({ error: 'disk full' });
		expect(lines.join('\n')).toContain('disk full');
		expect(await readCompactionRecord(storage, 'community')).toMatchObject({ error: 'disk full' });
	});
});

describe('msUntilHour', () => {
	it('is the time to the next such hour, local time', () => {
		expect(msUntilHour(new Date(2026, 0, 10, 2, 30), 3)).toBe(30 * 60_000);
		expect(msUntilHour(new Date(2026, 0, 10, 3, 0), 3)).toBe(DAY_MS);
		expect(msUntilHour(new Date(2026, 0, 10, 23, 0), 3)).toBe(4 * 60 * 60_000);
	});
});

describe('Storage.compact on CouchDB', () => {
	it('asks the server to compact the database and waits until it reports it done', async () => {
		const calls: string[] = [];
		let polls = 0;
		const couch = new Hono();
		couch.post('/community/_compact', (c) => {
			calls.push(`POST ${c.req.path} ${c.req.header('content-type')}`);
			return c.json({ ok: true }, 202);
		});
		couch.get('/community/', (c) => {
			polls++;
			return c.json({
				db_name: 'community',
				doc_count: 0,
				update_seq: '0',
				compact_running: calls.length > 0 && polls < 3
			});
		});
		couch.all('*', (c) => c.json({ error: 'not_found', reason: c.req.path }, 404));
		const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
			const s = serve({ fetch: couch.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
		});
		const { port } = server.address() as AddressInfo;
		const remote = createStorage({ kind: 'couchdb', couchdbUrl: `http://admin:secret@127.0.0.1:${port}/` });
		try {
			await remote.compact('community');
			expect(calls).toEqual(['POST /community/_compact application/json']);
			expect(polls).toBeGreaterThanOrEqual(3);
		} finally {
			await remote.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	}, 15_000);
});

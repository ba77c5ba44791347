// Test support: a member's store in Node, on PouchDB's memory adapter and fake-indexeddb.
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { IDBDatabase, IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { openStore, type OpenStoreOptions } from '../../../src/lib/store/open';
import type { ReplicaPort, Store } from '../../../src/lib/store/index';
import type { Member } from '../../../src/lib/store/types';

PouchDB.plugin(memory);

let counter = 0;

export const testOptions: OpenStoreOptions = {
	PouchDB,
	pouchOptions: { adapter: 'memory' },
	dexieOptions: { indexedDB, IDBKeyRange }
};

/** A unique member name per call, so tests never share databases. */
export function uniqueName(prefix = 'm'): string {
	counter += 1;
	return `${prefix}${process.pid}-${counter}`.slice(0, 32);
}

/** The app store with its replica port beside it (`replica`), for tests that play the sync layer. */
export type TestStore = Store & { readonly replica: ReplicaPort };

const opened: Store[] = [];

export async function openTestStore(
	member: Partial<Member> = {},
	options: Partial<OpenStoreOptions> = {}
): Promise<TestStore> {
	const name = member.name ?? uniqueName();
	const { store, replica } = await openStore(
		{ name, roles: ['member'], displayName: name, ...member },
		{ ...testOptions, ...options }
	);
	opened.push(store);
	return { ...store, replica };
}

/** Closes every store opened by openTestStore (call in afterEach). */
export async function closeTestStores(): Promise<void> {
	await Promise.all(opened.splice(0).map((s) => s.close()));
}

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');
/** An ISO timestamp `minutes` after T0. */
export function at(minutes: number): string {
	return new Date(T0 + minutes * 60_000).toISOString();
}

export const ULIDS = {
	t1: '01JAAAAAAAAAAAAAAAAAAAAAA1',
	t2: '01JAAAAAAAAAAAAAAAAAAAAAA2',
	p1: '01JBBBBBBBBBBBBBBBBBBBBBB1',
	p2: '01JBBBBBBBBBBBBBBBBBBBBBB2',
	p3: '01JBBBBBBBBBBBBBBBBBBBBBB3'
};

export function categoryDoc(slug: string, order = 1) {
	return {
		_id: `category:${slug}`,
		type: 'category',
		author: 'praxis',
		createdAt: at(0),
		name: slug,
		description: '',
		order
	};
}

export function threadDoc(ulid: string, category: string, minutes: number, extra: Record<string, unknown> = {}) {
	return {
		_id: `thread:${ulid}`,
		type: 'thread',
		author: 'alice',
		createdAt: at(minutes),
		category,
		title: `Thread ${ulid}`,
		body: 'body',
		tags: [],
		...extra
	};
}

export function postDoc(ulid: string, thread: string, minutes: number, extra: Record<string, unknown> = {}) {
	return {
		_id: `post:${ulid}`,
		type: 'post',
		author: 'bob',
		createdAt: at(minutes),
		thread,
		body: `reply ${ulid}`,
		...extra
	};
}

export function voteDoc(target: string, author: string, value: 1 | -1) {
	return { _id: `vote:${target}:${author}`, type: 'vote', author, createdAt: at(0), target, value };
}

/**
 * Counts the IndexedDB transactions `count(fn)` opens. Install it before opening the stores
 * (Dexie binds IDBDatabase's transaction method when it opens) and restore() it afterwards.
 */
export function transactionCounter(): { count(fn: () => Promise<unknown>): Promise<number>; restore(): void } {
	const original = IDBDatabase.prototype.transaction;
	let counting = false;
	let opened = 0;
	IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof original>) {
		if (counting) opened++;
		return original.apply(this, args);
	} as typeof original;
	return {
		async count(fn) {
			opened = 0;
			counting = true;
			try {
				await fn();
			} finally {
				counting = false;
			}
			return opened;
		},
		restore: () => void (IDBDatabase.prototype.transaction = original)
	};
}

/** A padded fake ULID: `prefix` then `i`, 26 characters (ordered like real ones). */
export const seqUlid = (prefix: string, i: number): string => `${prefix}${String(i).padStart(26 - prefix.length, '0')}`;

/**
 * A forum-and-events feed for the events/people projection: `threads` (every 1,000th by alice, the
 * rest by bob), `replies` (every 10th to alice's first thread) and `events` webinars with four
 * RSVPs each. Shared by its bulk test (events/feed-projection-bulk) and bench/projector.ts.
 */
export function eventsFeed(counts: { threads: number; replies: number; events: number }) {
	const threads = Array.from({ length: counts.threads }, (_, i) =>
		threadDoc(seqUlid('01JA', i), 'general', i, { author: i % 1000 === 0 ? 'alice' : 'bob' })
	);
	const posts = Array.from({ length: counts.replies }, (_, i) =>
		postDoc(seqUlid('01JB', i), threads[i % 10 === 0 ? 0 : 1 + (i % 999)]._id, 20_000 + i)
	);
	const events = Array.from({ length: counts.events }, (_, i) => ({
		_id: `event:${seqUlid('01JC', i)}`,
		type: 'event',
		author: 'bob',
		createdAt: '2026-01-01T00:00:00.000Z',
		kind: 'webinar',
		title: `Webinar ${i}`,
		description: '',
		start: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
		end: new Date(Date.UTC(2026, 0, 1 + i, 2)).toISOString(),
		timeZone: 'UTC',
		location: { online: 'https://meet.example/x' },
		organisers: ['bob'],
		tags: ['t' + (i % 5)]
	}));
	const rsvps = events.flatMap((e, i) =>
		['carl', 'dana', 'erik', 'fay'].map((who) => ({
			_id: `rsvp:${e._id.slice(6)}:${who}`,
			type: 'rsvp',
			author: who,
			createdAt: '2026-01-01T00:00:00.000Z',
			event: e._id,
			status: i % 2 ? 'going' : 'maybe'
		}))
	);
	return { threads, posts, events, rsvps };
}

// The offline-RSVP race across devices: the organiser's, ben's and ana's devices replicate with
// the server over a socket. Ben answers online and is told he has a place; ana's "going", made
// earlier offline, reaches the server later and waits. After each sync every device reads the
// same places, and the notifications each derives (notificationsFor, as the inbox and the email
// digest do) name every change of a place to the member and to the organiser.
import { afterAll, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { createHarness, PASSWORD, sessionCookie, type Harness } from '../support/harness';
import { certifyTestDevice, storeSigned, type TestDevice } from '../helpers/signing';
import { COMMUNITY_DB, rsvpId } from '../../../src/lib/domain/ids';
import type { RevisionHistory } from '../../../src/lib/domain/signing';
import { notificationsFor, SYSTEM_ACTOR, type NotifyLookup } from '../../../src/lib/domain/notifications';
import { attendanceOf } from '../../../src/lib/pouch/attendance';

const E = '01JCPAC0000000000000000003';
const EVENT = `event:${E}`;
const TITLE = 'Winter roads meetup';

let harness: Harness | null = null;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
	await harness?.close();
});

let counter = 0;

interface Device {
	name: string;
	db: PouchDB.Database;
	signer: TestDevice;
	/** Sends this device's changes to the server and takes the server's. */
	sync(): Promise<void>;
	/** Writes `doc` as this member would (signed, on top of `parent`). */
	write(doc: Record<string, unknown>, parent?: RevisionHistory | null): Promise<RevisionHistory>;
	/** "{actor}: {text}" of every notification of a place derived so far, by id. */
	inbox: Map<string, string>;
}

async function device(h: Harness, base: string, name: string): Promise<Device> {
	const res = await fetch(`${base}/api/auth/register`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username: name, password: PASSWORD, displayName: name, privacyConsent: true })
	});
	expect(res.status).toBe(201);
	const cookie = sessionCookie(res);
	const signer = await certifyTestDevice(h, cookie);
	const withCookie: typeof fetch = (url, init) => {
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookie);
		return fetch(url, { ...init, headers });
	};
	const remote = new PouchDB(`${base}/couch/${COMMUNITY_DB}`, {
		fetch: withCookie
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
	const db = new PouchDB(`places-device-${process.pid}-${++counter}`, { adapter: 'memory' });
	cleanups.push(() => db.destroy());
	const inbox = new Map<string, string>();
	let seq: string | number = 0;
	const lookup: NotifyLookup = {
		get: (id) =>
			db.get(id).then(
				(d) => d as unknown as Record<string, unknown>,
				() => null
			),
		myRsvp: async (eventId) => {
			const doc = await lookup.get(rsvpId(eventId, name));
			return typeof doc?.status === 'string' ? doc.status : null;
		}
	};
	return {
		name,
		db,
		signer,
		inbox,
		async sync() {
			const push = await db.replicate.to(remote);
			expect(push.doc_write_failures).toBe(0);
			await db.replicate.from(remote);
			const changes = await db.changes({ since: seq, include_docs: true });
			seq = changes.last_seq;
			for (const change of changes.results) {
				if (!change.doc) continue;
				for (const n of await notificationsFor(change.doc as unknown as Record<string, unknown>, name, lookup))
					if (n.source.startsWith('place:'))
						inbox.set(n.id, `${n.actor === SYSTEM_ACTOR ? '' : `${n.actor}: `}${n.text}`);
			}
		},
		async write(doc, parent = null) {
			const revision = await signer.signRevision(doc, parent);
			await storeSigned(db, [revision]);
			return revision._revisions;
		}
	};
}

describe('the offline RSVP race on three devices', () => {
	it('keeps the place of the member told first; every device agrees; every change is told', async () => {
		harness = createHarness();
		const base = await harness.listen();
		const org = await device(harness, base, 'org');
		const ana = await device(harness, base, 'ana');
		const ben = await device(harness, base, 'ben');
		const all = [org, ana, ben];
		const syncAll = async () => {
			for (const d of all) await d.sync();
			for (const d of all) await d.sync(); // everyone has what the others sent
		};
		const event = (capacity: number, updatedAt?: string) => ({
			_id: EVENT,
			type: 'event',
			author: 'org',
			createdAt: '2026-11-01T08:00:00.000Z',
			...(updatedAt ? { updatedAt } : {}),
			kind: 'meetup',
			title: TITLE,
			description: '',
			start: '2026-12-10T09:00:00.000Z',
			end: '2026-12-10T11:00:00.000Z',
			timeZone: 'UTC',
			location: { venue: 'Village hall' },
			organisers: ['org'],
			tags: [],
			capacity
		});
		const going = (who: string, createdAt: string) => ({
			_id: rsvpId(EVENT, who),
			type: 'rsvp',
			author: who,
			createdAt,
			event: EVENT,
			status: 'going'
		});
		let eventRev = await org.write(event(1));
		await syncAll();

		// ana answers while offline (her device's clock says early); ben answers online later
		await ana.write(going('ana', '2026-11-02T08:00:00.000Z'));
		expect((await attendanceOf(ana.db, EVENT)).pending).toEqual(['ana']);
		await ben.write(going('ben', '2026-11-02T09:00:00.000Z'));
		await ben.sync();
		expect(await attendanceOf(ben.db, EVENT)).toMatchObject({ going: ['ben'], pending: [] });

		await syncAll(); // ana is back online
		for (const d of all) {
			expect(await attendanceOf(d.db, EVENT), d.name).toEqual({
				going: ['ben'],
				waiting: ['ana'],
				pending: [],
				maybe: [],
				notGoing: []
			});
		}
		// nobody is told of their own first answer; the organiser hears of both
		expect([...ana.inbox.values()]).toEqual([]);
		expect([...ben.inbox.values()]).toEqual([]);
		expect([...org.inbox.values()].sort()).toEqual([
			`ana: joined the waiting list of “${TITLE}”`,
			`ben: got a place at “${TITLE}”`
		]);

		// the organiser adds a place: ana gets it; then takes it back: ana waits again, ben keeps his
		eventRev = await org.write(event(2, '2026-11-03T08:00:00.000Z'), eventRev);
		await syncAll();
		expect((await attendanceOf(ana.db, EVENT)).going).toEqual(['ben', 'ana']);
		await org.write(event(1, '2026-11-03T09:00:00.000Z'), eventRev);
		await syncAll();
		for (const d of all) expect((await attendanceOf(d.db, EVENT)).going, d.name).toEqual(['ben']);
		expect([...ana.inbox.values()]).toEqual([
			`You have a place at “${TITLE}” now.`,
			`You are now on the waiting list for “${TITLE}”.`
		]);
		expect([...ben.inbox.values()]).toEqual([]);
		expect([...org.inbox.values()].slice(2)).toEqual([
			`ana: got a place at “${TITLE}”`,
			`ana: moved to the waiting list of “${TITLE}”`
		]);
		expect(new Set(ana.inbox.keys()).size).toBe(2);
	});
});

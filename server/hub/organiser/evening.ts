// What happened on this hub since it started, for the organiser's page: who is here (members whose
// hub token was used in the last ATTENDEE_WINDOW_MS), which document revisions attendees brought
// (the community database's changes since start, less what the pull brought down from the central
// server), and which of them still wait to go up.
//
// "Waiting" is measured, not guessed: a revision waits while it is the document's current one, was
// not brought by the pull, was not written up by the push, was not refused by the central server,
// and arrived after the push last caught up (a push that catches up has offered everything it
// saw; a revision the central server already had is then up without being written). Changes are
// numbered in the order this ledger sees them, so no database sequence format is assumed (LevelDB
// and CouchDB number them differently). Kept in memory: a restart starts a new evening.
import type { ReplicationEvent } from '../replicator';

/** A member counts as here while their hub token was used this recently. */
export const ATTENDEE_WINDOW_MS = 2 * 60_000;

export interface EveningFigures {
	/** Revisions attendees brought this evening (through /couch or an updates file). */
	received: number;
	/** Of those, written up to the central server by the push. */
	relayed: number;
	/** Of those, still to go up to the central server. */
	waiting: number;
	/** Revisions the central server refused (each is logged with its reason). */
	refused: number;
}

export interface Attendee {
	name: string;
	lastSeenAt: string;
}

export interface EveningLedger {
	/** A member's hub token was accepted (server/hub/hub-auth.ts). */
	memberSeen(name: string): void;
	attendees(): Attendee[];
	/** A change of the hub's community database, in the order the changes feed gives them. */
	changed(id: string, rev: string): void;
	replicationEvent(event: ReplicationEvent): void;
	figures(): EveningFigures;
}

const key = (id: string, rev: string) => `${id} ${rev}`;

export function createEveningLedger(clock: () => Date = () => new Date()): EveningLedger {
	const lastSeen = new Map<string, number>();
	/** Each document's current revision and the ordinal of the change that brought it. */
	const current = new Map<string, { rev: string; ordinal: number }>();
	const received = new Set<string>();
	const pulled = new Set<string>();
	const pushed = new Set<string>();
	const refusedIds = new Set<string>();
	let ordinal = 0;
	/** Changes up to this ordinal were offered to the central server by a push that caught up. */
	let offeredUpTo = 0;

	return {
		memberSeen(name) {
			lastSeen.set(name, clock().getTime());
		},
		attendees() {
			const since = clock().getTime() - ATTENDEE_WINDOW_MS;
			return [...lastSeen]
				.filter(([, at]) => at >= since)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([name, at]) => ({ name, lastSeenAt: new Date(at).toISOString() }));
		},
		changed(id, rev) {
			current.set(id, { rev, ordinal: ++ordinal });
			if (!pulled.has(key(id, rev))) received.add(key(id, rev));
		},
		replicationEvent(event) {
			if (event.kind === 'caught-up') {
				if (event.direction === 'push') offeredUpTo = ordinal;
				return;
			}
			if (event.kind === 'denied') {
				refusedIds.add(event.id);
				return;
			}
			for (const doc of event.docs) {
				if (typeof doc._rev !== 'string') continue;
				const k = key(doc._id, doc._rev);
				if (event.direction === 'push') pushed.add(k);
				else {
					pulled.add(k);
					// the changes feed may have reported it before the pull's own event
					received.delete(k);
				}
			}
		},
		figures() {
			let waiting = 0;
			for (const [id, { rev, ordinal: at }] of current) {
				const k = key(id, rev);
				if (at > offeredUpTo && received.has(k) && !pushed.has(k) && !refusedIds.has(id)) waiting++;
			}
			let relayed = 0;
			for (const k of received) if (pushed.has(k)) relayed++;
			return { received: received.size, relayed, waiting, refused: refusedIds.size };
		}
	};
}

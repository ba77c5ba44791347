// Which events each member answered going or maybe to, kept in memory and brought up to date
// from the community database's changes feed on each use (only the changes since the last
// read are looked at), so a calendar app polling the feed costs a few reads, not a scan of every
// RSVP in the community. `rsvp:{event ulid}:{member}` ids make the event and member known from
// the id; the status needs the document.
import type { Storage } from '../storage/index';
import { COMMUNITY_DB, isIdOf } from '../../src/lib/domain/ids';

const PAGE = 2_000;

export interface RsvpIndex {
	/** Event ids (`event:{ulid}`… as the RSVPs name them) `member` is going or maybe going to. */
	eventsOf(member: string): Promise<string[]>;
}

type RsvpDoc = { _id: string; author?: unknown; status?: unknown; event?: unknown; _deleted?: boolean };

export function createRsvpIndex(storage: Storage): RsvpIndex {
	const db = () => storage.db(COMMUNITY_DB);
	/** rsvp id → [member, event] for RSVPs currently going or maybe. */
	const answers = new Map<string, [string, string]>();
	const byMember = new Map<string, Set<string>>();
	let since: string | number = 0;
	let catchingUp: Promise<void> | null = null;

	function drop(id: string) {
		const prev = answers.get(id);
		if (!prev) return;
		answers.delete(id);
		const ids = byMember.get(prev[0]);
		ids?.delete(id);
		if (ids?.size === 0) byMember.delete(prev[0]);
	}

	function apply(doc: RsvpDoc) {
		drop(doc._id);
		if (doc._deleted || typeof doc.author !== 'string' || typeof doc.event !== 'string') return;
		if (doc.status !== 'going' && doc.status !== 'maybe') return;
		answers.set(doc._id, [doc.author, doc.event]);
		let ids = byMember.get(doc.author);
		if (!ids) byMember.set(doc.author, (ids = new Set()));
		ids.add(doc._id);
	}

	async function catchUp(): Promise<void> {
		for (;;) {
			const res = await db().changes({ since, limit: PAGE, include_docs: true });
			for (const change of res.results) {
				if (!isIdOf('rsvp', change.id)) continue;
				if (change.deleted || !change.doc) drop(change.id);
				else apply(change.doc as RsvpDoc);
			}
			since = res.last_seq;
			if (res.results.length < PAGE) return;
		}
	}

	return {
		async eventsOf(member) {
			catchingUp ??= catchUp().finally(() => (catchingUp = null));
			await catchingUp;
			const ids = byMember.get(member);
			return ids ? [...new Set([...ids].map((id) => answers.get(id)![1]))] : [];
		}
	};
}

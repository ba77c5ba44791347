// Community challenge rules that read other documents, by the server's clock (never the
// device's): a story or resource enters a challenge only while it is open and is not withdrawn
// once it closed; judges score entries only between closing and the winners' announcement, one
// score per criterion; winners are announced after closing and are entries. The decisions are
// src/lib/domain/challenges.ts, which the device also shows before writing. Documents of the
// same batch count, in batch order (a device pushing several offline writes).
import { entryRefusal, judgingRefusal, winnersRefusal, type ChallengeFacts } from '../../../src/lib/domain/challenges';
import { isModerator } from '../../../src/lib/domain/permissions';
import type { JudgedDoc, WriteRule } from '../write';
import type { MemberRoles } from '../../auth/users';

type Judged = JudgedDoc['doc'];

const ENTRY_TYPES = new Set(['story', 'resource']);
const typeOfId = (id: string): string => id.slice(0, id.indexOf(':'));
const isEntryDoc = (doc: Judged): boolean => ENTRY_TYPES.has(typeOfId(doc._id));
const isChallengeDoc = (doc: Judged): boolean => typeOfId(doc._id) === 'challenge';
const isJudgingDoc = (doc: Judged): boolean => doc.type === 'judging' && doc._deleted !== true;
const judgedHere = (doc: Judged): boolean => isEntryDoc(doc) || isChallengeDoc(doc) || isJudgingDoc(doc);
const challengeOf = (doc: Judged | null | undefined): string | undefined =>
	doc && !doc._deleted && typeof doc.challenge === 'string' ? doc.challenge : undefined;

/** Stored documents the batch's decisions read, by id (null: none or deleted); the batch updates it. */
type Ledger = Map<string, Judged | null>;

async function readLedger(db: PouchDB.Database, docs: readonly JudgedDoc[]): Promise<Ledger> {
	const ids = new Set<string>();
	for (const { doc } of docs) {
		if (!judgedHere(doc)) continue;
		ids.add(doc._id);
		if (typeof doc.challenge === 'string') ids.add(doc.challenge);
		if (isJudgingDoc(doc) && typeof doc.entry === 'string') ids.add(String(doc.entry));
		if (isChallengeDoc(doc) && Array.isArray(doc.winners))
			for (const w of doc.winners as { entry?: unknown }[]) if (typeof w.entry === 'string') ids.add(w.entry);
	}
	const ledger: Ledger = new Map();
	await readInto(db, ledger, ids);
	// the challenge a stored entry names, which a withdrawal no longer carries
	const entered = new Set<string>();
	for (const doc of ledger.values()) {
		const c = challengeOf(doc);
		if (c && !ledger.has(c)) entered.add(c);
	}
	await readInto(db, ledger, entered);
	return ledger;
}

async function readInto(db: PouchDB.Database, ledger: Ledger, ids: ReadonlySet<string>): Promise<void> {
	if (ids.size === 0) return;
	const keys = [...ids];
	const read = await db.allDocs({ keys, include_docs: true });
	read.rows.forEach((row, i) => {
		const doc = 'doc' in row && row.doc && !('deleted' in row.value && row.value.deleted) ? row.doc : null;
		ledger.set(keys[i], doc as Judged | null);
	});
}

function refusalOf({ doc, actor }: JudgedDoc, ledger: Ledger, now: Date): string | null {
	const find = (id: string): ChallengeFacts | null => {
		const c = ledger.get(id);
		return c && c.type === 'challenge' ? (c as unknown as ChallengeFacts) : null;
	};
	if (isEntryDoc(doc)) {
		const prev = challengeOf(ledger.get(doc._id));
		// moderators remove what breaks the rules, whatever the challenge's dates
		if (doc._deleted && actor && isModerator(actor)) return null;
		return entryRefusal(challengeOf(doc), prev, find, now);
	}
	if (isJudgingDoc(doc)) {
		const challenge = find(String(doc.challenge));
		if (!challenge) return null; // permissions.ts authorizeRelated refuses it
		const scores = Array.isArray(doc.scores) ? doc.scores : [];
		const entry = String(doc.entry);
		return judgingRefusal({ entry, scores }, challenge, challengeOf(ledger.get(entry)) ?? null, now);
	}
	if (isChallengeDoc(doc) && !doc._deleted) {
		const prev = find(doc._id);
		return winnersRefusal(
			doc as unknown as ChallengeFacts,
			prev,
			(entry) => challengeOf(ledger.get(entry)) ?? null,
			now
		);
	}
	return null;
}

/** The challenge rule, judged at `clock()` (the server's time). */
/**
 * Judges are reviewers: a challenge naming a new judge who is not one is refused. `members` reads
 * roles; a hub, which keeps no accounts, passes none and leaves the check to the central server.
 */
async function judgesRefusal(
	doc: Judged,
	stored: Judged | null | undefined,
	members: MemberRoles
): Promise<string | null> {
	if (!isChallengeDoc(doc) || doc._deleted || !Array.isArray(doc.judges)) return null;
	const before = new Set(Array.isArray(stored?.judges) ? stored.judges.map(String) : []);
	for (const name of doc.judges.map(String)) {
		if (before.has(name)) continue;
		const member = await members.get(name);
		if (!member) return `there is no member ${name} to judge`;
		if (!member.roles.includes('reviewer') && !member.roles.includes('admin'))
			return `judges are reviewers: ${name} is not one`;
	}
	return null;
}

export function challengesRule(clock: () => Date = () => new Date(), members?: MemberRoles): WriteRule {
	return {
		async check(db, kind, docs) {
			const refused = new Map<number, string>();
			// server-signed documents are not a member's entries
			const judged = docs.flatMap((d, i) => (d.actor && judgedHere(d.doc) ? [i] : []));
			if (kind !== 'community' || judged.length === 0) return refused;
			const ledger = await readLedger(db, docs);
			const now = clock();
			for (const i of judged) {
				const reason =
					refusalOf(docs[i], ledger, now) ??
					(members ? await judgesRefusal(docs[i].doc, ledger.get(docs[i].doc._id), members) : null);
				if (reason) refused.set(i, reason);
				else ledger.set(docs[i].doc._id, docs[i].doc._deleted ? null : docs[i].doc);
			}
			return refused;
		}
	};
}

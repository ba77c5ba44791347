// Mentorship rules that read other documents (src/lib/domain/mentors.ts decides): a request
// goes only to a member open to mentoring who is not full, one request going on per mentee and
// mentor; a mentor accepts only below their capacity and never a withdrawn request; a request
// keeps its mentor and stays withdrawn. Documents of the same batch count, in batch order, so a
// device pushing several writes made offline is judged as if they had come one by one.
import {
	answerRefusal,
	mentorshipRefusal,
	requestChangeRefusal,
	type AnswerFacts,
	type MentorProfileFacts,
	type RequestFacts
} from '../../../src/lib/domain/mentors';
import { idRange, profileId } from '../../../src/lib/domain/ids';
import type { JudgedDoc, WriteRule } from '../write';

type Judged = JudgedDoc['doc'];

const isRequest = (doc: Judged): boolean => doc.type === 'mentorship' && doc._deleted !== true;
const isAnswer = (doc: Judged): boolean => doc.type === 'mentorship-answer' && doc._deleted !== true;

/** What the rules compare with: every stored request and answer, and the profiles of the mentors named. */
interface Ledger {
	requests: Map<string, RequestFacts>;
	/** By the request they answer. */
	answers: Map<string, AnswerFacts>;
	profiles: Map<string, MentorProfileFacts | null>;
}

async function readLedger(db: PouchDB.Database, docs: readonly JudgedDoc[]): Promise<Ledger> {
	const [requests, answers] = await Promise.all(
		['mentorship', 'mentorship-answer'].map((type) => db.allDocs({ ...idRange(type), include_docs: true }))
	);
	const ledger: Ledger = { requests: new Map(), answers: new Map(), profiles: new Map() };
	for (const row of requests.rows) if (row.doc) ledger.requests.set(row.id, row.doc as unknown as RequestFacts);
	for (const row of answers.rows) {
		const answer = row.doc as unknown as AnswerFacts | undefined;
		if (answer) ledger.answers.set(answer.mentorship, answer);
	}
	const mentors = new Set<string>();
	for (const { doc } of docs) {
		if (isRequest(doc)) mentors.add(String(doc.mentor));
		if (isAnswer(doc)) {
			const request = ledger.requests.get(String(doc.mentorship));
			mentors.add(request ? request.mentor : String(doc.author));
		}
	}
	const names = [...mentors];
	const read = await db.allDocs({ keys: names.map(profileId), include_docs: true });
	read.rows.forEach((row, i) => {
		const doc = 'doc' in row && row.doc && !('deleted' in row.value && row.value.deleted) ? row.doc : null;
		ledger.profiles.set(names[i], doc as MentorProfileFacts | null);
	});
	return ledger;
}

function refusalOf(doc: Judged, ledger: Ledger): string | null {
	const facts = {
		requests: [...ledger.requests.values()],
		answers: [...ledger.answers.values()]
	};
	if (isRequest(doc)) {
		const request = doc as unknown as RequestFacts;
		const stored = ledger.requests.get(doc._id);
		if (stored) return requestChangeRefusal(request, stored);
		return mentorshipRefusal(request, { ...facts, mentorProfile: ledger.profiles.get(request.mentor) ?? null });
	}
	const answer = doc as unknown as AnswerFacts;
	const request = ledger.requests.get(answer.mentorship);
	if (!request) return null; // the answer's own rules refuse it (permissions.ts authorizeRelated)
	return answerRefusal(answer, request, { ...facts, mentorProfile: ledger.profiles.get(request.mentor) ?? null });
}

export const mentorshipRule: WriteRule = {
	async check(db, kind, docs) {
		const refused = new Map<number, string>();
		// server-signed documents are not a member's requests
		const judged = docs.flatMap((d, i) => (d.actor && (isRequest(d.doc) || isAnswer(d.doc)) ? [i] : []));
		if (kind !== 'community' || judged.length === 0) return refused;
		const ledger = await readLedger(db, docs);
		for (const i of judged) {
			const { doc } = docs[i];
			const reason = refusalOf(doc, ledger);
			if (reason) {
				refused.set(i, reason);
				continue;
			}
			if (isRequest(doc)) ledger.requests.set(doc._id, doc as unknown as RequestFacts);
			else ledger.answers.set(String(doc.mentorship), doc as unknown as AnswerFacts);
		}
		return refused;
	}
};

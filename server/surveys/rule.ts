// The gateway's survey rule (server/couch/write.ts WriteRule):
// - `survey` in community: an event's survey written by someone who is not a moderator must be by
//   an organiser of that event; once an answer was counted, its questions and anonymity stay.
// - `survey-answer:{survey}` in a member's own database: refused when not in the member's own
//   name, for a survey that does not exist, outside its audience or its time, with answers that
//   do not fit, or when this member was already counted for it (only the server's own revision,
//   `counted` added and, for an anonymous survey, `answers` taken out, is accepted back).
//   Deleting one's answers is allowed and does not uncount them.
// After storing an accepted answer it is counted once per member (store.ts): the ballot first (a
// 409 means counted already: another device, a retried push), then the answers, then `counted`
// in the member's document, taking the answers out of an anonymous survey's and compacting the
// member's database so no old revision keeps them; then the results are republished (publish.ts).
import type { JudgedDoc, WriteRule } from '../couch/write';
import type { Storage } from '../storage/index';
import { COMMUNITY_DB, attendanceId, idKey, profileId, rsvpId, userDbName } from '../../src/lib/domain/ids';
import { isModerator } from '../../src/lib/domain/permissions';
import type { SurveyDoc } from '../../src/lib/domain/schemas';
import {
	answerTimingRefusal,
	answersRefusal,
	isInAudience,
	notInAudienceReason,
	type SurveyAnswers
} from '../../src/lib/domain/surveys';
import type { SurveyStore } from './store';
import { readSurvey, type SurveyPublisher } from './publish';
import type { SessionUser } from '../auth/types';

/** How far ahead of the server's clock a device's clock may be. */
export const ANSWER_CLOCK_SKEW_MS = 5 * 60_000;
const COUNTED_RETRIES = 5;

export const ALREADY_ANSWERED = 'you have already answered this survey';
export const QUESTIONS_FIXED = 'this survey already has answers: its questions cannot change';

export interface SurveyRuleDeps {
	storage: Storage;
	store: SurveyStore;
	publisher: SurveyPublisher;
	clock: () => Date;
	log?: (line: string) => void;
}

type Doc = JudgedDoc['doc'];

const isSurvey = (doc: Doc): boolean => doc._id.startsWith('survey:');
const isAnswer = (doc: Doc): boolean => doc._id.startsWith('survey-answer:');

async function readDoc(db: PouchDB.Database, id: string): Promise<Record<string, unknown> | null> {
	try {
		return (await db.get(id)) as Record<string, unknown>;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** Whether the organisers of `event` include `name`. */
async function organises(storage: Storage, event: string, name: string): Promise<boolean> {
	const doc = await readDoc(storage.db(COMMUNITY_DB), event);
	return Array.isArray(doc?.organisers) && doc.organisers.includes(name);
}

/** Why this write of a survey is refused, or null. */
async function surveyRefusal(deps: SurveyRuleDeps, db: PouchDB.Database, doc: Doc, actor: SessionUser) {
	const next = doc as unknown as SurveyDoc;
	if (
		next.audience?.kind === 'event' &&
		!isModerator(actor) &&
		!(await organises(deps.storage, next.audience.event, actor.name))
	)
		return 'only moderators, and the organisers of an event for its attendees, can run this survey';
	const prev = (await readDoc(db, doc._id)) as SurveyDoc | null;
	if (!prev || !(await deps.store.anyBallot(doc._id))) return null;
	const same = JSON.stringify(prev.questions) === JSON.stringify(next.questions) && prev.anonymous === next.anonymous;
	return same ? null : QUESTIONS_FIXED;
}

/** The member's region and the events they attended or are going to, as far as `survey` asks. */
async function memberFacts(storage: Storage, survey: SurveyDoc, name: string) {
	const community = storage.db(COMMUNITY_DB);
	const events = new Set<string>();
	if (survey.audience.kind === 'event') {
		const event = survey.audience.event;
		const [attendance, rsvp] = await Promise.all([
			readDoc(community, attendanceId(event, name)),
			readDoc(community, rsvpId(event, name))
		]);
		if (attendance?.attended === true || rsvp?.status === 'going') events.add(event);
	}
	const profile = survey.audience.kind === 'region' ? await readDoc(community, profileId(name)) : null;
	return { ...(typeof profile?.region === 'string' ? { region: profile.region } : {}), events };
}

/** Whether `doc` is a revision already stored, or the same content as the current one (the server's). */
async function isStoredAlready(db: PouchDB.Database, doc: Doc): Promise<boolean> {
	// a replicated revision (new_edits=false) names itself in `_rev` and heads `_revisions`; a
	// retried push of one already stored changes nothing
	const history = doc._revisions as { start?: unknown; ids?: unknown } | undefined;
	const replicated =
		typeof doc._rev === 'string' &&
		Array.isArray(history?.ids) &&
		doc._rev === `${String(history.start)}-${String(history.ids[0])}`;
	if (replicated && typeof doc._rev === 'string') {
		const missing = await db.revsDiff({ [doc._id]: [doc._rev] });
		if (!missing[doc._id]?.missing?.includes(doc._rev)) return true;
	}
	const current = await readDoc(db, doc._id);
	if (!current) return false;
	const content = ({ _id: _, _rev: __, _revisions: ___, ...rest }: Record<string, unknown>) => rest;
	return JSON.stringify(sorted(content(current))) === JSON.stringify(sorted(content(doc)));
}

function sorted(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sorted);
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((k) => [k, sorted((value as Record<string, unknown>)[k])])
	);
}

/** Why these answers are refused, or null. */
async function answerRefusal(deps: SurveyRuleDeps, db: PouchDB.Database, doc: Doc, actor: SessionUser | null) {
	if (!actor || doc.author !== actor.name) return 'you can only answer a survey in your own name';
	const survey = `survey:${idKey('survey-answer', doc._id)}`;
	if (await deps.store.hasBallot(survey, actor.name)) return (await isStoredAlready(db, doc)) ? null : ALREADY_ANSWERED;
	const stored = await readSurvey(deps.storage, survey);
	if (!stored) return 'this survey does not exist any more (or never did)';
	const now = deps.clock();
	const answeredAt = String(doc.createdAt);
	if (Date.parse(answeredAt) > now.getTime() + ANSWER_CLOCK_SKEW_MS)
		return "these answers are dated in the future: check the device's clock and answer again";
	const timing = answerTimingRefusal(stored, answeredAt, now.toISOString());
	if (timing) return timing;
	if (!isInAudience(stored.audience, await memberFacts(deps.storage, stored, actor.name)))
		return notInAudienceReason(stored.audience);
	return answersRefusal(stored, (doc.answers ?? {}) as SurveyAnswers);
}

export function createSurveyRule(deps: SurveyRuleDeps): WriteRule {
	const log = deps.log ?? ((line: string) => void process.stderr.write(line + '\n'));
	return {
		async check(db, kind, docs) {
			const refused = new Map<number, string>();
			for (const [i, { doc, actor }] of docs.entries()) {
				if (doc._deleted === true) continue;
				let reason: string | null = null;
				// server-signed surveys (seeds, relays of the server's own) need no organiser
				if (kind === 'community' && isSurvey(doc) && actor) reason = await surveyRefusal(deps, db, doc, actor);
				if (kind === 'userdb' && isAnswer(doc)) reason = await answerRefusal(deps, db, doc, actor);
				if (reason) refused.set(i, reason);
			}
			return refused;
		},
		async after(db, kind, docs) {
			for (const { doc, actor } of docs) {
				if (kind === 'community' && isSurvey(doc) && doc._deleted === true) await deps.publisher.remove(doc._id);
				if (kind !== 'userdb' || !isAnswer(doc) || doc._deleted === true || !actor) continue;
				await countAnswer(deps, db, doc, actor.name).catch((err: unknown) =>
					log(`[surveys] an answer was not counted: ${String(err)}`)
				);
			}
		}
	};
}

/** Counts `doc` for `member` once (the ballot decides), then republishes as the batch rule says. */
async function countAnswer(deps: SurveyRuleDeps, userDb: PouchDB.Database, doc: Doc, member: string) {
	const survey = await readSurvey(deps.storage, `survey:${idKey('survey-answer', doc._id)}`);
	if (!survey || !(await deps.store.addBallot(survey._id, member))) return;
	const at = deps.clock().toISOString();
	const answers = (doc.answers ?? {}) as SurveyAnswers;
	await deps.store.addAnswers(survey._id, answers, survey.anonymous ? null : { member, at });
	await markCounted(userDb, doc._id, at, survey.anonymous);
	// the revisions that held the answers go too (PouchDB compact; POST _compact on CouchDB)
	if (survey.anonymous) await deps.storage.compact(userDbName(member));
	await deps.publisher.publishIfDue(survey);
}

/** Writes `counted` into the member's document as the server (and takes an anonymous survey's answers out). */
async function markCounted(db: PouchDB.Database, id: string, at: string, anonymous: boolean): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		let current: Record<string, unknown>;
		try {
			current = (await db.get(id, { conflicts: true })) as Record<string, unknown>;
		} catch (err) {
			if ((err as { status?: number }).status === 404) return; // deleted meanwhile: nothing keeps the answers
			throw err;
		}
		const { answers: _, _conflicts: conflicts, ...rest } = current;
		try {
			await db.put({ ...rest, ...(anonymous ? {} : { answers: current.answers }), _id: id, counted: { at } });
			// two devices pushing at once can leave a second leaf with answers: it goes too
			if (anonymous && Array.isArray(conflicts))
				for (const rev of conflicts) await db.remove(id, String(rev)).catch(() => undefined);
			return;
		} catch (err) {
			if ((err as { status?: number }).status !== 409 || attempt >= COUNTED_RETRIES) throw err;
		}
	}
}

// The server's own record of survey answers, in the internal database `praxis-surveys` (never
// served by /couch: server/couch/access.ts serves only `community`, `library-files` and
// members' `userdb-…`):
//   ballot:{survey ulid}:{hmac}           → {}                    this member was counted (HMAC-SHA256
//                                                                  of the username with BALLOT_KEY_ID's secret)
//   answer:{survey ulid}:{random uuid}    → {answers}             an anonymous survey's answers: no name, no time
//   answer:{survey ulid}:{username}       → {answers, member, at} a named survey's answers
// The HMAC secret is kept in the server-only USERS_DB, as other server secrets are.
import { createHmac, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { USERS_DB, type Storage } from '../storage/index';
import { idKey, idRange } from '../../src/lib/domain/ids';
import type { SurveyAnswers } from '../../src/lib/domain/surveys';

export const SURVEYS_DB = 'praxis-surveys';
const BALLOT_KEY_ID = '_local/praxis-survey-ballot-key';
const BALLOT_KEY_BYTES = 32;

/** A named survey's answers as kept for moderators (responses.csv). */
export interface NamedAnswer {
	member: string;
	at: string;
	answers: SurveyAnswers;
}

export interface SurveyStore {
	/** Records that `member` was counted for `survey`; false when they already were. */
	addBallot(survey: string, member: string): Promise<boolean>;
	/** Whether `member` was counted for `survey`. */
	hasBallot(survey: string, member: string): Promise<boolean>;
	/** Whether anyone was counted for `survey`. */
	anyBallot(survey: string): Promise<boolean>;
	/** Keeps one member's answers: without a name for an anonymous survey. */
	addAnswers(survey: string, answers: SurveyAnswers, named: { member: string; at: string } | null): Promise<void>;
	/** Every counted set of answers of `survey`. */
	answerSets(survey: string): Promise<SurveyAnswers[]>;
	/** A named survey's answers with their members, by member name. */
	namedAnswers(survey: string): Promise<NamedAnswer[]>;
	/** Forgets everything kept for `survey` (it was deleted). */
	forget(survey: string): Promise<void>;
	/**
	 * A deleted account: its named answers go (the published aggregates and the ballots, which
	 * name no one, stay, so the member is not counted again under that name).
	 */
	forgetMember(member: string): Promise<void>;
}

type Doc = { _id: string; _rev?: string; [key: string]: unknown };

const isConflict = (err: unknown): boolean => (err as { status?: number }).status === 409;

async function getOrNull(db: PouchDB.Database, id: string): Promise<Doc | null> {
	try {
		return (await db.get(id)) as Doc;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** The HMAC secret, created on first use (two concurrent first uses settle on the stored one). */
async function ballotKey(storage: Storage): Promise<KeyObject> {
	const db = storage.db(USERS_DB);
	const stored = await getOrNull(db, BALLOT_KEY_ID);
	if (typeof stored?.secret === 'string')
		return createSecretKey(new Uint8Array(Buffer.from(stored.secret, 'base64url')));
	try {
		await db.put({ _id: BALLOT_KEY_ID, secret: randomBytes(BALLOT_KEY_BYTES).toString('base64url') });
	} catch (err) {
		if (!isConflict(err)) throw err;
	}
	return ballotKey(storage);
}

export function createSurveyStore(storage: Storage): SurveyStore {
	const db = () => storage.db(SURVEYS_DB);
	let key: Promise<KeyObject> | null = null;
	const ballotId = async (survey: string, member: string): Promise<string> => {
		key ??= ballotKey(storage).catch((err: unknown) => {
			key = null;
			throw err;
		});
		const mac = createHmac('sha256', await key)
			.update(member)
			.digest('base64url');
		return `ballot:${idKey('survey', survey)}:${mac}`;
	};
	const answerRange = (survey: string) => idRange('answer', idKey('survey', survey));

	return {
		async addBallot(survey, member) {
			try {
				await db().put({ _id: await ballotId(survey, member) });
				return true;
			} catch (err) {
				if (isConflict(err)) return false;
				throw err;
			}
		},
		async hasBallot(survey, member) {
			return (await getOrNull(db(), await ballotId(survey, member))) !== null;
		},
		async anyBallot(survey) {
			const rows = await db().allDocs({ ...idRange('ballot', idKey('survey', survey)), limit: 1 });
			return rows.rows.length > 0;
		},
		async addAnswers(survey, answers, named) {
			const ulid = idKey('survey', survey);
			if (!named) return void (await db().put({ _id: `answer:${ulid}:${randomUUID()}`, answers }));
			await db().put({ _id: `answer:${ulid}:${named.member}`, answers, member: named.member, at: named.at });
		},
		async answerSets(survey) {
			const rows = await db().allDocs({ ...answerRange(survey), include_docs: true });
			return rows.rows.flatMap((row) => {
				const answers = (row.doc as Doc | undefined)?.answers;
				return typeof answers === 'object' && answers !== null ? [answers as SurveyAnswers] : [];
			});
		},
		async namedAnswers(survey) {
			const rows = await db().allDocs({ ...answerRange(survey), include_docs: true });
			return rows.rows.flatMap((row) => {
				const doc = row.doc as Doc | undefined;
				return doc && typeof doc.member === 'string' && typeof doc.at === 'string'
					? [{ member: doc.member, at: doc.at, answers: (doc.answers ?? {}) as SurveyAnswers }]
					: [];
			});
		},
		async forget(survey) {
			const ulid = idKey('survey', survey);
			const rows = await Promise.all(['ballot', 'answer'].map((type) => db().allDocs({ ...idRange(type, ulid) })));
			const gone = rows.flatMap((r) => r.rows.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })));
			if (gone.length) await db().bulkDocs(gone);
			// deleted documents keep their bodies until compaction
			await storage.compact(SURVEYS_DB);
		},
		async forgetMember(member) {
			// an anonymous answer's id ends with a uuid (36 characters), longer than any username
			const rows = await db().allDocs({ ...idRange('answer') });
			const gone = rows.rows
				.filter((row) => row.id.endsWith(`:${member}`))
				.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true }));
			if (gone.length === 0) return;
			await db().bulkDocs(gone);
			await storage.compact(SURVEYS_DB);
		}
	};
}

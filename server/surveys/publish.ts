// Publishing a survey's aggregate: `survey-results:{ulid}` in `community`, recomputed from every
// counted set of answers (aggregateSurvey) and signed by the server (author `praxis`), so it
// replicates to every device and verifies there. A named survey republishes after each counted
// answer. An anonymous one publishes in batches, so that a watcher of the results cannot tie one
// member's sync to one change of the figures: once SURVEY_BATCH answers arrived since the last
// publication; when it closes (what is left); during the grace after closing, again by batches;
// and what is left once the grace is over. A timer checks every SURVEY_CHECK_INTERVAL_MS and at
// start (follows server/compaction/scheduler.ts: unref'd timers, stop() waits for the run).
import { putAsServer, type ServerSigner } from '../devices/server-key';
import { deleteAsServer } from '../deletion/server-deletions';
import { COMMUNITY_DB, idRange, surveyResultsId } from '../../src/lib/domain/ids';
import { surveySchema, type SurveyDoc, type SurveyResultsDoc } from '../../src/lib/domain/schemas';
import { aggregateSurvey, SURVEY_GRACE_DAYS } from '../../src/lib/domain/surveys';
import type { Storage } from '../storage/index';
import type { Timers } from '../compaction/scheduler';
import type { SurveyStore } from './store';
import { SERVER_AUTHOR } from '../moderation/moderation-docs';
import * as v from 'valibot';

/** An anonymous survey's results change by at least this many answers at a time while it is open. */
export const SURVEY_BATCH = 5;
export const SURVEY_CHECK_INTERVAL_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
const CONFLICT_RETRIES = 5;

const realTimers: Timers = {
	set(fn, ms) {
		const handle = setTimeout(fn, ms);
		handle.unref();
		return handle;
	},
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/**
 * Whether a survey's results are due: `pending` answers counted since the last publication
 * (made at `publishedAt`, null when never). Pure, for the batch rule's tests.
 */
export function publicationDue(
	survey: Pick<SurveyDoc, 'anonymous' | 'closesAt'>,
	pending: number,
	publishedAt: string | null,
	now: string
): boolean {
	if (pending <= 0) return false;
	if (!survey.anonymous || pending >= SURVEY_BATCH) return true;
	if (now < survey.closesAt) return false;
	const graceEnd = new Date(Date.parse(survey.closesAt) + SURVEY_GRACE_DAYS * DAY_MS).toISOString();
	// the closing publication, then the rest once no more answers can come
	return publishedAt === null || publishedAt < survey.closesAt || now > graceEnd;
}

export interface PublisherDeps {
	storage: Storage;
	store: SurveyStore;
	signer: () => Promise<ServerSigner>;
	clock: () => Date;
	timers?: Timers;
	log?: (line: string) => void;
}

type Stored<T> = T & { _id: string; _rev: string };

async function getOrNull<T>(db: PouchDB.Database, id: string): Promise<Stored<T> | null> {
	try {
		const doc = (await db.get(id)) as Stored<T> & { _deleted?: boolean };
		return doc._deleted ? null : doc;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** A stored survey, if it exists and is well formed. */
export async function readSurvey(storage: Storage, survey: string): Promise<SurveyDoc | null> {
	const doc = await getOrNull<SurveyDoc>(storage.db(COMMUNITY_DB), survey);
	return doc && v.is(surveySchema, doc) ? doc : null;
}

export class SurveyPublisher {
	readonly #d: PublisherDeps & { timers: Timers; log: (line: string) => void };
	/** One publication per survey at a time: counting and the timer may race. */
	readonly #queues = new Map<string, Promise<unknown>>();
	#timer: unknown = null;
	#started = false;
	#running: Promise<void> = Promise.resolve();

	constructor(deps: PublisherDeps) {
		this.#d = { timers: realTimers, log: (line) => void process.stderr.write(line + '\n'), ...deps };
	}

	/** Checks every survey now, then every SURVEY_CHECK_INTERVAL_MS, until stop(). */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		this.#tick();
	}

	async stop(): Promise<void> {
		this.#started = false;
		if (this.#timer !== null) this.#d.timers.clear(this.#timer);
		this.#timer = null;
		await this.#running;
	}

	#tick(): void {
		this.#running = this.publishDue().catch((err: unknown) =>
			this.#d.log(`[surveys] results not published: ${String(err)}`)
		);
		this.#timer = this.#d.timers.set(() => {
			this.#timer = null;
			if (this.#started) this.#tick();
		}, SURVEY_CHECK_INTERVAL_MS);
	}

	/** Publishes the results of every survey that is due (publicationDue). */
	async publishDue(): Promise<void> {
		const rows = await this.#d.storage.db(COMMUNITY_DB).allDocs({ ...idRange('survey'), include_docs: true });
		for (const row of rows.rows) {
			const survey = row.doc as unknown;
			if (v.is(surveySchema, survey)) await this.publishIfDue(survey);
		}
	}

	/** After an answer was counted (or by the timer): publishes when the batch rule says so. */
	publishIfDue(survey: SurveyDoc): Promise<void> {
		return this.#serial(survey._id, async () => {
			const results = await this.#results(survey._id);
			const sets = await this.#d.store.answerSets(survey._id);
			const publishedAt = results ? (results.updatedAt ?? results.createdAt) : null;
			const now = this.#d.clock().toISOString();
			if (publicationDue(survey, sets.length - (results?.responses ?? 0), publishedAt, now))
				await this.#write(survey, sets);
		});
	}

	/** A deleted survey: its results leave `community`, its answers and ballots the server. */
	remove(survey: string): Promise<void> {
		return this.#serial(survey, async () => {
			await deleteAsServer(this.#d.storage.db(COMMUNITY_DB), [surveyResultsId(survey)], await this.#d.signer());
			await this.#d.store.forget(survey);
		});
	}

	#serial(survey: string, work: () => Promise<void>): Promise<void> {
		const next = (this.#queues.get(survey) ?? Promise.resolve()).then(work, work);
		const settled = next.catch(() => undefined);
		this.#queues.set(survey, settled);
		void settled.then(() => {
			if (this.#queues.get(survey) === settled) this.#queues.delete(survey);
		});
		return next;
	}

	#results(survey: string): Promise<Stored<SurveyResultsDoc> | null> {
		return getOrNull<SurveyResultsDoc>(this.#d.storage.db(COMMUNITY_DB), surveyResultsId(survey));
	}

	async #write(survey: SurveyDoc, sets: Awaited<ReturnType<SurveyStore['answerSets']>>): Promise<void> {
		const db = this.#d.storage.db(COMMUNITY_DB);
		const signer = await this.#d.signer();
		const aggregate = aggregateSurvey(survey, sets);
		for (let attempt = 0; ; attempt++) {
			const prev = await this.#results(survey._id);
			const at = this.#d.clock().toISOString();
			const doc = {
				_id: surveyResultsId(survey._id),
				...(prev ? { _rev: prev._rev } : {}),
				type: 'survey-results',
				author: SERVER_AUTHOR,
				createdAt: prev?.createdAt ?? at,
				...(prev ? { updatedAt: at } : {}),
				survey: survey._id,
				...aggregate
			};
			try {
				await putAsServer(db, doc, signer);
				return;
			} catch (err) {
				if ((err as { status?: number }).status !== 409 || attempt >= CONFLICT_RETRIES) throw err;
			}
		}
	}
}

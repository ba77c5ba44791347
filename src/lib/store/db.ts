// The Dexie database `praxis-{username}`: projections of the member's PouchDB documents shaped
// for screens, plus device-only state. Projections can always be rebuilt from PouchDB
// (PROJECTION_TABLES); the other tables are the device's own and survive a rebuild.
//
//   categories  category docs, by slug (forum index)
//   threads     thread docs + aggregates derived from posts (replyCount, lastPostAt, lastAuthor,
//               lastActivity); listed by [category+deleted+lastActivity], filtered by *tags
//   posts       post docs by [thread+createdAt]; a deleted post keeps its row (deleted: 1, no body)
//   votes       vote docs by target; voteTotals holds the per-target sums derived from them
//   profiles    profile docs by username (display names)
//   readState   threadId → reply count and time last seen (unread markers)      [device]
//   drafts      key → unsaved text of a form, updatedAt                           [device]
//   outbox      local writes the server has not acknowledged yet ("waiting")       [device]
//   rejected    writes the server refused: doc + reason, for "Needs attention"    [device]
//   conflicts   documents with conflicting revisions (id, winner, losing revs)    [projection]
//   threadTags  one row per (listed thread, tag) by [category+tag+lastActivity]: the tag filter
//               pages like the plain list (IndexedDB cannot compound a multiEntry index)
//   orphans     threads that have posts but no thread row yet (out-of-order arrival): a new
//               thread row queries its posts only when listed here               [projection]
//   syncLog     replication events for diagnosis                                   [device]
//   meta        feed followers' checkpoints, schema version                        [device]
//   moderation, flags  moderators' decisions and the member's own flags (moderation/tables.ts)
//   stories, adoptions  success stories and "we adopted this" records (stories/, adoptions/tables.ts)
//   recognitionFacts, recognitionStandings, recognitionLedgers  points, badges and levels (recognition/tables.ts)
//   challenges, judgings  community challenges and judges' scores (challenges/tables.ts)
//   suggestions  members' suggestions with the moderators' status and reply (suggestions/tables.ts)
//   surveys, surveyResults, surveyAnswers, surveyKept  surveys, their results, my answers and the
//               device's copy of them (surveys/tables.ts)
//   hubMail     direct messages received through a meetup hub, and receipts of mine it delivered
//               (people/hub-mail.ts)                                                [device]
import Dexie, { type Table } from 'dexie';
import { dexieDbName } from './names';
import { voteId } from '../domain/ids';
import {
	LIBRARY_CARDS_STORES,
	LIBRARY_SCHEMA_VERSION,
	LIBRARY_STORES,
	cardOf,
	type ResourceDocRow
} from './library/tables';
import { EVENTS_SCHEMA_VERSION, EVENTS_STORES, PLACES_STORES } from './events/tables';
import { MODERATION_SCHEMA_VERSION, MODERATION_STORES } from './moderation/tables';
import { STORIES_STORES } from './stories/tables';
import { ADOPTIONS_STORES } from './adoptions/tables';
import { RECOGNITION_SCHEMA_VERSION, RECOGNITION_STORES } from './recognition/tables';
import { CHALLENGES_SCHEMA_VERSION, CHALLENGES_STORES } from './challenges/tables';
import { SUGGESTIONS_SCHEMA_VERSION, SUGGESTIONS_STORES } from './suggestions/tables';
import { FEEDBACK_SCHEMA_VERSION, FEEDBACK_STORES } from './feedback/tables';
import { SURVEYS_SCHEMA_VERSION, SURVEYS_STORES } from './surveys/tables';
import type {
	CategoryRow,
	ConflictRow,
	DraftRow,
	MetaRow,
	OutboxRow,
	PostRow,
	ProfileRow,
	ReadStateRow,
	RejectedRow,
	SyncLogRow,
	ThreadRow,
	ThreadTagRow,
	VoteRow,
	VoteTotalRow
} from './types';

export const SCHEMA_VERSION = 3;
/** Above the library's and the events' versions (tables.ts of each). */
export const MINE_ON_TOTALS_VERSION = 21;
/** One community feed follower: the legacy resources table goes, the checkpoints become one. */
export const ONE_FOLLOWER_VERSION = 22;
/** The server's place documents at events get a table; the community feed is replayed to fill it. */
export const PLACES_VERSION = 24;
/** Success stories and adoptions get tables; the community feed is replayed to fill them. */
export const STORIES_VERSION = 25;

/**
 * Threads and posts get an index by author: a person's page, the home's "new replies in your
 * threads" and the welcome checklist read a member's own threads and posts without walking every
 * thread of the community. IndexedDB builds the new indexes over the rows already there.
 */
export const AUTHOR_INDEX_VERSION = 33;

/**
 * Direct messages through a meetup hub (people/hub-mail.ts): those received through it, shown
 * until the central server's copy arrives, and the receipts of mine it delivered. Device state,
 * not a projection: a rebuild keeps it.
 */
export const HUB_MAIL_VERSION = 34;

/**
 * The library's cards (library/tables.ts libCards): what the list, its filters and related
 * resources show, without bodies. Filled from the resources already projected (no replay).
 */
export const LIBRARY_CARDS_VERSION = 35;

export type DexieOptions = ConstructorParameters<typeof Dexie>[1];

export class PraxisDb extends Dexie {
	categories!: Table<CategoryRow, string>;
	threads!: Table<ThreadRow, string>;
	posts!: Table<PostRow, string>;
	votes!: Table<VoteRow, string>;
	voteTotals!: Table<VoteTotalRow, string>;
	profiles!: Table<ProfileRow, string>;
	readState!: Table<ReadStateRow, string>;
	drafts!: Table<DraftRow, string>;
	outbox!: Table<OutboxRow, string>;
	rejected!: Table<RejectedRow, string>;
	conflicts!: Table<ConflictRow, string>;
	orphans!: Table<{ thread: string }, string>;
	threadTags!: Table<ThreadTagRow, [string, string]>;
	syncLog!: Table<SyncLogRow, number>;
	meta!: Table<MetaRow, string>;

	constructor(username: string, options?: DexieOptions) {
		super(dexieDbName(username), options);
		this.version(SCHEMA_VERSION).stores({
			categories: 'slug, order',
			threads: 'id, [category+deleted+lastActivity], *tags',
			posts: 'id, [thread+createdAt]',
			votes: 'id, target',
			voteTotals: 'target',
			profiles: 'username',
			resources: 'id, [status+createdAt], kind, *tags, author',
			readState: 'threadId',
			drafts: 'key',
			outbox: 'id, db',
			rejected: 'id',
			conflicts: 'id',
			orphans: 'thread',
			threadTags: '[thread+tag], [category+tag+lastActivity]',
			syncLog: '++seq, at',
			meta: 'key'
		});
		// the library's tables (src/lib/store/library/tables.ts)
		this.version(LIBRARY_SCHEMA_VERSION).stores({ ...LIBRARY_STORES });
		// events, people, messages, notifications (src/lib/store/events/tables.ts)
		this.version(EVENTS_SCHEMA_VERSION).stores({ ...EVENTS_STORES });
		// Vote totals carry the member's own vote (`mine`): filled in from the votes table once.
		this.version(MINE_ON_TOTALS_VERSION)
			.stores({})
			.upgrade(async (tx) => {
				const totals = tx.table<VoteTotalRow, string>('voteTotals');
				const votes = tx.table<VoteRow, string>('votes');
				const rows = await totals.toArray();
				const mine = await votes.bulkGet(rows.map((row) => voteId(row.target, username)));
				await totals.bulkPut(rows.map((row, i) => ({ ...row, mine: mine[i]?.value ?? 0 })));
			});
		// Resources are projected by the library alone (libResources). The forum projector and the
		// events runner each kept a checkpoint of the community feed; the one follower resumes
		// from the earlier of the two (re-applying a change is harmless, skipping one is not).
		this.version(ONE_FOLLOWER_VERSION)
			.stores({ resources: null })
			.upgrade(async (tx) => {
				const meta = tx.table<MetaRow, string>('meta');
				const [forum, events] = await meta.bulkGet([CHECKPOINT_KEY, LEGACY_EVENTS_CHECKPOINT_KEY]);
				if (forum) {
					// seqs that are not both numbers cannot be ordered: replay from 0 then
					const both = typeof forum.value === 'number' && typeof events?.value === 'number';
					if (both)
						await meta.put({ key: CHECKPOINT_KEY, value: Math.min(forum.value as number, events.value as number) });
					else await meta.delete(CHECKPOINT_KEY);
				}
				await meta.delete(LEGACY_EVENTS_CHECKPOINT_KEY);
			});
		// Moderators' decisions and flags (moderation/tables.ts). The community follower only reads
		// changes after its checkpoint: it replays from 0 once so the decisions already synced are
		// projected (re-applying a change is harmless). Flags are new in the private replica.
		this.version(MODERATION_SCHEMA_VERSION)
			.stores({ ...MODERATION_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		// Place documents already in the replica were skipped when they were first applied: the
		// community follower starts again from the beginning (re-applying a change is harmless).
		this.version(PLACES_VERSION)
			.stores({ ...PLACES_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		// Stories and adoptions (stories/tables.ts, adoptions/tables.ts): replayed from the start like places.
		this.version(STORIES_VERSION)
			.stores({ ...STORIES_STORES, ...ADOPTIONS_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		// Recognition (recognition/tables.ts): replayed from the start so every fact is projected.
		this.version(RECOGNITION_SCHEMA_VERSION)
			.stores({ ...RECOGNITION_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		// Challenges and judgings (challenges/tables.ts): replayed from the start like places.
		this.version(CHALLENGES_SCHEMA_VERSION)
			.stores({ ...CHALLENGES_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		// Suggestions (suggestions/tables.ts): replayed from the start like places.
		this.version(SUGGESTIONS_SCHEMA_VERSION)
			.stores({ ...SUGGESTIONS_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		// "Was this useful?" answers (feedback/tables.ts): replayed from the start like places.
		this.version(FEEDBACK_SCHEMA_VERSION)
			.stores({ ...FEEDBACK_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		// Surveys and their results (surveys/tables.ts): replayed from the start like places. The
		// member's answers are new in the private replica, whose follower has not skipped any.
		this.version(SURVEYS_SCHEMA_VERSION)
			.stores({ ...SURVEYS_STORES })
			.upgrade(async (tx) => {
				await tx.table<MetaRow, string>('meta').delete(CHECKPOINT_KEY);
			});
		this.version(AUTHOR_INDEX_VERSION).stores({
			threads: 'id, [category+deleted+lastActivity], *tags, author',
			posts: 'id, [thread+createdAt], author'
		});
		this.version(HUB_MAIL_VERSION).stores({ hubMail: 'id, [peer+createdAt], kind' });
		this.version(LIBRARY_CARDS_VERSION)
			.stores({ ...LIBRARY_CARDS_STORES })
			.upgrade(async (tx) => {
				const resources = await tx.table<ResourceDocRow, string>('libResources').toArray();
				await tx.table('libCards').bulkPut(resources.map(cardOf));
			});
	}
}

/** Tables the forum projection owns (forum-projection.ts): cleared by rebuild() and refilled from PouchDB. */
export const PROJECTION_TABLES = [
	'categories',
	'threads',
	'posts',
	'votes',
	'voteTotals',
	'profiles',
	'conflicts',
	'orphans',
	'threadTags'
] as const;

export type ProjectionTable = (typeof PROJECTION_TABLES)[number];

/** The community feed follower's checkpoint (every projection of the community replica). */
export const CHECKPOINT_KEY = 'projector.checkpoint';
/** The events runner's own community checkpoint, before one follower drove every projection. */
const LEGACY_EVENTS_CHECKPOINT_KEY = 'events.checkpoint.community';

// Challenge queries over Dexie (screens wrap them in liveQuery): challenges by status at the
// device's time, one challenge with its entries (published stories and resources naming it),
// their votes, the judges' scores (only once it closed) and their ranking, and the member's own
// works they could enter.
import {
	challengeStatus,
	isClosed,
	rankEntries,
	type ChallengeStatus,
	type RankedEntry
} from '../../domain/challenges';
import { isModerator } from '../../domain/permissions';
import type { StoreContext } from '../context';
import { libraryTables } from '../library/tables';
import { storyTables } from '../stories/tables';
import { challengeTables, type ChallengeRow, type JudgingRow } from './tables';

export interface ChallengeSummary {
	id: string;
	/** The part of the id in `/challenges/{ulid}`. */
	ulid: string;
	title: string;
	status: ChallengeStatus;
	opensAt: string;
	closesAt: string;
	recognition: string;
	announcedAt?: string;
}

export interface ChallengeLists {
	open: ChallengeSummary[];
	judging: ChallengeSummary[];
	past: ChallengeSummary[];
	upcoming: ChallengeSummary[];
}

export interface EntryView {
	id: string;
	kind: 'story' | 'resource';
	/** `/stories/{ulid}` or `/library/{ulid}`. */
	href: string;
	title: string;
	author: string;
	votes: number;
	myVote: boolean;
	/** Judges' scores and comments: empty until the challenge closes. */
	judgings: JudgingRow[];
}

export interface ChallengeView {
	challenge: ChallengeRow;
	ulid: string;
	status: ChallengeStatus;
	entries: EntryView[];
	/** Best first, by mean judges' score then votes (empty until the challenge closes). */
	ranking: RankedEntry[];
	isJudge: boolean;
	isModerator: boolean;
}

export interface EntryChoice {
	id: string;
	kind: 'story' | 'resource';
	title: string;
	/** The challenge it is already entered in, if any. */
	challenge?: string;
}

const ulidOf = (id: string): string => id.slice(id.indexOf(':') + 1);
const now = (ctx: StoreContext): Date => new Date(ctx.now());

function summaryOf(row: ChallengeRow, at: Date): ChallengeSummary {
	return {
		id: row.id,
		ulid: ulidOf(row.id),
		title: row.title,
		status: challengeStatus(row, at),
		opensAt: row.opensAt,
		closesAt: row.closesAt,
		recognition: row.recognition,
		announcedAt: row.announcedAt
	};
}

/** Every challenge by status: open ones closing soonest first, the others newest first. */
export async function listChallenges(ctx: StoreContext): Promise<ChallengeLists> {
	const rows = await challengeTables(ctx.db).challenges.orderBy('closesAt').toArray();
	const at = now(ctx);
	const lists: ChallengeLists = { open: [], judging: [], past: [], upcoming: [] };
	for (const row of rows) {
		const summary = summaryOf(row, at);
		lists[summary.status].push(summary);
	}
	lists.judging.reverse();
	lists.past.reverse();
	return lists;
}

export async function getChallengeRow(ctx: StoreContext, id: string): Promise<ChallengeRow | undefined> {
	return challengeTables(ctx.db).challenges.get(id);
}

/** Published stories and resources naming the challenge. */
async function entriesOf(ctx: StoreContext, id: string): Promise<Omit<EntryView, 'votes' | 'myVote' | 'judgings'>[]> {
	const stories = await storyTables(ctx.db).stories.where('challenge').equals(id).toArray();
	const resources = await libraryTables(ctx.db)
		.resources.where('status')
		.equals('published')
		.filter((r) => (r as { challenge?: string }).challenge === id)
		.toArray();
	return [
		...stories
			.filter((s) => s.status === 'published')
			.map((s) => ({
				id: s.id,
				kind: 'story' as const,
				href: `/stories/${ulidOf(s.id)}`,
				title: String(s.title),
				author: String(s.author)
			})),
		...resources.map((r) => ({
			id: r.id,
			kind: 'resource' as const,
			href: `/library/${ulidOf(r.id)}`,
			title: r.title,
			author: r.author
		}))
	];
}

export async function getChallenge(ctx: StoreContext, id: string): Promise<ChallengeView | undefined> {
	const row = await getChallengeRow(ctx, id);
	if (!row) return undefined;
	const at = now(ctx);
	const closed = isClosed(row, at);
	const found = await entriesOf(ctx, id);
	const totals = await ctx.db.voteTotals.bulkGet(found.map((e) => e.id));
	// judges' scores stay unseen by members until the challenge closes
	const judgings = closed ? await challengeTables(ctx.db).judgings.where('challenge').equals(id).toArray() : [];
	const entries: EntryView[] = found.map((e, i) => ({
		...e,
		votes: totals[i]?.up ?? 0,
		myVote: (totals[i]?.mine ?? 0) > 0,
		judgings: judgings.filter((j) => j.entry === e.id)
	}));
	const ranking = closed
		? rankEntries(entries.map((e) => ({ entry: e.id, votes: e.votes, scores: e.judgings.map((j) => j.scores) })))
		: [];
	return {
		challenge: row,
		ulid: ulidOf(id),
		status: challengeStatus(row, at),
		entries: ranking.length ? ranking.map((r) => entries.find((e) => e.id === r.entry)!) : entries,
		ranking,
		isJudge: row.judges.includes(ctx.member.name),
		isModerator: isModerator(ctx.member)
	};
}

/** The member's own scores of an entry, if they judged it. */
export async function myJudging(ctx: StoreContext, challenge: string, entry: string): Promise<JudgingRow | undefined> {
	const rows = await challengeTables(ctx.db).judgings.where('[challenge+entry]').equals([challenge, entry]).toArray();
	return rows.find((j) => j.author === ctx.member.name);
}

/** The member's stories and resources (any status), for "Enter this challenge". */
export async function myEntryChoices(ctx: StoreContext): Promise<EntryChoice[]> {
	const me = ctx.member.name;
	const stories = await storyTables(ctx.db).stories.where('author').equals(me).toArray();
	const resources = await libraryTables(ctx.db).resources.where('author').equals(me).toArray();
	return [
		...stories.map((s) => ({
			id: s.id,
			kind: 'story' as const,
			title: String(s.title),
			challenge: typeof s.challenge === 'string' ? s.challenge : undefined
		})),
		...resources.map((r) => ({
			id: r.id,
			kind: 'resource' as const,
			title: r.title,
			challenge: (r as { challenge?: string }).challenge
		}))
	].sort((a, b) => a.title.localeCompare(b.title));
}

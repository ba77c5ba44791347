// Challenge writes, each one signed put through the store's write path (../writes.ts putDoc):
// moderators set, edit and announce winners; members enter or withdraw one of their stories or
// resources; judges score entries. Each is refused here first with the same reason the server
// gives (domain/challenges.ts, permissions.ts), judged at the device's time.
import { entryRefusal, judgingRefusal, winnersRefusal } from '../../domain/challenges';
import { docId, judgingId, normalizeTags } from '../../domain/ids';
import { authorizeRelated } from '../../domain/permissions';
import { t } from '../../i18n';
import { type StoreContext } from '../context';
import { putDoc, currentDoc as getDoc, authorizeWrite as authorize } from '../writes';
import { getChallengeRow } from './queries';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

export interface ChallengeInput {
	title: string;
	problem: string;
	criteria: { name: string; description?: string }[];
	/** ISO 8601 instants. */
	opensAt: string;
	closesAt: string;
	judges: string[];
	recognition: string;
	tags: string[];
}

export interface WinnerInput {
	entry: string;
	place: number;
	note?: string;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const refuse = (reason: string): never => {
	throw new Error(capitalize(reason) + '.');
};

async function mustChallenge(ctx: StoreContext, id: string) {
	const row = await getChallengeRow(ctx, id);
	if (!row) throw new Error(t('challenges:notOnDevice'));
	return row;
}

/** Creates a challenge (no id) or edits one; returns its id. */
export async function saveChallenge(ctx: StoreContext, input: ChallengeInput, id?: string): Promise<string> {
	const prev = id ? await getDoc(ctx, id) : null;
	if (id && !prev) throw new Error(t('challenges:notOnDevice'));
	const at = ctx.now();
	const doc: Doc = {
		...(prev ?? {}),
		...input,
		criteria: input.criteria.map((c) => (c.description ? c : { name: c.name })),
		tags: normalizeTags(input.tags),
		_id: id ?? docId('challenge'),
		type: 'challenge',
		author: typeof prev?.author === 'string' ? prev.author : ctx.member.name,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : at
	};
	if (prev) doc.updatedAt = at;
	authorize(ctx, doc, prev);
	return putDoc(ctx, doc);
}

/** Announces the winners (places 1, 2…) of a closed challenge. */
export async function announceWinners(ctx: StoreContext, id: string, winners: WinnerInput[]): Promise<void> {
	const prev = await getDoc(ctx, id);
	if (!prev) throw new Error(t('challenges:notOnDevice'));
	const row = await mustChallenge(ctx, id);
	const at = ctx.now();
	const doc: Doc = { ...prev, winners, announcedAt: at, updatedAt: at };
	authorize(ctx, doc, prev);
	const entries = new Map<string, string | null>();
	for (const w of winners) {
		const entry = await getDoc(ctx, w.entry);
		entries.set(w.entry, typeof entry?.challenge === 'string' ? entry.challenge : null);
	}
	const reason = winnersRefusal({ ...row, winners, announcedAt: at }, row, (e) => entries.get(e) ?? null, new Date(at));
	if (reason) refuse(reason);
	await putDoc(ctx, doc);
}

/** Enters one of the member's stories or resources (`entry` its id), or withdraws it (`challenge` null). */
export async function setEntry(ctx: StoreContext, entry: string, challenge: string | null): Promise<void> {
	const prev = await getDoc(ctx, entry);
	if (!prev || !/^(story|resource):/.test(entry)) throw new Error(t('challenges:store.entryNotOnDevice'));
	const before = typeof prev.challenge === 'string' ? prev.challenge : undefined;
	const rows = new Map<string, Awaited<ReturnType<typeof getChallengeRow>>>();
	for (const id of [before, challenge ?? undefined]) if (id) rows.set(id, await getChallengeRow(ctx, id));
	const reason = entryRefusal(challenge ?? undefined, before, (id) => rows.get(id) ?? null, new Date(ctx.now()));
	if (reason) refuse(reason);
	const { challenge: _, ...rest } = prev;
	const doc: Doc = { ...rest, _id: entry, updatedAt: ctx.now() };
	if (challenge) doc.challenge = challenge;
	authorize(ctx, doc, prev);
	await putDoc(ctx, doc);
}

/** A judge's scores of an entry (one 1–5 per criterion) and comment. */
export async function judge(
	ctx: StoreContext,
	challenge: string,
	entry: string,
	scores: number[],
	comment: string
): Promise<void> {
	const row = await mustChallenge(ctx, challenge);
	const judges = authorizeRelated(ctx.member, { _id: '', type: 'judging', challenge }, row);
	if (!judges.ok) refuse(judges.reason);
	const entryDoc = await getDoc(ctx, entry);
	const entered = typeof entryDoc?.challenge === 'string' ? entryDoc.challenge : null;
	const reason = judgingRefusal({ entry, scores }, row, entered, new Date(ctx.now()));
	if (reason) refuse(reason);
	const id = judgingId(challenge, entry, ctx.member.name);
	const prev = await getDoc(ctx, id);
	const at = ctx.now();
	const doc: Doc = {
		_id: id,
		type: 'judging',
		author: ctx.member.name,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : at,
		challenge,
		entry,
		scores,
		comment
	};
	if (prev) {
		doc._rev = prev._rev;
		doc.updatedAt = at;
	}
	authorize(ctx, doc, prev);
	await putDoc(ctx, doc);
}

/// <reference types="pouchdb-core" />
// Suggestion writes: a member's new suggestion (open, no answer), the author's edit of its text,
// votes (ordinary `vote:{suggestion id}:{member}` documents), and the moderators' status with
// their reply. The shared permission rules are checked first so the member reads the reason at once.
import { docId } from '../../domain/ids';
import type { SuggestionStatus } from '../../domain/schemas';
import type { SuggestionArea } from '../../domain/suggestions';
import { t } from '../../i18n';
import { cleanDoc, isNotFound, type StoreContext } from '../context';
import { putDoc, vote, authorizeWrite as authorize } from '../writes';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

/** What the suggestion form edits. */
export interface SuggestionInput {
	area: SuggestionArea;
	title: string;
	body: string;
}

/** A suggestion id from its ulid or its id. */
export const suggestionIdOf = (idOrUlid: string): string =>
	idOrUlid.startsWith('suggestion:') ? idOrUlid : `suggestion:${idOrUlid}`;

async function getSuggestion(ctx: StoreContext, id: string): Promise<Doc> {
	try {
		const doc = cleanDoc(await ctx.community.get(suggestionIdOf(id))) as Doc;
		if (doc.type === 'suggestion') return doc;
	} catch (err) {
		if (!isNotFound(err)) throw err;
	}
	throw new Error(t('suggestions:edit.notOnDevice'));
}

const fields = (input: SuggestionInput) => ({ area: input.area, title: input.title.trim(), body: input.body.trim() });

/** A new suggestion, open and unanswered. Returns its id. */
export async function createSuggestion(ctx: StoreContext, input: SuggestionInput): Promise<string> {
	const doc: Doc = {
		_id: docId('suggestion'),
		type: 'suggestion',
		author: ctx.member.name,
		createdAt: ctx.now(),
		...fields(input),
		status: 'open'
	};
	authorize(ctx, doc, null);
	return putDoc(ctx, doc);
}

/** The author's edit of the text; the status and the moderators' reply stay as they are. */
export async function editSuggestion(ctx: StoreContext, id: string, input: SuggestionInput): Promise<void> {
	const prev = await getSuggestion(ctx, id);
	if (prev.author !== ctx.member.name) throw new Error(t('suggestions:edit.notYours'));
	const next: Doc = { ...prev, ...fields(input), updatedAt: ctx.now() };
	authorize(ctx, next, prev);
	await putDoc(ctx, next);
}

/** A moderator's status with their reply to the member (the reply may be empty). */
export async function setSuggestionStatus(
	ctx: StoreContext,
	id: string,
	status: SuggestionStatus,
	reply: string
): Promise<void> {
	const prev = await getSuggestion(ctx, id);
	const now = ctx.now();
	const next: Doc = { ...prev, status, response: { text: reply.trim(), by: ctx.member.name, at: now }, updatedAt: now };
	authorize(ctx, next, prev);
	await putDoc(ctx, next);
}

/** Votes for a suggestion (on) or takes the vote back. One's own vote is written but never counted. */
export async function voteForSuggestion(ctx: StoreContext, id: string, on: boolean): Promise<void> {
	const prev = await getSuggestion(ctx, id);
	await vote(ctx, prev._id, on ? 1 : 0);
}

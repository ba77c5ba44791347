// Feedback writes: give or change the member's "Was this useful?" answer on an item, or remove
// it. The item is read from this device's replica and judged by the same rule the server applies
// (domain/feedback.ts), so the member reads the reason at once rather than after a sync.
import { EVENT_NOT_OVER, feedbackRefusal, NO_SUCH_ITEM, OWN_ITEM, type FeedbackItemFacts } from '../../domain/feedback';
import { feedbackId } from '../../domain/ids';
import { type DocFacts } from '../../domain/permissions';
import { tombstoneOf } from '../../domain/tombstones';
import { type StoreContext } from '../context';
import { putDoc, currentDoc as getDoc, authorizeWrite as authorize } from '../writes';
import { t } from '../../i18n';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

/** The member's answer: useful or not, and an optional comment (empty is none). */
export interface FeedbackInput {
	useful: boolean;
	comment?: string;
}

/** The shared rule's refusal as a sentence in the interface language. */
function sentence(reason: string): string {
	if (reason === NO_SUCH_ITEM) return t('feedback:errors.noSuchItem');
	if (reason === EVENT_NOT_OVER) return t('feedback:errors.eventNotOver');
	if (reason === OWN_ITEM) return t('feedback:errors.ownItem');
	return reason.charAt(0).toUpperCase() + reason.slice(1) + '.';
}

/** Gives, or changes, the member's answer on `target`; returns the feedback id. */
export async function giveFeedback(ctx: StoreContext, target: string, input: FeedbackInput): Promise<string> {
	const item = (await getDoc(ctx, target)) as FeedbackItemFacts | null;
	const refusal = feedbackRefusal(item, ctx.member.name, ctx.now());
	if (refusal) throw new Error(sentence(refusal));
	const id = feedbackId(target, ctx.member.name);
	const prev = await getDoc(ctx, id);
	const comment = input.comment?.trim() ?? '';
	const doc: Doc = {
		_id: id,
		type: 'feedback',
		author: ctx.member.name,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : ctx.now(),
		target,
		useful: input.useful,
		...(comment ? { comment } : {})
	};
	if (prev) {
		doc._rev = prev._rev;
		doc.updatedAt = ctx.now();
	}
	authorize(ctx, doc, prev);
	return putDoc(ctx, doc);
}

/** Removes the member's answer on `target` (nothing when there is none). */
export async function removeFeedback(ctx: StoreContext, target: string): Promise<void> {
	const prev = await getDoc(ctx, feedbackId(target, ctx.member.name));
	if (!prev) return;
	const tombstone: Doc = { ...tombstoneOf(prev), target: prev.target, _rev: prev._rev };
	authorize(ctx, tombstone as DocFacts, prev);
	await putDoc(ctx, tombstone);
}

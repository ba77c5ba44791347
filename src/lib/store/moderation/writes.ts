// The member's flags: one `flag:{target}:{me}` per item, written into the member's PRIVATE
// replica (never into `community`: only its author and the moderators read it). The write is
// local and syncs when the device is online; withdrawing deletes it, while no moderator decided.
import * as v from 'valibot';
import { FLAG_TARGET_PATTERN, flagId } from '../../domain/ids';
import { flagSchema, type FlagReason } from '../../domain/schemas';
import { tombstoneOf } from '../../domain/tombstones';
import { describeIssues } from '../../domain/validate';
import { cleanDoc, isNotFound, type StoreContext } from '../context';
import { putDoc } from '../writes';
import { itemOf } from './queries';
import { t } from '../../i18n';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

export interface FlagInput {
	target: string;
	reason: FlagReason;
	/** What is wrong, in the member's words: required when the reason is "other". */
	text?: string;
}

async function getFlag(ctx: StoreContext, id: string): Promise<Doc | null> {
	try {
		return cleanDoc(await ctx.private.get(id)) as Doc;
	} catch (err) {
		if (isNotFound(err)) return null;
		throw err;
	}
}

/** Writes (or, before a decision, changes) the member's flag on an item. */
export async function flag(ctx: StoreContext, input: FlagInput): Promise<string> {
	const me = ctx.member.name;
	if (!FLAG_TARGET_PATTERN.test(input.target)) throw new Error(t('flags:errors.notFlaggable'));
	const item = await itemOf(ctx, input.target);
	if (item.author === me) throw new Error(t('flags:errors.own'));
	const text = input.text?.trim();
	if (input.reason === 'other' && !text) throw new Error(t('flags:errors.otherNeedsText'));
	const id = flagId(input.target, me);
	const prev = await getFlag(ctx, id);
	if (prev?.decision) throw new Error(t('flags:errors.decidedChange'));
	const doc: Doc = {
		_id: id,
		type: 'flag',
		author: me,
		createdAt: ctx.now(),
		target: input.target,
		reason: input.reason
	};
	if (text) doc.text = text;
	if (prev?._rev) {
		doc._rev = prev._rev;
		doc.updatedAt = ctx.now();
	}
	const checked = v.safeParse(flagSchema, doc);
	if (!checked.success) throw new Error(t('flags:errors.invalid', { issues: describeIssues(checked.issues) }));
	await putDoc(ctx, doc, 'private');
	await ctx.followers.catchUp();
	return id;
}

/** Deletes the member's flag; refused once a moderator decided on it. */
export async function withdrawFlag(ctx: StoreContext, target: string): Promise<void> {
	const prev = await getFlag(ctx, flagId(target, ctx.member.name));
	if (!prev) throw new Error(t('flags:errors.notFlagged'));
	if (prev.decision) throw new Error(t('flags:errors.decidedWithdraw'));
	// the tombstone keeps who flagged what, so the server can take it out of the moderators' queue
	await putDoc(ctx, { ...tombstoneOf(prev), target: prev.target, _rev: prev._rev }, 'private');
	await ctx.followers.catchUp();
}

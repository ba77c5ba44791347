/// <reference types="pouchdb-core" />
// The store's writes: each is one awaited put of a whole document into the member's local
// PouchDB, validated with the shared schema (and the shared permission rules) first, recorded
// in the outbox until the server acknowledges it, and projected before the call resolves.
import { docId, normalizeTags, profileId, voteId } from '../domain/ids';
import { authorizeCommunityWrite, authorizeRelated, type DocFacts } from '../domain/permissions';
import { communityDocProblems, InvalidDocError, validateCommunityDoc } from '../domain/validate';
import { tombstoneOf } from '../domain/tombstones';
import { cleanDoc, isNotFound, notify, pouchOf, type StoreContext } from './context';
import { writeSigned } from './signing/index';
import type { LocalDbKind, NewThread, ProfileInput, ThreadEdit } from './types';
import { t } from '../i18n';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

export { normalizeTags };

/** Validates (unless a deletion), signs and puts `doc`, records it in the outbox, projects it. */
export async function putDoc(ctx: StoreContext, doc: Doc, kind: LocalDbKind = 'community'): Promise<string> {
	if (!doc._deleted && kind === 'community') {
		const checked = validateCommunityDoc(doc);
		if (!checked.ok) throw new InvalidDocError(capitalize(checked.reason), communityDocProblems(doc));
	}
	// Signed by the device key over the validated content; see signing/keys.ts.
	const rev = await writeSigned(ctx, pouchOf(ctx, kind), doc);
	await ctx.db.outbox.put({ id: doc._id, db: kind, rev, at: ctx.now(), deleted: doc._deleted === true });
	notify(ctx);
	if (kind === 'community') await ctx.followers.catchUp();
	return doc._id;
}

function capitalize(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The current revision of a community document on this device, or null when it has none. */
export async function currentDoc(ctx: StoreContext, id: string): Promise<Doc | null> {
	try {
		return cleanDoc(await ctx.community.get(id)) as Doc;
	} catch (err) {
		if (isNotFound(err)) return null;
		throw err;
	}
}
const getDoc = currentDoc;

type ForumItem = 'thread' | 'post' | 'reply' | 'vote';

async function mustGet(ctx: StoreContext, id: string, what: ForumItem): Promise<Doc> {
	const doc = await getDoc(ctx, id);
	if (!doc) throw new Error(t(`forums:store.missing.${what}`));
	return doc;
}

/**
 * The server's own rules checked before writing, so a member reads the reason at once rather than
 * after a sync. `related`: the document the write depends on (permissions.ts relatedIdOf).
 */
export function authorizeWrite(
	ctx: StoreContext,
	next: DocFacts,
	prev: DocFacts | null,
	related?: DocFacts | null
): void {
	let decision = authorizeCommunityWrite(ctx.member, next, prev);
	if (decision.ok && related !== undefined) decision = authorizeRelated(ctx.member, next, related);
	if (!decision.ok) throw new Error(capitalize(decision.reason) + '.');
}
const authorize = authorizeWrite;

export async function createThread(ctx: StoreContext, input: NewThread): Promise<string> {
	const doc: Doc = {
		_id: docId('thread'),
		type: 'thread',
		author: ctx.member.name,
		createdAt: ctx.now(),
		category: input.category,
		title: input.title.trim(),
		body: input.body,
		tags: normalizeTags(input.tags)
	};
	return putDoc(ctx, doc);
}

export async function reply(
	ctx: StoreContext,
	input: { thread: string; body: string; replyTo?: string }
): Promise<string> {
	const doc: Doc = {
		_id: docId('post'),
		type: 'post',
		author: ctx.member.name,
		createdAt: ctx.now(),
		thread: input.thread,
		body: input.body
	};
	if (input.replyTo) doc.replyTo = input.replyTo;
	return putDoc(ctx, doc);
}

async function edit(ctx: StoreContext, id: string, what: ForumItem, fields: Record<string, unknown>): Promise<void> {
	const prev = await mustGet(ctx, id, what);
	const next: Doc = { ...prev, ...fields, updatedAt: ctx.now() };
	authorize(ctx, next, prev);
	await putDoc(ctx, next);
}

export async function editThread(ctx: StoreContext, id: string, change: ThreadEdit): Promise<void> {
	const fields: Record<string, unknown> = {};
	if (change.title !== undefined) fields.title = change.title.trim();
	if (change.body !== undefined) fields.body = change.body;
	if (change.tags !== undefined) fields.tags = normalizeTags(change.tags);
	await edit(ctx, id, 'thread', fields);
}

export async function editPost(ctx: StoreContext, id: string, change: { body: string }): Promise<void> {
	await edit(ctx, id, 'post', { body: change.body });
}

/** A tombstone keeping the fields others need to place it (author, thread, category), no body. */
async function remove(ctx: StoreContext, id: string, what: ForumItem): Promise<void> {
	const prev = await mustGet(ctx, id, what);
	const tombstone: Doc = { ...tombstoneOf(prev), _rev: prev._rev };
	authorize(ctx, tombstone as DocFacts, prev);
	await putDoc(ctx, tombstone);
}

export async function deleteThread(ctx: StoreContext, id: string): Promise<void> {
	await remove(ctx, id, 'thread');
}

export async function deletePost(ctx: StoreContext, id: string): Promise<void> {
	await remove(ctx, id, 'post');
}

/**
 * The thread's author (or a moderator) accepts one reply as the answer, or unmarks it (null).
 * Not an edit: `updatedAt` stays, so the thread does not read as edited.
 */
export async function markAnswer(ctx: StoreContext, threadId: string, postId: string | null): Promise<void> {
	const prev = await mustGet(ctx, threadId, 'thread');
	const { answer: _answer, answeredBy: _by, answeredAt: _at, ...rest } = prev;
	const next: Doc = { ...rest };
	if (postId) {
		const post = await mustGet(ctx, postId, 'reply');
		if (post.thread !== threadId || post._deleted) throw new Error(t('forums:store.answerNotInThread'));
		Object.assign(next, { answer: postId, answeredBy: ctx.member.name, answeredAt: ctx.now() });
	}
	authorize(ctx, next, prev);
	await putDoc(ctx, next);
}

export async function vote(ctx: StoreContext, target: string, value: 1 | -1 | 0): Promise<void> {
	const id = voteId(target, ctx.member.name);
	const prev = await getDoc(ctx, id);
	if (value === 0) {
		if (prev) await remove(ctx, id, 'vote');
		return;
	}
	if (prev && prev.value === value) return;
	const doc: Doc = {
		_id: id,
		type: 'vote',
		author: ctx.member.name,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : ctx.now(),
		target,
		value
	};
	if (prev) {
		doc._rev = prev._rev;
		doc.updatedAt = ctx.now();
	}
	authorize(ctx, doc, prev);
	await putDoc(ctx, doc);
}

export async function saveProfile(ctx: StoreContext, input: ProfileInput): Promise<void> {
	const id = profileId(ctx.member.name);
	const prev = await getDoc(ctx, id);
	const now = ctx.now();
	const doc: Doc = {
		...(prev ?? {}),
		...input,
		_id: id,
		type: 'profile',
		author: ctx.member.name,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : now
	};
	if (prev) doc.updatedAt = now;
	if (input.expertise) doc.expertise = normalizeTags(input.expertise);
	authorize(ctx, doc, prev);
	await putDoc(ctx, doc);
}

/** Puts any community document as given (validated, not authorized: the server decides). */
export async function putDocument(ctx: StoreContext, doc: Record<string, unknown>): Promise<string> {
	if (typeof doc._id !== 'string') throw new Error('A document needs an _id.');
	const prev = doc._rev === undefined ? await getDoc(ctx, doc._id) : null;
	const next: Doc = { ...cleanDoc(doc), _id: doc._id };
	if (prev && next._rev === undefined) next._rev = prev._rev;
	return putDoc(ctx, next);
}

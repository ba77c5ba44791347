/// <reference types="pouchdb-core" />
// Success story writes: save a draft, submit for review (or resubmit an edit), delete. Reviews go
// through the library's review writes (a review's `resource` may name a story). The shared
// permission rules are checked first so the member reads the reason at once.
import { parseCoauthors } from '../../domain/coauthors';
import { docId } from '../../domain/ids';
import type { GovernmentLevel, OutcomeFigure, StoryDoc } from '../../domain/schemas';
import { type StoreContext } from '../context';
import { normalizeTags, putDoc, currentDoc as getDoc, authorizeWrite as authorize } from '../writes';
import { t } from '../../i18n';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

export type StoryFileRef = NonNullable<StoryDoc['files']>[number];
export type TeamMember = NonNullable<StoryDoc['team']>[number];

/** What the story form edits. Empty optional fields are left out of the document. */
export interface StoryInput {
	title: string;
	summary: string;
	problem: string;
	actions: string;
	outcomes: OutcomeFigure[];
	lessons?: string;
	organization?: string;
	jurisdiction?: string;
	level?: GovernmentLevel;
	sector?: string;
	region?: string;
	team?: TeamMember[];
	startedOn?: string;
	endedOn?: string;
	tags: string[];
	related?: string[];
	files?: StoryFileRef[];
	contact?: string;
	coauthors?: string[];
}

const OPTIONAL = [
	'lessons',
	'organization',
	'jurisdiction',
	'sector',
	'region',
	'startedOn',
	'endedOn',
	'contact'
] as const;

function storyFields(input: StoryInput): Record<string, unknown> {
	const fields: Record<string, unknown> = {
		title: input.title.trim(),
		summary: input.summary.trim(),
		problem: input.problem.trim(),
		actions: input.actions.trim(),
		outcomes: input.outcomes,
		tags: normalizeTags(input.tags)
	};
	for (const key of OPTIONAL) {
		const value = input[key]?.trim();
		if (value) fields[key] = value;
	}
	if (input.level) fields.level = input.level;
	const team = (input.team ?? [])
		.map((m) => ({ name: m.name.trim(), role: m.role?.trim(), member: m.member?.trim() }))
		.filter((m) => m.name)
		.map((m) => ({ name: m.name, ...(m.role ? { role: m.role } : {}), ...(m.member ? { member: m.member } : {}) }));
	if (team.length) fields.team = team;
	if (input.related?.length) fields.related = [...new Set(input.related)];
	if (input.files?.length) fields.files = input.files;
	if (input.coauthors?.length) fields.coauthors = [...new Set(input.coauthors)];
	return fields;
}

const notOwnCoauthor = (): string => t('stories:errors.notOwnCoauthor');

/**
 * Saves a story: a new one (`id` absent) or an edit of the member's own. `submit` sends it for
 * review; otherwise it stays a draft only the writers see. A published story changes only through
 * review, so its edit is always a submission. Returns the story id.
 */
export async function saveStory(ctx: StoreContext, input: StoryInput, submit: boolean, id?: string): Promise<string> {
	const now = ctx.now();
	const named = parseCoauthors((input.coauthors ?? []).join(' '), null);
	if (!named.ok) throw new Error(named.reason);
	const fields = storyFields({ ...input, coauthors: named.names });
	if (!id) {
		if (named.names.includes(ctx.member.name)) throw new Error(notOwnCoauthor());
		const doc: Doc = {
			_id: docId('story'),
			type: 'story',
			author: ctx.member.name,
			createdAt: now,
			...fields,
			status: submit ? 'submitted' : 'draft'
		};
		authorize(ctx, doc, null);
		return putDoc(ctx, doc);
	}
	const prev = await getDoc(ctx, id);
	if (!prev || prev.type !== 'story') throw new Error(t('stories:errors.notHere'));
	if (named.names.includes(String(prev.author))) throw new Error(notOwnCoauthor());
	if (prev.status === 'published' && !submit) throw new Error(t('stories:errors.publishedViaReview'));
	const keep = { _id: prev._id, _rev: prev._rev, type: 'story', author: prev.author, createdAt: prev.createdAt };
	const next: Doc = { ...keep, ...fields, status: submit ? 'submitted' : 'draft', updatedAt: now };
	if (prev.challenge) next.challenge = prev.challenge;
	authorize(ctx, next, prev);
	return putDoc(ctx, next);
}

/** Sends a draft or returned story for review as it stands. */
export async function submitStory(ctx: StoreContext, id: string): Promise<void> {
	const prev = await getDoc(ctx, id);
	if (!prev || prev.type !== 'story') throw new Error(t('stories:errors.notHere'));
	if (prev.status === 'submitted') return;
	if (prev.status === 'published') throw new Error(t('stories:errors.alreadyPublished'));
	const next: Doc = { ...prev, status: 'submitted', updatedAt: ctx.now() };
	authorize(ctx, next, prev);
	await putDoc(ctx, next);
}

/** Deletes a story (its author, or a moderator). */
export async function deleteStory(ctx: StoreContext, id: string): Promise<void> {
	const prev = await getDoc(ctx, id);
	if (!prev || prev.type !== 'story') throw new Error(t('stories:errors.notHere'));
	const next: Doc = { _id: id, _rev: prev._rev, _deleted: true, type: 'story', author: prev.author };
	authorize(ctx, next, prev);
	await putDoc(ctx, next);
}

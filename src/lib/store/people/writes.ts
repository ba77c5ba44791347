// People writes: the member's profile split by visibility (fields marked "only me" go to the
// PRIVATE database as `profile-private:{username}` and are removed from the community profile,
// so they never reach another device), mentorship requests/answers/completion, and direct
// messages (written to the sender's private database; the server delivers them).
import * as v from 'valibot';
import { docId, profileId, profilePrivateId } from '../../domain/ids';
import { MAX_MENTOR_CAPACITY, messageSchema, profilePrivateSchema } from '../../domain/schemas';
import { describeIssues, fieldProblems, InvalidDocError } from '../../domain/validate';
import { t } from '../../i18n';
import { cleanDoc, isNotFound, type StoreContext } from '../context';
import { normalizeTags, putDoc } from '../writes';
import { getCommunityDoc, unsigned, type EventsWriteDeps } from '../events/writes';
import { answerIdOf, mentorshipFacts } from './mentorship';
import { answerRefusal, mentorshipRefusal, type RequestFacts } from '../../domain/mentors';

export const OPTIONAL_PROFILE_FIELDS = ['organization', 'jurisdiction', 'role', 'expertise', 'bio'] as const;
export type OptionalProfileField = (typeof OPTIONAL_PROFILE_FIELDS)[number];
export type Visibility = 'members' | 'me';

export interface ProfileForm {
	displayName: string;
	organization?: string;
	jurisdiction?: string;
	role?: string;
	expertise?: string[];
	bio?: string;
	mentor?: boolean;
	/** How many mentees they take at once (kept on the profile; MENTOR_CAPACITY_DEFAULT when unset). */
	mentorCapacity?: number;
	/** Where and in what field they work (always shared: leaderboards filter by them); empty removes. */
	region?: string;
	sector?: string;
	/** Left out of leaderboards (points and badges stay on the profile). */
	hideFromLeaderboards?: boolean;
	/** per optional field; missing means "members" */
	visibility?: Partial<Record<OptionalProfileField, Visibility>>;
}

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

async function getPrivate(ctx: StoreContext, id: string): Promise<Doc | null> {
	try {
		return cleanDoc(await ctx.private.get(id)) as Doc;
	} catch (err) {
		if (isNotFound(err)) return null;
		throw err;
	}
}

function valueOf(form: ProfileForm, field: OptionalProfileField): string | string[] | undefined {
	if (field === 'expertise') return form.expertise?.length ? normalizeTags(form.expertise) : undefined;
	const text = form[field]?.trim();
	return text ? text : undefined;
}

export async function saveProfile(deps: EventsWriteDeps, form: ProfileForm): Promise<void> {
	const { ctx } = deps;
	const me = ctx.member.name;
	const now = ctx.now();
	const [prev, prevPrivate] = await Promise.all([
		getCommunityDoc(ctx, profileId(me)),
		getPrivate(ctx, profilePrivateId(me))
	]);
	const shared: Doc = {
		...(prev ?? {}),
		_id: profileId(me),
		type: 'profile',
		author: me,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : now,
		displayName: form.displayName.trim()
	};
	if (prev) shared.updatedAt = now;
	if (form.mentor !== undefined) shared.mentor = form.mentor;
	if (form.mentorCapacity !== undefined) {
		const n = form.mentorCapacity;
		if (!Number.isInteger(n) || n < 1 || n > MAX_MENTOR_CAPACITY)
			throw new Error(t('people:errors.capacity', { max: MAX_MENTOR_CAPACITY }));
		shared.mentorCapacity = n;
	}
	for (const field of ['region', 'sector'] as const) {
		const text = form[field]?.trim();
		if (text) shared[field] = text;
		else if (form[field] !== undefined) delete shared[field];
	}
	if (form.hideFromLeaderboards !== undefined) shared.hideFromLeaderboards = form.hideFromLeaderboards;
	const hidden: Doc = {
		_id: profilePrivateId(me),
		type: 'profile-private',
		author: me,
		createdAt: typeof prevPrivate?.createdAt === 'string' ? prevPrivate.createdAt : now,
		updatedAt: now
	};
	if (prevPrivate?._rev) hidden._rev = prevPrivate._rev;
	if (prevPrivate?.language) hidden.language = prevPrivate.language;
	for (const field of OPTIONAL_PROFILE_FIELDS) {
		delete shared[field];
		const value = valueOf(form, field);
		if (value === undefined) continue;
		if (form.visibility?.[field] === 'me') hidden[field] = value;
		else shared[field] = value;
	}
	const checked = v.safeParse(profilePrivateSchema, hidden);
	if (!checked.success)
		throw new InvalidDocError(
			t('people:errors.invalidProfile', { issues: describeIssues(checked.issues) }),
			fieldProblems(checked.issues)
		);
	await putDoc(ctx, unsigned(shared));
	await putDoc(ctx, unsigned(hidden), 'private');
	await deps.followers.catchUp();
}

/** Keeps the member's interface language in their private profile, for their other devices. */
export async function saveLanguage(deps: EventsWriteDeps, language: 'en' | 'fr' | 'es'): Promise<void> {
	const { ctx } = deps;
	const me = ctx.member.name;
	const now = ctx.now();
	const prev = await getPrivate(ctx, profilePrivateId(me));
	if (prev?.language === language) return;
	const doc: Doc = {
		...(prev ?? { _id: profilePrivateId(me), type: 'profile-private', author: me, createdAt: now }),
		updatedAt: now,
		language
	};
	await putDoc(ctx, unsigned(doc), 'private');
	await deps.followers.catchUp();
}

/** A refusal of the shared rules (domain/mentors.ts) as a sentence on screen; usernames keep their case. */
function refuse(reason: string | null, username: string | null): void {
	if (!reason) return;
	const start = username && reason.startsWith(username) ? reason : reason.charAt(0).toUpperCase() + reason.slice(1);
	throw new Error(start + '.');
}

export async function requestMentorship(deps: EventsWriteDeps, mentor: string, goals: string): Promise<string> {
	const { ctx } = deps;
	if (mentor === ctx.member.name) throw new Error(t('mentorship:errors.self'));
	const me = ctx.member.name;
	refuse(mentorshipRefusal({ _id: '', author: me, mentor }, await mentorshipFacts(ctx, mentor, me)), mentor);
	const doc: Doc = {
		_id: docId('mentorship'),
		type: 'mentorship',
		author: ctx.member.name,
		createdAt: ctx.now(),
		mentor,
		goals: goals.trim()
	};
	await putDoc(ctx, doc);
	await deps.followers.catchUp();
	return doc._id;
}

export async function answerMentorship(
	deps: EventsWriteDeps,
	mentorshipId: string,
	answer: 'accepted' | 'declined'
): Promise<void> {
	const { ctx } = deps;
	const request = await getCommunityDoc(ctx, mentorshipId);
	if (!request) throw new Error(t('mentorship:errors.noRequest'));
	if (request.mentor !== ctx.member.name) throw new Error(t('mentorship:errors.onlyMentorAnswers'));
	const facts = await mentorshipFacts(ctx, ctx.member.name, String(request.author));
	refuse(answerRefusal({ answer }, { ...(request as unknown as RequestFacts), _id: mentorshipId }, facts), null);
	const id = answerIdOf(mentorshipId);
	const prev = await getCommunityDoc(ctx, id);
	const doc: Doc = prev
		? { ...prev, answer, updatedAt: ctx.now() }
		: {
				_id: id,
				type: 'mentorship-answer',
				author: ctx.member.name,
				createdAt: ctx.now(),
				mentorship: mentorshipId,
				answer
			};
	await putDoc(ctx, unsigned(doc));
	await deps.followers.catchUp();
}

/** The mentee no longer wants it (before or after an answer); the mentor can no longer answer. */
export async function withdrawMentorship(deps: EventsWriteDeps, mentorshipId: string): Promise<void> {
	const { ctx } = deps;
	const request = await getCommunityDoc(ctx, mentorshipId);
	if (!request) throw new Error(t('mentorship:errors.noRequest'));
	if (request.author !== ctx.member.name) throw new Error(t('mentorship:errors.onlyMenteeWithdraws'));
	if (request.withdrawnAt) return;
	await putDoc(ctx, unsigned({ ...request, withdrawnAt: ctx.now(), updatedAt: ctx.now() }));
	await deps.followers.catchUp();
}

/** Either side marks it completed on their own document. */
export async function completeMentorship(deps: EventsWriteDeps, mentorshipId: string): Promise<void> {
	const { ctx } = deps;
	const request = await getCommunityDoc(ctx, mentorshipId);
	if (!request) throw new Error(t('mentorship:errors.noMentorship'));
	const mine = request.author === ctx.member.name ? request : await getCommunityDoc(ctx, answerIdOf(mentorshipId));
	if (!mine || mine.author !== ctx.member.name) throw new Error(t('mentorship:errors.onlyPartiesComplete'));
	await putDoc(ctx, unsigned({ ...mine, completedAt: ctx.now(), updatedAt: ctx.now() }));
	await deps.followers.catchUp();
}

export async function sendMessage(deps: EventsWriteDeps, to: string, body: string): Promise<string> {
	const { ctx } = deps;
	if (to === ctx.member.name) throw new Error(t('people:errors.messageSelf'));
	const doc: Doc = { _id: docId('message'), type: 'message', author: ctx.member.name, createdAt: ctx.now(), to, body };
	const checked = v.safeParse(messageSchema, doc);
	if (!checked.success)
		throw new InvalidDocError(
			t('people:errors.invalidMessage', { issues: describeIssues(checked.issues) }),
			fieldProblems(checked.issues)
		);
	await putDoc(ctx, doc, 'private');
	await deps.followers.catchUp();
	return doc._id;
}

// Survey writes. Answers go into the member's PRIVATE replica (`survey-answer:{ulid}`), never into
// `community`: the server counts them and publishes only the aggregate. A copy of the answers
// stays on this device (surveyKept), because the server takes them out of an anonymous survey's
// answer once counted. Surveys themselves are community documents that moderators write (and an
// event's organisers, for a survey of its attendees); the server's rules are checked first so the
// member reads a refusal at once.
import * as v from 'valibot';
import { docId, surveyAnswerId } from '../../domain/ids';
import { isModerator } from '../../domain/permissions';
import { surveyAnswerSchema, surveySchema, type SurveyAudience, type SurveyQuestion } from '../../domain/schemas';
import { answersRefusal, notInAudienceReason, type SurveyAnswers } from '../../domain/surveys';

export type { SurveyAnswers };
import { t } from '../../i18n';
import { cleanDoc, isNotFound, type StoreContext } from '../context';
import { eventsTables } from '../events/tables';
import { authorizeWrite, currentDoc, putDoc } from '../writes';
import { getSurvey } from './queries';
import { surveysTables } from './tables';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

/** A question as the form gives it: a new question has no id yet. */
export type SurveyQuestionInput = Omit<SurveyQuestion, 'id'> & { id?: string };

export interface SurveyInput {
	title: string;
	/** The introduction members read before the questions. */
	description: string;
	questions: SurveyQuestionInput[];
	opensAt: string;
	closesAt: string;
	audience: SurveyAudience;
	anonymous: boolean;
}

const sentence = (reason: string): string => reason.charAt(0).toUpperCase() + reason.slice(1) + '.';
const DAY_MS = 86_400_000;
/** How long an event's satisfaction survey stays open after the event ends. */
export const EVENT_SURVEY_DAYS = 14;

async function getPrivate(ctx: StoreContext, id: string): Promise<Doc | null> {
	try {
		return cleanDoc(await ctx.private.get(id)) as Doc;
	} catch (err) {
		if (isNotFound(err)) return null;
		throw err;
	}
}

/**
 * Writes the member's answers to a survey into their private replica, and keeps a copy on this
 * device. Refused when the survey is not open, does not ask the member, the answers do not fit
 * its questions, or the server already counted the member's answers.
 */
export async function answerSurvey(ctx: StoreContext, survey: string, answers: SurveyAnswers): Promise<string> {
	const view = await getSurvey(ctx, survey);
	if (!view) throw new Error(t('surveys:notOnDevice'));
	if (view.state === 'upcoming') throw new Error(t('surveys:store.notOpenYet'));
	if (view.state === 'closed') throw new Error(t('surveys:store.closed'));
	if (!view.inAudience) throw new Error(sentence(notInAudienceReason(view.audience)));
	const refusal = answersRefusal(view, answers);
	if (refusal) throw new Error(sentence(refusal));
	const id = surveyAnswerId(survey);
	const prev = await getPrivate(ctx, id);
	// the server takes one set per member: answers change only while still waiting on this device
	// (or after the server refused them, which leaves nothing counted)
	const [pending, refused] = await Promise.all([ctx.db.outbox.get(id), ctx.db.rejected.get(id)]);
	if (prev?.counted || (prev && !prev._deleted && !pending && !refused))
		throw new Error(t('surveys:store.alreadyAnswered'));
	const doc: Doc = {
		_id: id,
		type: 'survey-answer',
		author: ctx.member.name,
		// the server counts answers given while the survey was open: the time they were given
		createdAt: ctx.now(),
		survey,
		answers: { ...answers }
	};
	if (prev?._rev) doc._rev = prev._rev;
	const checked = v.safeParse(surveyAnswerSchema, doc);
	if (!checked.success) throw new Error(sentence(checked.issues[0].message));
	await putDoc(ctx, doc, 'private');
	if (refused) await ctx.db.rejected.delete(id);
	await surveysTables(ctx.db).kept.put({ survey, answers: { ...answers }, at: ctx.now() });
	await ctx.followers.catchUp();
	return id;
}

/** Short ids for new questions (q1, q2…), never reusing one the survey has. */
function withIds(questions: readonly SurveyQuestionInput[]): SurveyQuestion[] {
	const used = new Set(questions.flatMap((q) => (q.id ? [q.id] : [])));
	let n = 0;
	return questions.map((q) => {
		let id = q.id;
		while (!id) {
			n += 1;
			if (!used.has(`q${n}`)) id = `q${n}`;
		}
		used.add(id);
		const options = q.kind === 'choice' || q.kind === 'choices' ? (q.options ?? []).map((o) => o.trim()) : undefined;
		return {
			id,
			kind: q.kind,
			label: q.label.trim(),
			...(q.help?.trim() ? { help: q.help.trim() } : {}),
			...(options ? { options: options.filter((o) => o !== '') } : {}),
			...(q.required ? { required: true } : {})
		};
	});
}

/** The form's mistakes in words a moderator understands (before the schema's own checks). */
function inputRefusal(input: SurveyInput, questions: readonly SurveyQuestion[]): string | null {
	if (!input.title.trim()) return t('surveys:store.giveTitle');
	if (!questions.length) return t('surveys:store.addQuestion');
	const blank = questions.findIndex((q) => !q.label);
	if (blank >= 0) return t('surveys:store.questionText', { n: blank + 1 });
	const few = questions.findIndex((q) => q.options !== undefined && new Set(q.options).size < 2);
	if (few >= 0) return t('surveys:store.questionOptions', { n: few + 1 });
	if (!input.opensAt || !input.closesAt) return t('surveys:store.sayWhen');
	if (input.closesAt <= input.opensAt) return t('surveys:store.closeAfterOpen');
	if (input.audience.kind === 'region' && !input.audience.region.trim()) return t('surveys:store.nameRegion');
	return null;
}

async function checkOrganiser(ctx: StoreContext, audience: SurveyAudience): Promise<void> {
	if (isModerator(ctx.member)) return;
	if (audience.kind !== 'event') throw new Error(t('surveys:store.moderatorsOnly'));
	const event = await eventsTables(ctx.db).events.get(audience.event);
	if (!event?.organisers.includes(ctx.member.name)) throw new Error(t('surveys:store.organisersOnly'));
}

function surveyDoc(ctx: StoreContext, id: string, input: SurveyInput, questions: SurveyQuestion[]): Doc {
	return {
		_id: id,
		type: 'survey',
		author: ctx.member.name,
		createdAt: ctx.now(),
		title: input.title.trim(),
		description: input.description.trim(),
		questions,
		opensAt: input.opensAt,
		closesAt: input.closesAt,
		audience:
			input.audience.kind === 'region' ? { kind: 'region', region: input.audience.region.trim() } : input.audience,
		anonymous: input.anonymous
	};
}

async function save(ctx: StoreContext, doc: Doc, prev: Doc | null): Promise<string> {
	const checked = v.safeParse(surveySchema, doc);
	if (!checked.success) throw new Error(sentence(checked.issues[0].message));
	authorizeWrite(ctx, doc, prev);
	return putDoc(ctx, doc);
}

/** Publishes a new survey; returns its id. */
export async function createSurvey(ctx: StoreContext, input: SurveyInput): Promise<string> {
	const questions = withIds(input.questions);
	const refusal = inputRefusal(input, questions);
	if (refusal) throw new Error(refusal);
	await checkOrganiser(ctx, input.audience);
	return save(ctx, surveyDoc(ctx, docId('survey'), input, questions), null);
}

/** Changes a survey. Once it has answers the questions and anonymity stay as they are (the server refuses it). */
export async function updateSurvey(ctx: StoreContext, id: string, input: SurveyInput): Promise<void> {
	const prev = await currentDoc(ctx, id);
	if (!prev || prev._deleted) throw new Error(t('surveys:notOnDevice'));
	const questions = withIds(input.questions);
	const refusal = inputRefusal(input, questions);
	if (refusal) throw new Error(refusal);
	await checkOrganiser(ctx, input.audience);
	const results = await surveysTables(ctx.db).results.get(id);
	const answered = (results?.responses ?? 0) > 0;
	if (answered && (JSON.stringify(questions) !== JSON.stringify(prev.questions) || input.anonymous !== prev.anonymous))
		throw new Error(t('surveys:store.hasAnswers'));
	const doc: Doc = {
		...prev,
		...surveyDoc(ctx, id, input, questions),
		author: String(prev.author),
		createdAt: String(prev.createdAt),
		updatedAt: ctx.now(),
		_rev: prev._rev
	};
	await save(ctx, doc, prev);
}

/** Deletes a survey (moderators). */
export async function deleteSurvey(ctx: StoreContext, id: string): Promise<void> {
	const prev = await currentDoc(ctx, id);
	if (!prev) return;
	const tombstone: Doc = {
		_id: id,
		_rev: prev._rev,
		_deleted: true,
		type: 'survey',
		author: prev.author,
		createdAt: prev.createdAt
	};
	authorizeWrite(ctx, tombstone, prev);
	await putDoc(ctx, tombstone);
}

/**
 * A satisfaction survey of an event's attendees, ready to publish: overall satisfaction (1–5),
 * would they recommend such events (0–10), what could be better; anonymous, open from the
 * event's end for EVENT_SURVEY_DAYS days. Undefined when the event is not on this device.
 */
export async function eventSurveyTemplate(ctx: StoreContext, event: string): Promise<SurveyInput | undefined> {
	const row = await eventsTables(ctx.db).events.get(event);
	if (!row) return undefined;
	return {
		// prefilled in the organiser's language: once published, it is what they wrote
		title: t('surveys:template.title', { event: row.title }),
		description: t('surveys:template.description'),
		questions: [
			{
				id: 'satisfaction',
				kind: 'scale',
				label: t('surveys:template.satisfaction'),
				required: true
			},
			{
				id: 'recommend',
				kind: 'nps',
				label: t('surveys:template.recommend'),
				required: true
			},
			{ id: 'better', kind: 'text', label: t('surveys:template.better') }
		],
		opensAt: row.end,
		closesAt: new Date(Date.parse(row.end) + EVENT_SURVEY_DAYS * DAY_MS).toISOString(),
		audience: { kind: 'event', event },
		anonymous: true
	};
}

/** The survey as its edit form starts from. */
export async function surveyInputOf(ctx: StoreContext, id: string): Promise<SurveyInput | undefined> {
	const row = await surveysTables(ctx.db).surveys.get(id);
	if (!row) return undefined;
	const { title, description, questions, opensAt, closesAt, audience, anonymous } = row;
	return { title, description, questions, opensAt, closesAt, audience, anonymous };
}

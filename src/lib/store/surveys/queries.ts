// Survey reads for screens (wrap in liveQuery): the list with each survey's state, whether it asks
// this member and where the member's answer is; one survey with the member's answers; its
// published results. Who a survey asks is judged with the shared rule (domain/surveys.ts) on the
// member's public profile region and their RSVPs and attendance as this device holds them.
import { attendanceId, idKey, profileId, rsvpId } from '../../domain/ids';
import { isModerator } from '../../domain/permissions';
import type { SurveyAudience } from '../../domain/schemas';
import {
	isInAudience,
	notInAudienceReason,
	surveyState,
	type MemberFacts,
	type SurveyAnswers,
	type SurveyState
} from '../../domain/surveys';
import { t as translate } from '../../i18n';
import type { StoreContext } from '../context';
import { eventsTables } from '../events/tables';
import { recognitionTables } from '../recognition/tables';
import { surveysTables, type SurveyResultsRow, type SurveyRow } from './tables';

/**
 * Where the member's answer is: none given; waiting to be sent (written on this device, not yet
 * acknowledged); sent (the server has it, not counted yet); counted; refused by the server.
 */
export type SurveyAnswerState = 'none' | 'waiting' | 'sent' | 'counted' | 'refused';

export interface SurveyListItem {
	id: string;
	/** The path segment of its pages: /surveys/{key}. */
	key: string;
	title: string;
	state: SurveyState;
	opensAt: string;
	closesAt: string;
	anonymous: boolean;
	/** "Every member", "Members in Lyon", "People who attended “Plain letters”". */
	asks: string;
	inAudience: boolean;
	answer: SurveyAnswerState;
}

export interface MyAnswersView {
	state: SurveyAnswerState;
	/** The answers as given: from the private database, else the copy this device kept. */
	answers: SurveyAnswers | null;
	/** The server took the answers out (anonymous survey): only this device's copy remains. */
	onlyOnThisDevice: boolean;
	countedAt?: string;
	/** The server's reason, when it refused them. */
	refusal?: string;
}

export interface SurveyView extends SurveyRow, Omit<SurveyListItem, 'answer'> {
	/** Why the member is not asked, as a sentence; null when they are. */
	notAskedReason: string | null;
	/** The member may change it (a moderator, or the organiser who wrote their event's survey). */
	canEdit: boolean;
	/** Published results count at least one answer: questions can no longer change. */
	hasAnswers: boolean;
	mine: MyAnswersView;
}

export interface SurveyResultsView {
	survey: SurveyRow;
	results: SurveyResultsRow | null;
}

/** The member's region and the events they went to (or said they would), for the audience rule. */
async function memberFacts(ctx: StoreContext, surveys: readonly SurveyRow[]): Promise<MemberFacts> {
	const me = ctx.member.name;
	const profile = await recognitionTables(ctx.db).facts.get(profileId(me));
	const region = profile?.doc.region;
	const events = [...new Set(surveys.flatMap((s) => (s.audience.kind === 'event' ? [s.audience.event] : [])))];
	const t = eventsTables(ctx.db);
	const [rsvps, attended] = await Promise.all([
		t.rsvps.bulkGet(events.map((e) => rsvpId(e, me))),
		t.attendance.bulkGet(events.map((e) => attendanceId(e, me)))
	]);
	const went = events.filter((_, i) => rsvps[i]?.status === 'going' || attended[i]?.attended === true);
	return { ...(typeof region === 'string' ? { region } : {}), events: new Set(went) };
}

async function asksText(ctx: StoreContext, audience: SurveyAudience): Promise<string> {
	switch (audience.kind) {
		case 'everyone':
			return translate('surveys:store.everyMember');
		case 'region':
			return translate('surveys:store.membersIn', { region: audience.region });
		case 'event': {
			const event = await eventsTables(ctx.db).events.get(audience.event);
			return event
				? translate('surveys:store.attendeesOf', { event: event.title })
				: translate('surveys:store.attendees');
		}
	}
}

async function answerStates(ctx: StoreContext, ids: readonly string[]): Promise<SurveyAnswerState[]> {
	const answerIds = ids.map((id) => `survey-answer:${idKey('survey', id)}`);
	const [rows, pending, refused] = await Promise.all([
		surveysTables(ctx.db).answers.bulkGet(answerIds),
		ctx.db.outbox.bulkGet(answerIds),
		ctx.db.rejected.bulkGet(answerIds)
	]);
	return ids.map((_, i) => {
		if (refused[i]) return 'refused';
		if (pending[i]) return 'waiting';
		if (!rows[i]) return 'none';
		return rows[i]!.counted ? 'counted' : 'sent';
	});
}

const byClosing = (a: SurveyListItem, b: SurveyListItem) => a.closesAt.localeCompare(b.closesAt);

/** Every survey on this device, soonest closing first. */
export async function listSurveys(ctx: StoreContext): Promise<SurveyListItem[]> {
	const surveys = await surveysTables(ctx.db).surveys.toArray();
	const facts = await memberFacts(ctx, surveys);
	const states = await answerStates(
		ctx,
		surveys.map((s) => s.id)
	);
	const now = ctx.now();
	const items = await Promise.all(
		surveys.map(async (s, i) => ({
			id: s.id,
			key: idKey('survey', s.id),
			title: s.title,
			state: surveyState(s, now),
			opensAt: s.opensAt,
			closesAt: s.closesAt,
			anonymous: s.anonymous,
			asks: await asksText(ctx, s.audience),
			inAudience: isInAudience(s.audience, facts),
			answer: states[i]
		}))
	);
	return items.sort(byClosing);
}

/** The member's answers to a survey and where they are. */
async function myAnswers(ctx: StoreContext, survey: string): Promise<MyAnswersView> {
	const t = surveysTables(ctx.db);
	const id = `survey-answer:${idKey('survey', survey)}`;
	const [[state], row, kept, refused] = await Promise.all([
		answerStates(ctx, [survey]),
		t.answers.get(id),
		t.kept.get(survey),
		ctx.db.rejected.get(id)
	]);
	const answers = row?.answers ?? kept?.answers ?? null;
	return {
		state,
		answers,
		onlyOnThisDevice: row !== undefined && !row.answers && kept !== undefined,
		...(row?.counted ? { countedAt: row.counted.at } : {}),
		...(refused ? { refusal: refused.reason } : {})
	};
}

/** Whether the member may change this survey (the server's rule, as the device can judge it). */
async function mayEdit(ctx: StoreContext, survey: SurveyRow): Promise<boolean> {
	if (isModerator(ctx.member)) return true;
	if (survey.author !== ctx.member.name || survey.audience.kind !== 'event') return false;
	const event = await eventsTables(ctx.db).events.get(survey.audience.event);
	return event?.organisers.includes(ctx.member.name) ?? false;
}

/** One survey with the member's answers, or undefined when this device does not have it. */
export async function getSurvey(ctx: StoreContext, id: string): Promise<SurveyView | undefined> {
	const t = surveysTables(ctx.db);
	const survey = await t.surveys.get(id);
	if (!survey) return undefined;
	const [facts, results, mine, asks, canEdit] = await Promise.all([
		memberFacts(ctx, [survey]),
		t.results.get(id),
		myAnswers(ctx, id),
		asksText(ctx, survey.audience),
		mayEdit(ctx, survey)
	]);
	const inAudience = isInAudience(survey.audience, facts);
	const reason = notInAudienceReason(survey.audience);
	return {
		...survey,
		key: idKey('survey', id),
		state: surveyState(survey, ctx.now()),
		asks,
		inAudience,
		notAskedReason: inAudience ? null : reason.charAt(0).toUpperCase() + reason.slice(1) + '.',
		canEdit,
		hasAnswers: (results?.responses ?? 0) > 0,
		mine
	};
}

/** A survey and its published results (null before the server published any). */
export async function surveyResults(ctx: StoreContext, id: string): Promise<SurveyResultsView | undefined> {
	const t = surveysTables(ctx.db);
	const [survey, results] = await Promise.all([t.surveys.get(id), t.results.get(id)]);
	return survey ? { survey, results: results ?? null } : undefined;
}

/** Open surveys whose audience is this event (its page links to them). */
export async function surveysOfEvent(ctx: StoreContext, event: string): Promise<SurveyListItem[]> {
	const all = await listSurveys(ctx);
	const rows = await surveysTables(ctx.db).surveys.bulkGet(all.map((s) => s.id));
	return all.filter((_, i) => {
		const audience = rows[i]?.audience;
		return audience?.kind === 'event' && audience.event === event;
	});
}

// Surveys on the server (server/surveys): what the gateway refuses of surveys and answers, and
// why; each member counted once whatever their devices send; the grace for answers given offline;
// named results after each answer and the moderators' CSV; the survey's deletion.
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { attendanceId, profileId, rsvpId, surveyAnswerId, userDbName } from '../../src/lib/domain/ids';
import { SURVEYS_DB } from '../../server/surveys/store';
import { ALREADY_ANSWERED, QUESTIONS_FIXED } from '../../server/surveys/rule';
import { PASSWORD } from './support/harness';
import {
	answer,
	answerDoc,
	bulk,
	createSurveyWorld,
	csv,
	DAY_MS,
	GOOD_ANSWERS,
	HOUR_MS,
	iso,
	ownAnswerDoc,
	publishSurvey,
	QUESTIONS,
	results,
	seed,
	START_MS,
	surveyDoc,
	type SurveyWorld
} from './surveys-support';

let w: SurveyWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

describe('surveys written to community', () => {
	it("lets an event's organiser survey its attendees, and no other member", async () => {
		w = await createSurveyWorld(2);
		const [ana] = w.members as [string];
		const eventAudience = { audience: { kind: 'event', event: w.event } };
		const own = await publishSurvey(w, w.org, eventAudience);
		expect(own.author).toBe(w.org);
		const [refused] = await bulk(w, ana, 'community', [surveyDoc(w, ana, eventAudience)]);
		expect(refused).toMatchObject({
			error: 'forbidden',
			reason: 'only moderators, and the organisers of an event for its attendees, can run this survey'
		});
		const [everyone] = await bulk(w, ana, 'community', [surveyDoc(w, ana)]);
		expect(everyone?.reason).toBe("only moderators run surveys (and organisers, for their event's attendees)");
		// a moderator may survey any event's attendees
		await publishSurvey(w, w.mod, eventAudience);
	});

	it('keeps the questions and anonymity once an answer was counted, and lets the dates and title change', async () => {
		w = await createSurveyWorld(1);
		const survey = await publishSurvey(w, w.mod);
		// before any answer, the questions may change
		const edited = { ...survey, questions: QUESTIONS.slice(0, 4) };
		const [first] = await bulk(w, w.mod, 'community', [edited]);
		expect(first).toMatchObject({ ok: true });
		expect(await answer(w, w.members[0]!, survey._id, { useful: 5 })).toMatchObject({ ok: true });

		const [questions] = await bulk(w, w.mod, 'community', [
			{ ...edited, _rev: first!.rev, questions: QUESTIONS.slice(0, 3) }
		]);
		expect(questions).toMatchObject({ error: 'forbidden', reason: QUESTIONS_FIXED });
		const [anonymity] = await bulk(w, w.mod, 'community', [{ ...edited, _rev: first!.rev, anonymous: true }]);
		expect(anonymity).toMatchObject({ error: 'forbidden', reason: QUESTIONS_FIXED });
		const [closeEarly] = await bulk(w, w.mod, 'community', [
			{ ...edited, _rev: first!.rev, title: 'How was it?', closesAt: iso(START_MS + HOUR_MS) }
		]);
		expect(closeEarly).toMatchObject({ ok: true });
	});
});

describe('answers pushed from a member’s own database', () => {
	it('refuses each wrong answer with a plain reason', async () => {
		w = await createSurveyWorld(2);
		const [ana, ben] = w.members as [string, string];
		const everyone = await publishSurvey(w, w.mod);
		const region = await publishSurvey(w, w.mod, { audience: { kind: 'region', region: 'Brittany' } });
		const event = await publishSurvey(w, w.mod, { audience: { kind: 'event', event: w.event } });
		const later = await publishSurvey(w, w.mod, { opensAt: iso(START_MS + DAY_MS) });
		const closed = await publishSurvey(w, w.mod, { closesAt: iso(START_MS - 10 * 60_000) });
		const deleted = await publishSurvey(w, w.mod);
		await bulk(w, w.mod, 'community', [{ ...deleted, _deleted: true }]);
		const unknown = `survey:01JZZZZZZZZZZZZZZZZZZZZZZZ`;

		const reasonOf = async (survey: string, answers: Record<string, unknown> = GOOD_ANSWERS, fields = {}) =>
			(await answer(w!, ana, survey, answers, fields)).reason ?? 'ok';

		expect(await reasonOf(everyone._id, GOOD_ANSWERS, { author: ben })).toBe(
			'you can only answer a survey in your own name'
		);
		expect(await reasonOf(unknown)).toBe('this survey does not exist any more (or never did)');
		expect(await reasonOf(deleted._id)).toBe('this survey does not exist any more (or never did)');
		expect(await reasonOf(region._id)).toBe('this survey asks members whose profile names the region Brittany');
		expect(await reasonOf(event._id)).toBe('this survey asks the people who attended its event');
		expect(await reasonOf(later._id, GOOD_ANSWERS, { createdAt: iso(START_MS + 2 * DAY_MS) })).toBe(
			"these answers are dated in the future: check the device's clock and answer again"
		);
		expect(await reasonOf(later._id)).toBe('this survey is not open yet');
		expect(await reasonOf(closed._id)).toBe('this survey is closed');
		expect(await reasonOf(everyone._id, { recommend: 9 })).toBe('“How useful was the workshop?” needs an answer');
		expect(await reasonOf(everyone._id, { useful: 4, mood: 'fine' })).toBe(
			'an answer names a question this survey does not ask'
		);
		expect(await reasonOf(everyone._id, { useful: 7 })).toBe(
			'answer “How useful was the workshop?” with a number from 1 to 5'
		);
		expect(await reasonOf(everyone._id, GOOD_ANSWERS, { _id: surveyAnswerId(region._id) })).toBe(
			'a survey answer id must be survey-answer:{survey ulid}'
		);
		// a clock a little ahead is fine
		expect(await reasonOf(everyone._id, GOOD_ANSWERS, { createdAt: iso(w.now.ms + 2 * 60_000) })).toBe('ok');
		expect(await reasonOf(everyone._id)).toBe(ALREADY_ANSWERED);

		// in the audience: the region on the profile (any case), going to the event, or attended
		const profile = (await w.h.storage.db('community').get(profileId(ana))) as Record<string, unknown>;
		await seed(w, { ...(profile as { _id: string }), region: 'brittany ' });
		expect(await reasonOf(region._id)).toBe('ok');
		await seed(w, {
			_id: rsvpId(w.event, ana),
			type: 'rsvp',
			author: ana,
			createdAt: iso(START_MS - 5 * DAY_MS),
			event: w.event,
			status: 'going'
		});
		expect(await reasonOf(event._id)).toBe('ok');
		await seed(w, {
			_id: attendanceId(w.event, ben),
			type: 'attendance',
			author: w.org,
			createdAt: iso(START_MS - DAY_MS),
			event: w.event,
			member: ben,
			attended: true
		});
		expect((await answer(w, ben, event._id)).ok).toBe(true);
	});

	it('counts a member once, whatever their devices push, and keeps counting after they delete their copy', async () => {
		w = await createSurveyWorld(2);
		const [ana, ben] = w.members as [string, string];
		const survey = await publishSurvey(w, w.mod);
		const first = await answer(w, ana, survey._id);
		expect(first).toMatchObject({ ok: true });
		const counted = await ownAnswerDoc(w, ana, survey._id);
		expect(counted).toMatchObject({ counted: { at: iso(w.now.ms) }, answers: GOOD_ANSWERS });
		expect(counted!._rev).not.toBe(first.rev);

		// the same device edits its stored revision
		const [edit] = await bulk(w, ana, userDbName(ana), [{ ...counted, answers: { useful: 1 }, counted: undefined }]);
		expect(edit).toMatchObject({ error: 'forbidden', reason: ALREADY_ANSWERED });
		// a second device with its own first revision, replicated (new_edits=false)
		const other = {
			...answerDoc(w, ana, survey._id, { useful: 2 }),
			_rev: '1-0123456789abcdef0123456789abcdef',
			_revisions: { start: 1, ids: ['0123456789abcdef0123456789abcdef'] }
		};
		const replicated = await bulk(w, ana, userDbName(ana), [other], false);
		expect(replicated).toEqual([{ id: other._id, error: 'forbidden', reason: ALREADY_ANSWERED }]);
		// the first push retried, and the server's own revision sent back, change nothing and pass
		const retried = {
			...answerDoc(w, ana, survey._id, GOOD_ANSWERS),
			_rev: first.rev,
			_revisions: { start: 1, ids: [first.rev!.slice(2)] }
		};
		expect(await bulk(w, ana, userDbName(ana), [retried], false)).toEqual([]);
		expect(await bulk(w, ana, userDbName(ana), [counted], false)).toEqual([]);
		// two devices of ben at once
		const both = await Promise.all([3, 5].map((useful) => answer(w!, ben, survey._id, { useful })));
		expect(both.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);

		const r = await results(w, survey._id);
		expect(r?.responses).toBe(2);

		// deleting one's copy is allowed and does not uncount
		const mine = await ownAnswerDoc(w, ana, survey._id);
		const [gone] = await bulk(w, ana, userDbName(ana), [{ ...mine, _deleted: true }]);
		expect(gone).toMatchObject({ ok: true });
		expect((await results(w, survey._id))?.responses).toBe(2);
		expect((await answer(w, ana, survey._id)).reason).toBe(ALREADY_ANSWERED);
		const ballots = await w.h.storage.db(SURVEYS_DB).allDocs({ startkey: 'ballot:', endkey: 'ballot:\ufff0' });
		expect(ballots.rows).toHaveLength(2);
	});

	it('counts answers given while open and pushed within the grace after closing, and refuses them after', async () => {
		w = await createSurveyWorld(2);
		const [ana, ben] = w.members as [string, string];
		const survey = await publishSurvey(w, w.mod, { closesAt: iso(START_MS + DAY_MS) });
		const givenOpen = iso(START_MS + HOUR_MS);
		w.now.ms = START_MS + DAY_MS + 13 * DAY_MS;
		expect(await answer(w, ana, survey._id, GOOD_ANSWERS, { createdAt: givenOpen })).toMatchObject({ ok: true });
		expect((await ownAnswerDoc(w, ana, survey._id))?.counted).toBeDefined();
		w.now.ms = START_MS + DAY_MS + 15 * DAY_MS;
		expect((await answer(w, ben, survey._id, GOOD_ANSWERS, { createdAt: givenOpen })).reason).toBe(
			'this survey closed more than 14 days ago'
		);
		expect((await results(w, survey._id))?.responses).toBe(1);
	});
});

describe('named surveys', () => {
	it('publishes the aggregate after each answer and gives moderators one row per member', async () => {
		w = await createSurveyWorld(3);
		const [ana, ben, cara] = w.members as [string, string, string];
		const survey = await publishSurvey(w, w.mod);
		await answer(w, ana, survey._id, { useful: 5, topics: ['Budgets', 'Open data'], comment: '=SUM(A1)' });
		expect(await results(w, survey._id)).toMatchObject({ type: 'survey-results', author: 'praxis', responses: 1 });
		w.now.ms += 60_000;
		await answer(w, ben, survey._id, { useful: 3, recommend: 10, format: 'In person' });
		const r = (await results(w, survey._id))!;
		expect(r.responses).toBe(2);
		expect(r.signature).toBeDefined();
		const questions = r.questions as Array<Record<string, unknown>>;
		expect(questions[0]).toMatchObject({ id: 'useful', answered: 2, scale: { counts: [0, 0, 1, 0, 1], mean: 4 } });
		expect(questions[4]).toMatchObject({ id: 'comment', answered: 1, withheld: true });
		// a named survey's answers stay in the member's own copy
		expect((await ownAnswerDoc(w, ben, survey._id))?.answers).toMatchObject({ useful: 3 });

		const sheet = await csv(w, w.mod, survey._id);
		expect(sheet.status).toBe(200);
		expect(sheet.res.headers.get('content-type')).toMatch(/^text\/csv/);
		const rows = parse(sheet.text) as string[][];
		expect(rows[0]).toEqual(['member', 'answered at', ...QUESTIONS.map((q) => q.label)]);
		const byMember = new Map(rows.slice(1).map((row) => [row[0], row]));
		expect(byMember.get(ana)).toEqual([ana, iso(START_MS), '5', '', 'Budgets; Open data', '', "'=SUM(A1)"]);
		expect(byMember.get(ben)).toEqual([ben, iso(START_MS + 60_000), '3', '10', '', 'In person', '']);
		expect((await csv(w, w.admin, survey._id)).status).toBe(200);
		expect((await csv(w, cara, survey._id)).status).toBe(403);
		expect((await csv(w, null, survey._id)).status).toBe(401);
		const unknown = await csv(w, w.mod, 'survey:01JZZZZZZZZZZZZZZZZZZZZZZZ');
		expect(unknown.status).toBe(404);
	});

	it("lets the organiser who wrote an event's survey read its answers", async () => {
		w = await createSurveyWorld(1);
		const survey = await publishSurvey(w, w.org, { audience: { kind: 'event', event: w.event } });
		expect((await csv(w, w.org, survey._id)).status).toBe(200);
		const other = await publishSurvey(w, w.mod, { audience: { kind: 'event', event: w.event } });
		expect((await csv(w, w.org, other._id)).status).toBe(403);
	});

	it("forgets a deleted account's named answers and keeps the published counts", async () => {
		w = await createSurveyWorld(2);
		const [ana, ben] = w.members as [string, string];
		const survey = await publishSurvey(w, w.mod);
		for (const member of [ana, ben]) await answer(w, member, survey._id);
		const res = await w.h.post('/api/account/delete', { password: PASSWORD }, { cookie: w.cookies.get(ana)! });
		expect(res.status).toBe(200);
		const sheet = parse((await csv(w, w.mod, survey._id)).text) as string[][];
		expect(sheet.slice(1).map((row) => row[0])).toEqual([ben]);
		expect((await results(w, survey._id))?.responses).toBe(2);
	});

	it('deletes its results and what the server kept when the survey is deleted', async () => {
		w = await createSurveyWorld(2);
		const survey = await publishSurvey(w, w.mod);
		for (const member of w.members) await answer(w, member, survey._id);
		expect((await results(w, survey._id))?.responses).toBe(2);
		const [gone] = await bulk(w, w.mod, 'community', [{ ...survey, _deleted: true }]);
		expect(gone).toMatchObject({ ok: true });
		expect(await results(w, survey._id)).toBeNull();
		const kept = await w.h.storage.db(SURVEYS_DB).allDocs();
		expect(kept.rows.filter((row) => row.id.includes(survey._id.slice('survey:'.length)))).toEqual([]);
	});
});

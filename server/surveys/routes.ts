// /api/surveys, the named answers of a survey for those who may read them:
//   GET /{ulid}/responses.csv → one row per member: member, answered at, one column per question
//     (several choices joined with "; "). Moderators and administrators; for an event's survey
//     also the organiser who wrote it. Anonymous 401, anyone else 403, an unknown survey 404, an
//     anonymous survey 404 (its answers are not kept with names: there is nothing to give).
import { Hono } from 'hono';
import { stringify } from 'csv-stringify/sync';
import type { PraxisAuth } from '../auth/service';
import { clientAddress, type AddressOf } from '../http/client-address';
import type { Storage } from '../storage/index';
import { ULID_PATTERN } from '../../src/lib/domain/ids';
import { isModerator } from '../../src/lib/domain/permissions';
import type { SurveyDoc } from '../../src/lib/domain/schemas';
import type { SurveyAnswerValue } from '../../src/lib/domain/surveys';
import type { SurveyStore } from './store';
import { readSurvey } from './publish';

export interface SurveyRoutesDeps {
	storage: Storage;
	auth: PraxisAuth;
	store: SurveyStore;
	addressOf?: AddressOf;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would read as a formula starts with an apostrophe (answers are anyone's text). */
const cell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

function answerText(value: SurveyAnswerValue | undefined): string {
	if (value === undefined) return '';
	return Array.isArray(value) ? value.join('; ') : String(value);
}

async function organisesOwn(storage: Storage, survey: SurveyDoc, name: string): Promise<boolean> {
	if (survey.audience.kind !== 'event' || survey.author !== name) return false;
	try {
		const event = (await storage.db('community').get(survey.audience.event)) as { organisers?: unknown };
		return Array.isArray(event.organisers) && event.organisers.includes(name);
	} catch {
		return false;
	}
}

export function createSurveyRoutes(deps: SurveyRoutesDeps): Hono {
	const { storage, auth, store } = deps;
	const addressOf = deps.addressOf ?? clientAddress;
	const app = new Hono();

	app.get('/:ulid/responses.csv', async (c) => {
		c.header('cache-control', 'no-store');
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		if (!user) return c.json({ error: 'unauthorized', reason: 'sign in as a moderator' }, 401);
		const ulid = c.req.param('ulid');
		const survey = ULID_PATTERN.test(ulid) ? await readSurvey(storage, `survey:${ulid}`) : null;
		if (!survey) return c.json({ error: 'not_found', reason: 'there is no such survey' }, 404);
		if (!isModerator(user) && !(await organisesOwn(storage, survey, user.name)))
			return c.json(
				{
					error: 'forbidden',
					reason: "only moderators, and the organiser who wrote an event's survey, read its answers"
				},
				403
			);
		if (survey.anonymous)
			return c.json(
				{ error: 'not_found', reason: 'this survey is anonymous: its answers are not kept with names' },
				404
			);
		const answers = (await store.namedAnswers(survey._id)).sort((a, b) => a.member.localeCompare(b.member));
		const header = ['member', 'answered at', ...survey.questions.map((q) => q.label)];
		const rows = answers.map((a) => [
			a.member,
			a.at,
			...survey.questions.map((q) => cell(answerText(a.answers[q.id])))
		]);
		return c.body(stringify([header.map(cell), ...rows]), 200, {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="survey-${ulid}-responses.csv"`,
			'x-content-type-options': 'nosniff'
		});
	});
	return app;
}

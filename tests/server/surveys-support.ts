// A server with members, a moderator, an administrator and an event for the survey tests, and
// the calls they make: surveys pushed to `community`, answers pushed to members' own databases,
// and a second publisher over the same store to play the publication timer.
import { expect } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { uniqueName } from '../unit/store/support';
import { serverSigner } from '../../server/devices/server-key';
import { SurveyPublisher } from '../../server/surveys/publish';
import { createSurveyStore } from '../../server/surveys/store';
import { COMMUNITY_DB, docId, surveyAnswerId, surveyResultsId, userDbName } from '../../src/lib/domain/ids';

export const START_MS = Date.parse('2026-12-03T09:00:00.000Z');
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const iso = (ms: number): string => new Date(ms).toISOString();

export interface SurveyWorld {
	h: Harness;
	now: { ms: number };
	/** Session cookies by username. */
	cookies: Map<string, string>;
	mod: string;
	admin: string;
	/** Organiser of `event`. */
	org: string;
	members: string[];
	event: string;
}

export async function createSurveyWorld(memberCount = 4): Promise<SurveyWorld> {
	const now = { ms: START_MS };
	const h = createHarness({ now, requireSignatures: false });
	const cookies = new Map<string, string>();
	const mod = uniqueName('mod');
	const admin = uniqueName('adm');
	const org = uniqueName('org');
	const members = Array.from({ length: memberCount }, () => uniqueName('mem'));
	for (const name of [mod, admin, org, ...members]) cookies.set(name, await h.register(name));
	await h.auth.users.updateRoles(mod, (roles) => [...roles, 'moderator']);
	await h.auth.users.updateRoles(admin, (roles) => [...roles, 'admin']);
	h.auth.invalidate(mod);
	h.auth.invalidate(admin);
	const event = docId('event');
	await seed({ h } as SurveyWorld, {
		_id: event,
		type: 'event',
		author: org,
		createdAt: iso(START_MS - 30 * DAY_MS),
		kind: 'workshop',
		title: 'Open budgets workshop',
		description: 'Two hours on publishing budgets.',
		start: iso(START_MS - 2 * DAY_MS),
		end: iso(START_MS - 2 * DAY_MS + 2 * HOUR_MS),
		timeZone: 'Europe/Paris',
		location: { venue: 'Town hall' },
		organisers: [org],
		tags: []
	});
	return { h, now, cookies, mod, admin, org, members, event };
}

/** Writes `doc` straight into `community` (what other features would have stored). */
export async function seed(w: Pick<SurveyWorld, 'h'>, doc: Record<string, unknown> & { _id: string }): Promise<void> {
	const db = w.h.storage.db(COMMUNITY_DB);
	let rev: string | undefined;
	try {
		rev = (await db.get(doc._id))._rev;
	} catch {
		rev = undefined;
	}
	await db.put({ ...doc, ...(rev ? { _rev: rev } : {}) });
}

export interface Answer {
	status: number;
	body: Record<string, unknown>;
	text: string;
}

export async function couch(
	w: SurveyWorld,
	who: string,
	path: string,
	method = 'GET',
	body?: unknown
): Promise<Answer> {
	const res = await w.h.request(`/couch/${path}`, {
		method,
		headers: { cookie: w.cookies.get(who)!, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	const text = await res.text();
	let parsed: Record<string, unknown> = {};
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// not JSON
	}
	return { status: res.status, body: parsed, text };
}

export type BulkResult = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

export async function bulk(w: SurveyWorld, who: string, db: string, docs: unknown[], newEdits = true) {
	const res = await couch(w, who, `${db}/_bulk_docs`, 'POST', { docs, ...(newEdits ? {} : { new_edits: false }) });
	expect(res.status).toBe(201);
	return res.body as unknown as BulkResult[];
}

export const QUESTIONS = [
	{ id: 'useful', kind: 'scale', label: 'How useful was the workshop?', required: true },
	{ id: 'recommend', kind: 'nps', label: 'How likely are you to recommend it to a colleague?' },
	{ id: 'topics', kind: 'choices', label: 'Which topics helped you?', options: ['Budgets', 'Hiring', 'Open data'] },
	{ id: 'format', kind: 'choice', label: 'Which format suits you?', options: ['Online', 'In person'] },
	{ id: 'comment', kind: 'text', label: 'Anything else?' }
];

export function surveyDoc(w: SurveyWorld, author: string, fields: Record<string, unknown> = {}) {
	return {
		_id: docId('survey'),
		type: 'survey',
		author,
		createdAt: iso(w.now.ms - 2 * HOUR_MS),
		title: 'How was the workshop?',
		description: 'Five short questions.',
		questions: QUESTIONS,
		opensAt: iso(START_MS - HOUR_MS),
		closesAt: iso(START_MS + 7 * DAY_MS),
		audience: { kind: 'everyone' },
		anonymous: false,
		...fields
	};
}

/** Pushes a survey as `who`, expecting it stored; returns it with its revision. */
export async function publishSurvey(w: SurveyWorld, who: string, fields: Record<string, unknown> = {}) {
	const doc = surveyDoc(w, who, fields);
	const [result] = await bulk(w, who, 'community', [doc]);
	expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
	return { ...doc, _rev: result!.rev! };
}

export function answerDoc(
	w: SurveyWorld,
	member: string,
	survey: string,
	answers: Record<string, unknown>,
	fields: Record<string, unknown> = {}
) {
	return {
		_id: surveyAnswerId(survey),
		type: 'survey-answer',
		author: member,
		createdAt: iso(w.now.ms),
		survey,
		answers,
		...fields
	};
}

export const GOOD_ANSWERS = { useful: 4, recommend: 9, topics: ['Budgets'], format: 'Online', comment: 'Clear.' };

/** `member` answers `survey` from their own database; returns the gateway's answer for it. */
export async function answer(
	w: SurveyWorld,
	member: string,
	survey: string,
	answers: Record<string, unknown> = GOOD_ANSWERS,
	fields: Record<string, unknown> = {}
): Promise<BulkResult> {
	const [result] = await bulk(w, member, userDbName(member), [answerDoc(w, member, survey, answers, fields)]);
	return result!;
}

export async function ownAnswerDoc(w: SurveyWorld, member: string, survey: string) {
	const res = await couch(w, member, `${userDbName(member)}/${encodeURIComponent(surveyAnswerId(survey))}`);
	return res.status === 200 ? res.body : null;
}

export async function results(w: SurveyWorld, survey: string): Promise<Record<string, unknown> | null> {
	const res = await couch(w, w.mod, `community/${encodeURIComponent(surveyResultsId(survey))}`);
	return res.status === 200 ? res.body : null;
}

/** A second publisher over the same store: what the server's timer does, on demand. */
export async function timerPublisher(w: SurveyWorld): Promise<SurveyPublisher> {
	const signer = await serverSigner(w.h.auth.signingKey());
	return new SurveyPublisher({
		storage: w.h.storage,
		store: createSurveyStore(w.h.storage),
		signer: async () => signer,
		clock: () => new Date(w.now.ms)
	});
}

export async function csv(w: SurveyWorld, who: string | null, survey: string) {
	const ulid = survey.slice('survey:'.length);
	const res = await w.h.request(`/api/surveys/${ulid}/responses.csv`, {
		headers: who ? { cookie: w.cookies.get(who)! } : {}
	});
	return { status: res.status, text: await res.text(), res };
}

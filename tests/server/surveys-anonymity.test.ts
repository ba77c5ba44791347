// THE anonymity test of surveys: six members answer an anonymous survey with distinctive texts,
// then every endpoint that could tie a member to their answers is walked as members, a moderator
// and an administrator. No response may pair a member's name with their text; the texts may
// appear only inside `survey-results`, which names no one.
import { afterEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { COMMUNITY_DB, surveyAnswerId, userDbName } from '../../src/lib/domain/ids';
import { SURVEYS_DB } from '../../server/surveys/store';
import {
	answer,
	couch,
	createSurveyWorld,
	csv,
	DAY_MS,
	ownAnswerDoc,
	publishSurvey,
	results,
	START_MS,
	timerPublisher,
	type SurveyWorld
} from './surveys-support';

let w: SurveyWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

const secretOf = (i: number) => `ZQX-SECRET-ANSWER-${i}-about-the-budget-office`;

/** Every object of a parsed JSON value (depth first). */
function* objectsOf(value: unknown): Generator<Record<string, unknown>> {
	if (Array.isArray(value)) for (const item of value) yield* objectsOf(item);
	else if (typeof value === 'object' && value !== null) {
		yield value as Record<string, unknown>;
		for (const item of Object.values(value)) yield* objectsOf(item);
	}
}

/** The JSON values of a body: one, or one per line (ndjson); null when it is not JSON. */
function jsonValues(text: string): unknown[] | null {
	try {
		return [JSON.parse(text)];
	} catch {
		try {
			return text
				.split('\n')
				.filter((line) => line.trim() !== '')
				.map((line) => JSON.parse(line) as unknown);
		} catch {
			return null;
		}
	}
}

/** What a body may not hold: a member's text outside a survey-results document, or beside a name. */
function leaksIn(what: string, text: string, names: readonly string[], secrets: readonly string[]): string[] {
	if (!secrets.some((s) => text.includes(s))) return [];
	const values = jsonValues(text);
	if (!values) return [`${what}: an answer's text in a body that is not JSON`];
	const leaks: string[] = [];
	for (const value of values) {
		for (const object of objectsOf(value)) {
			if (typeof object._id !== 'string' || !String(object._id).startsWith('survey-results:')) continue;
			const body = JSON.stringify(object);
			for (const name of names) if (body.includes(name)) leaks.push(`${what}: ${name} inside the results`);
		}
		// outside the results documents, no text at all
		const rest = JSON.stringify(value, (_key, v: unknown) =>
			typeof v === 'object' && v !== null && String((v as { _id?: unknown })._id).startsWith('survey-results:')
				? null
				: v
		);
		for (const secret of secrets) if (rest.includes(secret)) leaks.push(`${what}: "${secret}" outside the results`);
	}
	return leaks;
}

describe('an anonymous survey', () => {
	it('never lets anyone, administrators included, tie a member to their answers', async () => {
		w = await createSurveyWorld(6);
		const world = w;
		const { members, mod, admin } = world;
		const survey = await publishSurvey(world, mod, { anonymous: true });
		for (const [i, member] of members.entries()) {
			const answers = {
				useful: (i % 5) + 1,
				recommend: i,
				topics: i % 2 ? ['Hiring'] : ['Budgets', 'Open data'],
				format: i % 2 ? 'Online' : 'In person',
				comment: secretOf(i)
			};
			expect(await answer(world, member, survey._id, answers)).toMatchObject({ ok: true });
			world.now.ms += 60_000;
		}
		// five published in the first batch, the sixth when the survey closes
		expect((await results(world, survey._id))?.responses).toBe(5);
		world.now.ms = START_MS + 8 * DAY_MS;
		await (await timerPublisher(world)).publishDue();
		const published = (await results(world, survey._id))!;
		expect(published.responses).toBe(6);
		const comment = (published.questions as Array<{ id: string; texts?: string[] }>).find((q) => q.id === 'comment');
		expect(comment?.texts).toEqual(members.map((_, i) => secretOf(i)).sort((a, b) => a.localeCompare(b)));

		const secrets = members.map((_, i) => secretOf(i));
		const names = [...members];
		const leaks: string[] = [];
		let seen = 0;
		const look = (what: string, text: string) => {
			if (secrets.some((secret) => text.includes(secret))) seen++;
			leaks.push(...leaksIn(what, text, names, secrets));
		};
		const get = async (who: string | null, path: string, headers: Record<string, string> = {}) => {
			const res = await world.h.request(path, {
				headers: { ...(who ? { cookie: world.cookies.get(who)! } : {}), ...headers }
			});
			return {
				status: res.status,
				bytes: new Uint8Array(await res.arrayBuffer()),
				type: res.headers.get('content-type')
			};
		};
		const walk = async (who: string | null, path: string) => {
			const res = await get(who, path);
			const what = `${who ?? 'anyone'} GET ${path} (${res.status})`;
			if (res.type?.includes('zip')) {
				for (const [file, bytes] of Object.entries(unzipSync(res.bytes))) look(`${what} ${file}`, strFromU8(bytes));
			} else if (res.type?.includes('octet-stream')) look(what, gunzipSync(res.bytes).toString('utf8'));
			else look(what, strFromU8(res.bytes));
			return res;
		};

		// the community database, as members, the moderator and an administrator
		for (const who of [members[0]!, mod, admin]) {
			await walk(who, '/couch/community/_all_docs?include_docs=true');
			await walk(who, '/couch/community/_changes?include_docs=true&style=all_docs');
			await walk(who, `/couch/community/${encodeURIComponent(survey._id)}?revs_info=true`);
			await walk(who, '/couch/_all_dbs');
			expect((await walk(who, `/couch/${SURVEYS_DB}/_all_docs?include_docs=true`)).status).toBe(404);
			expect((await walk(who, `/couch/${SURVEYS_DB}/_changes?include_docs=true`)).status).toBe(404);
			expect((await walk(who, '/couch/praxis-users/_all_docs')).status).toBe(404);
			await walk(who, '/api/bootstrap/community');
		}
		// each member's own database keeps no answers, in no revision
		for (const member of members) {
			const own = await ownAnswerDoc(world, member, survey._id);
			expect(own).toMatchObject({ counted: { at: expect.any(String) } });
			expect(own).not.toHaveProperty('answers');
			const db = userDbName(member);
			const id = encodeURIComponent(surveyAnswerId(survey._id));
			await walk(member, `/couch/${db}/_all_docs?include_docs=true`);
			await walk(member, `/couch/${db}/_changes?include_docs=true&style=all_docs`);
			await walk(member, `/couch/${db}/${id}?revs=true&open_revs=all`);
			const history = (await couch(world, member, `${db}/${id}?revs_info=true`)).body._revs_info as Array<{
				rev: string;
			}>;
			// the first revision, with the answers, was compacted away: only its id remains
			expect(history.length).toBe(2);
			for (const { rev } of history) await walk(member, `/couch/${db}/${id}?rev=${rev}`);
			expect((await couch(world, member, `${db}/${id}?rev=${history[1]!.rev}`)).status).toBe(404);
			// and no one reads another member's
			expect((await walk(members[(members.indexOf(member) + 1) % members.length]!, `/couch/${db}/${id}`)).status).toBe(
				403
			);
			expect((await walk(admin, `/couch/${db}/_all_docs?include_docs=true`)).status).toBe(403);
			expect((await walk(member, '/api/account/export')).status).toBe(200);
		}
		// administrators' and moderators' routes
		for (const path of [
			'/api/admin/members',
			'/api/admin/health',
			'/api/admin/hubs',
			'/api/admin/bundle',
			'/api/moderation/queue',
			'/api/moderation/log',
			'/api/moderation/log.csv',
			'/api/account/export',
			'/api/recognition',
			'/api/devices'
		])
			expect((await walk(admin, path)).status, path).toBe(200);
		// open data, for anyone
		const openData = await walk(null, '/api/open-data');
		for (const file of (JSON.parse(strFromU8(openData.bytes)) as { files?: Array<{ name: string }> }).files ?? [])
			await walk(null, `/api/open-data/${file.name}`);
		await walk(null, '/api/open-data/download');
		await walk(null, '/api/open-data/datapackage.json');
		// the named responses: none for an anonymous survey
		for (const who of [mod, admin]) {
			const sheet = await csv(world, who, survey._id);
			expect(sheet.status).toBe(404);
			expect(JSON.parse(sheet.text)).toEqual({
				error: 'not_found',
				reason: 'this survey is anonymous: its answers are not kept with names'
			});
		}
		expect(leaks).toEqual([]);
		// the walk did see the texts (inside the results), and the check does catch a pairing
		expect(seen).toBeGreaterThan(6);
		const paired = { _id: surveyAnswerId(survey._id), author: names[0], answers: { comment: secrets[0] } };
		expect(leaksIn('control', JSON.stringify({ rows: [{ doc: paired }] }), names, secrets)).not.toEqual([]);
		expect(leaksIn('control', `${names[0]},${secrets[0]}`, names, secrets)).not.toEqual([]);

		// what the server keeps: ballots named by an HMAC, answers with no name and no time
		const kept = await world.h.storage.db(SURVEYS_DB).allDocs({ include_docs: true });
		const keptText = JSON.stringify(kept.rows);
		for (const name of names) expect(keptText).not.toContain(name);
		const answerDocs = kept.rows.filter((row) => row.id.startsWith('answer:'));
		expect(answerDocs).toHaveLength(6);
		for (const row of answerDocs) expect(Object.keys(row.doc!).sort()).toEqual(['_id', '_rev', 'answers']);
		// and the community database holds no copy of the answers either
		const community = JSON.stringify(
			(await world.h.storage.db(COMMUNITY_DB).allDocs({ include_docs: true })).rows.filter(
				(row) => !row.id.startsWith('survey-results:')
			)
		);
		for (const secret of secrets) expect(community).not.toContain(secret);
	});
});

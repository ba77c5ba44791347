// Demo surveys: one closed with its published results, one open for every member; demo outcome
// figures citing citizens' feedback. All valid, written as their authors (or the server) could.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { seed } from '../../server/seed';
import { DEMO_MEMBERS } from '../../server/demo/members';
import { buildDemoDocs } from '../../server/demo/build';
import { COMMUNITY_DB, surveyResultsId } from '../../src/lib/domain/ids';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import { authorizeCommunityWrite, type DocFacts } from '../../src/lib/domain/permissions';
import { surveyState } from '../../src/lib/domain/surveys';
import {
	CITIZEN_METRICS,
	SURVEY_TEXT_THRESHOLD,
	type OutcomeFigure,
	type Role,
	type SurveyDoc,
	type SurveyResultsDoc
} from '../../src/lib/domain/schemas';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

const NOW = new Date('2026-11-20T10:00:00.000Z');

describe('demo surveys', () => {
	const docs = buildDemoDocs(NOW);
	const surveys = docs.filter((d): d is SurveyDoc => d.type === 'survey');
	const results = docs.filter((d): d is SurveyResultsDoc => d.type === 'survey-results');

	it('are valid, and set by a moderator as the write rules allow', () => {
		for (const doc of [...surveys, ...results]) expect(validateCommunityDoc(doc), doc._id).toMatchObject({ ok: true });
		for (const survey of surveys) {
			const roles = ['member', ...(DEMO_MEMBERS.find((m) => m.username === survey.author)?.roles ?? [])] as Role[];
			expect(authorizeCommunityWrite({ name: survey.author, roles }, survey as unknown as DocFacts, null)).toEqual({
				ok: true
			});
		}
	});

	it('hold one closed anonymous survey with results that show written answers', () => {
		const closed = surveys.filter((s) => surveyState(s, NOW.toISOString()) === 'closed');
		expect(closed).toHaveLength(1);
		const [past] = closed;
		expect(past).toMatchObject({ anonymous: true, audience: { kind: 'everyone' } });
		const published = results.find((r) => r._id === surveyResultsId(past._id))!;
		expect(published).toMatchObject({ survey: past._id, author: 'praxis' });
		expect(published.responses).toBeGreaterThanOrEqual(SURVEY_TEXT_THRESHOLD);
		expect(published.questions.map((q) => q.id)).toEqual(past.questions.map((q) => q.id));
		const text = published.questions.find((q) => q.kind === 'text')!;
		expect(text.texts?.length).toBeGreaterThanOrEqual(SURVEY_TEXT_THRESHOLD);
		expect(text.withheld).toBeUndefined();
		expect(published.createdAt >= past.closesAt).toBe(true);
	});

	it('hold an open survey for every member on how useful Praxis is', () => {
		const open = surveys.filter((s) => surveyState(s, NOW.toISOString()) === 'open');
		expect(open.map((s) => [s.title, s.audience.kind])).toEqual([['How useful is Praxis to your work?', 'everyone']]);
		expect(results.some((r) => r.survey === open[0]._id)).toBe(false);
	});

	it('cite citizens’ feedback in an outcome with its source and the number of people asked', () => {
		const figures = docs.flatMap((d) =>
			d.type === 'story' || d.type === 'adoption' ? (d.outcomes as OutcomeFigure[]) : []
		);
		const citing = figures.filter((f) => CITIZEN_METRICS.has(f.metric));
		expect(citing.length).toBeGreaterThan(0);
		for (const f of citing) expect(f.source && f.sampleSize).toBeTruthy();
	});

	it('are stored signed by the server when the demo loads', async () => {
		h = createHarness();
		await seed({ storage: h.storage, auth: h.auth, demo: true });
		const all = await h.storage.db(COMMUNITY_DB).allDocs({ include_docs: true });
		const stored = all.rows.map((r) => r.doc as unknown as Record<string, unknown>);
		const surveyDocs = stored.filter((d) => d.type === 'survey' || d.type === 'survey-results');
		expect(surveyDocs).toHaveLength(3);
		for (const doc of surveyDocs) {
			expect(validateCommunityDoc(doc).ok).toBe(true);
			expect((doc.signature as { device: string }).device).toMatch(/^server:/);
		}
	});
});

// First-start content: categories once, demo content once and valid, demo logins working.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { seed, DEFAULT_CATEGORIES, SYSTEM_AUTHOR } from '../../server/seed';
import { DEMO_MEMBERS, DEMO_PASSWORD, FEATURED_DEMO_MEMBERS } from '../../server/demo/members';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import {
	authorizeCommunityWrite,
	authorizeRelated,
	relatedIdOf,
	type DocFacts
} from '../../src/lib/domain/permissions';
import { ADOPTION_STATUSES, RESOURCE_KINDS, type Role } from '../../src/lib/domain/schemas';
import { answerRefusal } from '../../server/couch/rules/answers';

type Doc = Record<string, unknown> & { _id: string };

let h: Harness;
afterEach(async () => {
	await h?.close();
});

async function communityDocs(harness: Harness): Promise<Array<Record<string, unknown> & { _id: string }>> {
	const res = await harness.storage.db(COMMUNITY_DB).allDocs({ include_docs: true });
	return res.rows.map((row) => row.doc as unknown as Record<string, unknown> & { _id: string });
}

describe('seed', () => {
	it('creates the default categories once, authored by the system name', async () => {
		h = createHarness();
		const first = await seed({ storage: h.storage, auth: h.auth, demo: false });
		expect(first).toMatchObject({ categoriesCreated: 7, demoLoaded: false, demoPassword: null });
		const again = await seed({ storage: h.storage, auth: h.auth, demo: false });
		expect(again.categoriesCreated).toBe(0);
		const docs = await communityDocs(h);
		expect(docs.map((d) => d._id).sort()).toEqual(DEFAULT_CATEGORIES.map((c) => `category:${c.slug}`).sort());
		for (const doc of docs) {
			expect(validateCommunityDoc(doc).ok).toBe(true);
			expect(doc.author).toBe(SYSTEM_AUTHOR);
		}
		expect(docs.find((d) => d._id === 'category:cybersecurity-privacy')?.name).toBe('Cybersecurity & privacy');
	});

	it('loads valid demo content once: members, threads with replies, votes, published resources with reviews', async () => {
		h = createHarness();
		const report = await seed({ storage: h.storage, auth: h.auth, demo: true });
		expect(report.demoLoaded).toBe(true);
		expect(report.demoPassword).toBe(DEMO_PASSWORD);
		expect(report.demoMembers).toHaveLength(FEATURED_DEMO_MEMBERS.length);

		const docs = await communityDocs(h);
		const invalid = docs.map((d) => ({ id: d._id, check: validateCommunityDoc(d) })).filter((x) => !x.check.ok);
		expect(invalid).toEqual([]);
		const of = (type: string) => docs.filter((d) => d.type === type);
		const categories = new Set(of('category').map((d) => (d._id as string).slice('category:'.length)));
		const threads = of('thread');
		expect(threads.length).toBeGreaterThanOrEqual(10);
		for (const t of threads) expect(categories.has(t.category as string)).toBe(true);
		const threadIds = new Set(threads.map((t) => t._id));
		for (const p of of('post')) expect(threadIds.has(p.thread as string)).toBe(true);
		const replyCounts = threads.map((t) => of('post').filter((p) => p.thread === t._id).length);
		for (const replies of replyCounts) expect(replies).toBeLessThanOrEqual(6);
		// most threads have replies; a few questions are still waiting for one
		expect(replyCounts.filter((n) => n === 0).length).toBeGreaterThanOrEqual(2);
		expect(replyCounts.filter((n) => n === 0).length).toBeLessThanOrEqual(threads.length / 10);
		const events = of('event');
		expect(events.some((e) => Date.parse(e.start as string) > Date.now())).toBe(true);
		expect(events.some((e) => Date.parse(e.end as string) < Date.now())).toBe(true);
		const eventIds = new Set(events.map((e) => e._id));
		expect(of('rsvp').length).toBeGreaterThan(0);
		for (const r of of('rsvp')) expect(eventIds.has(r.event as string)).toBe(true);
		const published = of('resource').filter((r) => r.status === 'published');
		expect(published.length).toBeGreaterThanOrEqual(4);
		expect(new Set(published.map((r) => r.kind))).toEqual(new Set(RESOURCE_KINDS));
		const caseStudy = published.find((r) => r.kind === 'case-study')!;
		for (const field of ['problem', 'actions', 'outcomes', 'lessons', 'contact']) expect(caseStudy[field]).toBeTruthy();
		for (const r of published) expect(of('review').some((v) => v.resource === r._id)).toBe(true);
		expect(of('vote').length).toBeGreaterThan(20);
		expect(of('profile')).toHaveLength(DEMO_MEMBERS.length);
		for (const d of docs) expect(Date.parse(d.createdAt as string)).toBeLessThan(Date.now());

		const count = docs.length;
		const again = await seed({ storage: h.storage, auth: h.auth, demo: true });
		expect(again.demoLoaded).toBe(false);
		expect(again.demoPassword).toBe(DEMO_PASSWORD);
		expect((await communityDocs(h)).length).toBe(count);
	});

	it('gives demo members their roles and the printed password', async () => {
		h = createHarness();
		await seed({ storage: h.storage, auth: h.auth, demo: true });
		const login = await h.post('/api/auth/login', { username: 'maria', password: DEMO_PASSWORD });
		expect(login.status).toBe(200);
		expect((await login.json()).user.roles).toEqual(['member', 'reviewer']);
		expect((await h.auth.users.get('piotr'))?.roles).toEqual(['member', 'reviewer', 'moderator']);
	});

	it('loads stories, adoptions, challenges and accepted answers that pass the schemas and the permissions', async () => {
		h = createHarness();
		await seed({ storage: h.storage, auth: h.auth, demo: true });
		const docs = await communityDocs(h);
		const byId = new Map(docs.map((d) => [d._id, d]));
		const of = (type: string) => docs.filter((d) => d.type === type);
		const actor = (name: string) => ({
			name,
			roles: ['member', ...(DEMO_MEMBERS.find((m) => m.username === name)?.roles ?? [])] as Role[]
		});
		/** Allowed as its author creates it, and by the document it depends on. */
		const allowed = (doc: Doc, prev: Doc | null = null, as = String(doc.author)) => {
			const facts = doc as unknown as DocFacts;
			const related = relatedIdOf(facts);
			const decisions = [
				authorizeCommunityWrite(actor(as), facts, prev as unknown as DocFacts | null),
				authorizeRelated(actor(as), facts, related ? ((byId.get(related) ?? null) as unknown as DocFacts | null) : null)
			];
			return decisions.filter((d) => !d.ok);
		};
		for (const d of docs) expect(validateCommunityDoc(d).ok).toBe(true);

		const stories = of('story');
		const published = stories.filter((s) => s.status === 'published');
		expect(published.length).toBeGreaterThanOrEqual(5);
		expect(new Set(published.map((s) => s.author)).size).toBe(published.length);
		expect(stories.filter((s) => s.status === 'submitted')).toHaveLength(1);
		for (const story of stories) {
			const { reviewedBy: _by, reviewedAt: _at, updatedAt: _u, ...draft } = story;
			const submitted = { ...draft, status: 'submitted' };
			expect(allowed(submitted)).toEqual([]);
			if (story.status !== 'published') continue;
			expect(story.reviewedBy).not.toBe(story.author);
			expect((story.outcomes as unknown[]).length).toBeGreaterThan(0);
			expect(allowed(story, submitted, String(story.reviewedBy))).toEqual([]);
			expect(of('review').some((r) => r.resource === story._id)).toBe(true);
		}
		for (const review of of('review')) expect(allowed(review)).toEqual([]);

		const adoptions = of('adoption');
		expect(adoptions.length).toBeGreaterThanOrEqual(6);
		expect(new Set(adoptions.map((a) => a.status))).toEqual(new Set(ADOPTION_STATUSES));
		expect(adoptions.filter((a) => (a.outcomes as unknown[]).length > 0).length).toBeGreaterThanOrEqual(3);
		expect(adoptions.some((a) => byId.get(a.practice as string)?.type === 'resource')).toBe(true);
		for (const adoption of adoptions) {
			expect(allowed(adoption)).toEqual([]);
			expect(String(adoption.createdAt) > String(byId.get(adoption.practice as string)?.createdAt)).toBe(true);
		}
		// an abandoned adoption says why
		expect(String(adoptions.find((a) => a.status === 'abandoned')?.notes).length).toBeGreaterThan(40);

		const answered = of('thread').filter((t) => t.answer);
		expect(answered.length).toBeGreaterThanOrEqual(3);
		for (const thread of answered) {
			const post = byId.get(thread.answer as string)!;
			expect(post.author).not.toBe(thread.author);
			expect(thread.answeredBy).toBe(thread.author);
			expect(answerRefusal(thread, post, String(thread.author))).toBeNull();
			const { answer: _a, answeredBy: _b, answeredAt: _c, ...before } = thread;
			expect(allowed(thread, before)).toEqual([]);
		}

		const now = Date.now();
		const challenges = of('challenge');
		for (const challenge of challenges) expect(allowed(challenge)).toEqual([]);
		const running = challenges.find(
			(c) => Date.parse(c.opensAt as string) < now && Date.parse(c.closesAt as string) > now
		)!;
		const past = challenges.find((c) => c.announcedAt)!;
		expect(running).toBeDefined();
		expect(Date.parse(past.closesAt as string)).toBeLessThan(now - 20 * 24 * 3600_000);
		const entriesOf = (c: Doc) => [...of('story'), ...of('resource')].filter((e) => e.challenge === c._id);
		for (const c of [running, past]) {
			expect(entriesOf(c).length).toBeGreaterThanOrEqual(2);
			for (const entry of entriesOf(c)) {
				const at = String(entry.createdAt);
				expect(at >= String(c.opensAt) && at < String(c.closesAt)).toBe(true);
			}
		}
		const entryIds = new Set(entriesOf(past).map((e) => e._id));
		const winners = past.winners as { entry: string }[];
		expect(winners.length).toBeGreaterThan(0);
		for (const w of winners) expect(entryIds.has(w.entry)).toBe(true);
		const judgings = of('judging');
		expect(judgings.length).toBeGreaterThan(0);
		for (const j of judgings) {
			expect(allowed(j)).toEqual([]);
			expect(entryIds.has(j.entry as string)).toBe(true);
			expect((j.scores as number[]).length).toBe((past.criteria as unknown[]).length);
		}
		expect(of('profile').filter((p) => p.region && p.sector).length).toBe(DEMO_MEMBERS.length);
		for (const story of published) expect(of('vote').filter((v) => v.target === story._id).length).toBeGreaterThan(2);
	});
});

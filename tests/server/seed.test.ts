// First-start content: categories once, demo content once and valid, demo logins working.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { seed, DEFAULT_CATEGORIES, SYSTEM_AUTHOR } from '../../server/seed';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '../../server/demo/members';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import { validateCommunityDoc } from '../../src/lib/domain/validate';

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
		expect(report.demoMembers).toHaveLength(DEMO_MEMBERS.length);

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
		for (const t of threads) {
			const replies = of('post').filter((p) => p.thread === t._id).length;
			expect(replies).toBeGreaterThanOrEqual(2);
			expect(replies).toBeLessThanOrEqual(6);
		}
		const events = of('event');
		expect(events.some((e) => Date.parse(e.start as string) > Date.now())).toBe(true);
		expect(events.some((e) => Date.parse(e.end as string) < Date.now())).toBe(true);
		const eventIds = new Set(events.map((e) => e._id));
		expect(of('rsvp').length).toBeGreaterThan(0);
		for (const r of of('rsvp')) expect(eventIds.has(r.event as string)).toBe(true);
		const published = of('resource').filter((r) => r.status === 'published');
		expect(published.length).toBeGreaterThanOrEqual(4);
		expect(new Set(published.map((r) => r.kind))).toEqual(new Set(['case-study', 'guide', 'template', 'article']));
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
		expect((await h.auth.users.get('piotr'))?.roles).toEqual(['member', 'moderator']);
	});
});

// The demo is a living community: about forty members across regions and sectors, sixty threads
// (a few in French, Spanish and Arabic), thirty library resources of every kind, a knowledge base,
// events past and coming, suggestions. Everything passes the schemas and the write rules, dates
// fall in the last four months (events up to six weeks ahead), and the same moment gives the
// same documents.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { seed } from '../../server/seed';
import { buildDemoDocs } from '../../server/demo/build';
import { DEMO_MEMBERS } from '../../server/demo/members';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import {
	authorizeCommunityWrite,
	authorizeRelated,
	relatedIdOf,
	type DocFacts
} from '../../src/lib/domain/permissions';
import { RESOURCE_KINDS, type Role } from '../../src/lib/domain/schemas';

type Doc = Record<string, unknown> & { _id: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-03T15:30:00.000Z');

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

const roles = (name: string) => ['member', ...(DEMO_MEMBERS.find((m) => m.username === name)?.roles ?? [])] as Role[];

describe('demo community', () => {
	it('seeds a fresh store with everything valid, quickly, and nothing more on restart', async () => {
		h = createHarness();
		const started = performance.now();
		const report = await seed({ storage: h.storage, auth: h.auth, demo: true, now: NOW });
		const took = performance.now() - started;
		expect(report.demoLoaded).toBe(true);
		const rows = await h.storage.db(COMMUNITY_DB).allDocs({ include_docs: true });
		const docs = rows.rows.map((r) => r.doc as unknown as Doc).filter((d) => !d._id.startsWith('_'));
		const invalid = docs.map((d) => ({ id: d._id, check: validateCommunityDoc(d) })).filter((x) => !x.check.ok);
		expect(invalid).toEqual([]);
		const built = buildDemoDocs(NOW);
		const stored = new Set(docs.map((d) => d._id));
		expect(built.filter((d) => !stored.has(d._id)).map((d) => d._id)).toEqual([]);
		expect(report.demoDocs).toBe(built.length);
		// it runs at every first start: about 2 s of CPU; this bound only catches a runaway on a busy machine
		expect(took).toBeLessThan(60_000);

		const of = (type: string) => docs.filter((d) => d.type === type);
		expect(of('profile')).toHaveLength(DEMO_MEMBERS.length);
		expect(DEMO_MEMBERS.length).toBeGreaterThanOrEqual(38);
		expect(of('thread')).toHaveLength(60);
		expect(of('resource')).toHaveLength(30);
		expect(of('collection')).toHaveLength(3);
		expect(of('suggestion').length).toBeGreaterThanOrEqual(5);
		expect(of('rating').length).toBeGreaterThan(30);
		expect(of('attendance').length).toBeGreaterThan(10);

		const again = await seed({ storage: h.storage, auth: h.auth, demo: true, now: new Date(NOW.getTime() + DAY_MS) });
		expect(again.demoLoaded).toBe(false);
		expect((await h.storage.db(COMMUNITY_DB).allDocs()).rows.length).toBe(rows.rows.length);
	});

	const docs = buildDemoDocs(NOW) as unknown as Doc[];
	const byId = new Map(docs.map((d) => [d._id, d]));
	const of = (type: string) => docs.filter((d) => d.type === type);

	it('is the same for the same moment', () => {
		expect(JSON.stringify(buildDemoDocs(NOW))).toBe(JSON.stringify(docs));
		expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
	});

	it('has members across regions and sectors, some of them mentors', () => {
		const profiles = DEMO_MEMBERS.map((m) => m.profile ?? {});
		expect(new Set(profiles.map((p) => p.region)).size).toBeGreaterThanOrEqual(7);
		expect(new Set(profiles.map((p) => p.sector)).size).toBeGreaterThanOrEqual(10);
		expect(profiles.filter((p) => p.mentor).length).toBeGreaterThanOrEqual(5);
		for (const p of profiles) {
			expect(p.bio?.length).toBeGreaterThan(40);
			expect(p.expertise?.length).toBeGreaterThan(0);
		}
		const names = new Set(DEMO_MEMBERS.map((m) => m.username));
		expect(names.size).toBe(DEMO_MEMBERS.length);
		// everyone who writes, votes or answers is a demo member
		for (const d of docs) if (d.author !== 'praxis') expect(names.has(String(d.author)), d._id).toBe(true);
	});

	it('has threads with replies, answers, votes and mentions, in four languages', () => {
		const threads = of('thread');
		const replies = (t: Doc) => of('post').filter((p) => p.thread === t._id).length;
		expect(threads.filter((t) => replies(t) >= 1 && replies(t) <= 6).length).toBeGreaterThanOrEqual(54);
		expect(threads.filter((t) => replies(t) === 0).length).toBeGreaterThanOrEqual(3);
		expect(threads.filter((t) => t.answer).length).toBeGreaterThanOrEqual(10);
		expect(new Set(threads.map((t) => t.category)).size).toBe(7);
		expect(of('post').some((p) => /(^|\s)@[a-z]{3,}/.test(String(p.body)))).toBe(true);
		const french = threads.filter((t) => /\b(vous|nous|les|des)\b/.test(String(t.body)));
		const spanish = threads.filter((t) => /\b(¿|usted|ciudadanos|Buenos días)/.test(String(t.body)));
		const arabic = threads.filter((t) => /[\u0600-\u06FF]/.test(String(t.title)));
		expect(french).toHaveLength(2);
		expect(spanish).toHaveLength(1);
		expect(arabic).toHaveLength(1);
	});

	it('has resources of every kind, most published after review, some waiting', () => {
		const resources = of('resource');
		expect(new Set(resources.map((r) => r.kind))).toEqual(new Set(RESOURCE_KINDS));
		const published = resources.filter((r) => r.status === 'published');
		expect(published.length).toBeGreaterThanOrEqual(24);
		expect(resources.filter((r) => r.status === 'submitted').length).toBeGreaterThanOrEqual(2);
		for (const r of published) {
			const review = of('review').find((v) => v.resource === r._id && v.verdict === 'approve');
			expect(review, String(r.title)).toBeDefined();
			expect(review!.author).not.toBe(r.author);
		}
		for (const rating of of('rating')) expect(rating.author).not.toBe(byId.get(String(rating.resource))?.author);
	});

	it('has collections, events, attendance and suggestions that refer to what exists', () => {
		for (const c of of('collection'))
			for (const item of c.items as { ref: string }[]) expect(byId.has(item.ref), item.ref).toBe(true);
		const events = of('event');
		const upcoming = events.filter((e) => Date.parse(String(e.start)) > NOW.getTime());
		const past = events.filter((e) => Date.parse(String(e.end)) < NOW.getTime());
		expect(upcoming.length).toBeGreaterThanOrEqual(5);
		expect(past.length).toBeGreaterThanOrEqual(5);
		for (const e of upcoming) expect(Date.parse(String(e.start))).toBeLessThan(NOW.getTime() + 42 * DAY_MS);
		expect(new Set(events.map((e) => e.region)).size).toBeGreaterThanOrEqual(5);
		expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['webinar', 'workshop', 'meetup', 'conference']));
		for (const a of of('attendance')) {
			const event = byId.get(String(a.event))!;
			expect(Date.parse(String(event.end))).toBeLessThan(Date.parse(String(a.createdAt)));
		}
		expect(new Set(of('suggestion').map((s) => s.status)).size).toBeGreaterThanOrEqual(4);
	});

	it('dates everything in the last four months, and nothing in the future', () => {
		for (const d of docs) {
			const at = Date.parse(String(d.createdAt));
			expect(at, d._id).toBeLessThan(NOW.getTime());
			expect(at, d._id).toBeGreaterThan(NOW.getTime() - 124 * DAY_MS);
		}
	});

	it('writes only what its authors could write', () => {
		for (const d of docs) {
			const doc = d;
			let prev: Doc | null = null;
			let as = String(d.author);
			// a suggestion is made open; the moderator who answered it then set its status
			if (d.type === 'suggestion' && d.response) {
				const { response, updatedAt: _u, ...open } = d;
				prev = { ...open, status: 'open' };
				as = (response as { by: string }).by;
				expect(
					authorizeCommunityWrite(
						{ name: String(d.author), roles: roles(String(d.author)) },
						prev as unknown as DocFacts,
						null
					)
				).toEqual({ ok: true });
			}
			// resources are submitted by their author and published by a reviewer (seed.test.ts checks stories)
			if (d.type === 'resource' || d.type === 'story' || d.type === 'thread') continue;
			if (d.type === 'survey-results') continue;
			const related = relatedIdOf(doc as unknown as DocFacts);
			const decisions = [
				authorizeCommunityWrite(
					{ name: as, roles: roles(as) },
					doc as unknown as DocFacts,
					prev as unknown as DocFacts | null
				),
				authorizeRelated(
					{ name: as, roles: roles(as) },
					doc as unknown as DocFacts,
					related ? ((byId.get(related) ?? null) as unknown as DocFacts | null) : null
				)
			].filter((x) => !x.ok);
			expect(decisions, d._id).toEqual([]);
		}
	});
});

// A member's `following` document (what they watch, track or mute) in their own database:
// the gateway (server/couch/write.ts) refuses a malformed or oversized one with its reason.
import { afterEach, describe, expect, it } from 'vitest';
import { userDbName } from '../../../src/lib/domain/ids';
import { MAX_FOLLOWED } from '../../../src/lib/domain/schemas';
import { bulk, createWorld, type ModWorld } from '../moderation/support';

let w: ModWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

const THREAD = 'thread:01JTTTTTTTTTTTTTTTTTTTTT01';
const following = (fields: Record<string, unknown> = {}) => ({
	_id: 'following:ben',
	type: 'following',
	author: 'ben',
	createdAt: '2026-12-03T09:00:00.000Z',
	categories: { procurement: 'watching' },
	tags: { cloud: 'tracking' },
	threads: { [THREAD]: 'muted' },
	...fields
});

describe('following documents', () => {
	it('stores a valid one and refuses a malformed or oversized one with its reason', async () => {
		w = await createWorld();
		const many = Object.fromEntries(Array.from({ length: MAX_FOLLOWED + 1 }, (_, i) => [`tag-${i}`, 'muted']));
		const answers = await bulk(w, 'ben', userDbName('ben'), [
			following({ categories: { procurement: 'loud' } }),
			following({ tags: many }),
			following({ threads: { 'not-a-thread': 'muted' } }),
			following({ _id: 'following:ana' }),
			following()
		]);
		expect(answers.slice(0, 4).every((a) => a.error === 'forbidden')).toBe(true);
		expect(answers[0].reason).toMatch(/a level is one of watching, tracking, normal, muted/);
		expect(answers[1].reason).toMatch(new RegExp(`at most ${MAX_FOLLOWED} tags`));
		expect(answers[2].reason).toMatch(/must be thread:\{ulid\}/);
		expect(answers[3].reason).toMatch(/following:\{your username\}/);
		expect(answers[4]).toMatchObject({ ok: true, id: 'following:ben' });
	});
});

// "New survey: …" notifications: a survey that has not closed notifies the members it asks
// (everyone, the region on their profile, the people going to or at its event), once, without a
// name; a closed survey, or one the member wrote, notifies no one.
import { describe, expect, it } from 'vitest';
import {
	NOTIFICATION_KINDS,
	SYSTEM_ACTOR,
	notificationsFor,
	type NotifyLookup
} from '../../../src/lib/domain/notifications';

const NOW = '2026-12-03T12:00:00.000Z';
const ULID = '01JEEEEEEEEEEEEEEEEEEEEEE1';
const EVENT = 'event:01JEEEEEEEEEEEEEEEEEEEEEE2';

const survey = (fields: Record<string, unknown> = {}) => ({
	_id: `survey:${ULID}`,
	type: 'survey',
	author: 'moira',
	createdAt: '2026-12-01T00:00:00.000Z',
	title: 'Our letters',
	description: '',
	questions: [{ id: 'q1', kind: 'text', label: 'Idea' }],
	opensAt: '2026-12-02T00:00:00.000Z',
	closesAt: '2026-12-10T00:00:00.000Z',
	audience: { kind: 'everyone' },
	anonymous: true,
	...fields
});

function lookup(docs: Record<string, Record<string, unknown>> = {}, rsvp: string | null = null): NotifyLookup {
	return { get: async (id) => docs[id] ?? null, myRsvp: async () => rsvp, now: () => NOW };
}

describe('survey notifications', () => {
	it('is a kind members can turn off', () => {
		expect(NOTIFICATION_KINDS).toContain('survey');
	});

	it('tells every member of a new survey for everyone, without a name', async () => {
		expect(await notificationsFor(survey(), 'ann', lookup())).toEqual([
			{
				id: `survey:survey:${ULID}`,
				kind: 'survey',
				at: '2026-12-01T00:00:00.000Z',
				actor: SYSTEM_ACTOR,
				text: 'New survey: Our letters',
				message: { key: 'survey.new', params: { title: 'Our letters' } },
				href: `/surveys/${ULID}`,
				source: `survey:${ULID}`
			}
		]);
		// a moderator's later change keeps the same row
		const [changed] = await notificationsFor(survey({ updatedAt: NOW, title: 'Letters' }), 'ann', lookup());
		expect(changed.id).toBe(`survey:survey:${ULID}`);
	});

	it('asks members by the region on their profile', async () => {
		const doc = survey({ audience: { kind: 'region', region: 'Lyon' } });
		expect(await notificationsFor(doc, 'ann', lookup())).toEqual([]);
		expect(await notificationsFor(doc, 'ann', lookup({ 'profile:ann': { region: 'Nantes' } }))).toEqual([]);
		expect(await notificationsFor(doc, 'ann', lookup({ 'profile:ann': { region: 'lyon' } }))).toHaveLength(1);
	});

	it('asks the people going to its event or marked as attending', async () => {
		const doc = survey({ audience: { kind: 'event', event: EVENT } });
		expect(await notificationsFor(doc, 'ann', lookup({}, 'maybe'))).toEqual([]);
		expect(await notificationsFor(doc, 'ann', lookup({}, 'going'))).toHaveLength(1);
		const attended = { [`attendance:${EVENT.slice(6)}:ann`]: { attended: true } };
		expect(await notificationsFor(doc, 'ann', lookup(attended))).toHaveLength(1);
	});

	it('says nothing of a closed survey, nor to its author', async () => {
		expect(await notificationsFor(survey({ closesAt: '2026-12-03T00:00:00.000Z' }), 'ann', lookup())).toEqual([]);
		expect(await notificationsFor(survey(), 'moira', lookup())).toEqual([]);
	});
});

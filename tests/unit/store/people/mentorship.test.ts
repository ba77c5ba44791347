// Mentorship on the device: the shared rules refuse at once (offline too) what the server would
// refuse, with the same reason; the mentee withdraws a request and the mentor can no longer
// answer it; the capacity set on the profile hides a full mentor from suggestions.
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from '../support';

afterEach(closeTestStores);

const NOW = '2026-05-01T10:00:00.000Z';

/** A document arriving on `store` as if synced from another device. */
async function arrive(store: TestStore, doc: Record<string, unknown> & { _id: string }): Promise<void> {
	const prev = await store.replica.community.get(doc._id).catch(() => null);
	await store.replica.community.put(prev ? { ...doc, _rev: prev._rev } : doc);
	await store.projected();
}

const profile = (name: string, extra: Record<string, unknown> = {}) => ({
	_id: `profile:${name}`,
	type: 'profile',
	author: name,
	createdAt: NOW,
	displayName: name.toUpperCase(),
	expertise: ['procurement'],
	...extra
});

describe('mentorship on the device', () => {
	it('refuses requests the server would refuse, with its reasons', async () => {
		const ben = await openTestStore({ name: uniqueName('b') });
		await expect(ben.people.requestMentorship('nobody', 'Learn')).rejects.toThrow('There is no member named nobody.');
		await arrive(ben, profile('closed'));
		await expect(ben.people.requestMentorship('closed', 'Learn')).rejects.toThrow('closed is not open to mentoring.');
		await arrive(ben, profile('anna', { mentor: true }));
		await ben.people.requestMentorship('anna', 'Learn procurement');
		await expect(ben.people.requestMentorship('anna', 'Again')).rejects.toThrow('You already have a request to anna.');
		expect((await ben.people.mentorships()).asMentee.map((m) => m.state)).toEqual(['requested']);
	});

	it('withdraws a request: shown as withdrawn, a new request may follow', async () => {
		const ben = await openTestStore({ name: uniqueName('b') });
		await arrive(ben, profile('anna', { mentor: true }));
		const id = await ben.people.requestMentorship('anna', 'Learn procurement');
		await ben.people.withdrawMentorship(id);
		const [withdrawn] = (await ben.people.mentorships()).asMentee;
		expect(withdrawn).toMatchObject({ id, state: 'withdrawn' });
		expect(await ben.replica.community.get(id)).toMatchObject({ withdrawnAt: expect.any(String) });
		await ben.people.requestMentorship('anna', 'Learn procurement, again');
		expect((await ben.people.mentorships()).asMentee.map((m) => m.state).sort()).toEqual(['requested', 'withdrawn']);
	});

	it('lets the mentor neither answer a withdrawn request nor accept beyond the capacity', async () => {
		const name = uniqueName('a');
		const anna = await openTestStore({ name });
		await anna.people.saveProfile({ displayName: 'Anna', expertise: ['procurement'], mentor: true, mentorCapacity: 1 });
		expect((await anna.people.myProfile()).mentorCapacity).toBe(1);
		const request = (ulid: string, author: string, extra: Record<string, unknown> = {}) => ({
			_id: `mentorship:${ulid}`,
			type: 'mentorship',
			author,
			createdAt: NOW,
			mentor: name,
			goals: 'Learn',
			...extra
		});
		await arrive(anna, request('01JEAAAAAAAAAAAAAAAAAAAAA1', 'ben', { withdrawnAt: NOW }));
		await arrive(anna, request('01JEAAAAAAAAAAAAAAAAAAAAA2', 'cyd'));
		await arrive(anna, request('01JEAAAAAAAAAAAAAAAAAAAAA3', 'dee'));
		const states = async () =>
			Object.fromEntries((await anna.people.mentorships()).asMentor.map((m) => [m.mentee, m.state]));
		expect(await states()).toEqual({ ben: 'withdrawn', cyd: 'requested', dee: 'requested' });

		await expect(anna.people.answerMentorship('mentorship:01JEAAAAAAAAAAAAAAAAAAAAA1', 'accepted')).rejects.toThrow(
			'This request was withdrawn.'
		);
		await anna.people.answerMentorship('mentorship:01JEAAAAAAAAAAAAAAAAAAAAA2', 'accepted');
		await expect(anna.people.answerMentorship('mentorship:01JEAAAAAAAAAAAAAAAAAAAAA3', 'accepted')).rejects.toThrow(
			'You already mentor 1 member, your limit: raise it in your profile to accept more.'
		);
		await anna.people.answerMentorship('mentorship:01JEAAAAAAAAAAAAAAAAAAAAA3', 'declined');
		expect(await states()).toEqual({ ben: 'withdrawn', cyd: 'active', dee: 'declined' });
		expect((await anna.people.person(name)).mentoring).toEqual({ active: 1, capacity: 1, full: true });

		await expect(anna.people.saveProfile({ displayName: 'Anna', mentor: true, mentorCapacity: 0 })).rejects.toThrow(
			/whole number from 1 to 20/
		);
	});

	it('does not suggest a full mentor, and the profile says so', async () => {
		const ben = await openTestStore({ name: uniqueName('b') });
		await arrive(ben, profile('anna', { mentor: true, mentorCapacity: 1 }));
		await arrive(ben, profile('omar', { mentor: true }));
		expect((await ben.people.suggestedMentors(['procurement'])).map((m) => m.username)).toEqual(['anna', 'omar']);
		await arrive(ben, {
			_id: 'mentorship:01JEAAAAAAAAAAAAAAAAAAAAA1',
			type: 'mentorship',
			author: 'cyd',
			createdAt: NOW,
			mentor: 'anna',
			goals: 'Learn'
		});
		await arrive(ben, {
			_id: 'mentorship-answer:01JEAAAAAAAAAAAAAAAAAAAAA1',
			type: 'mentorship-answer',
			author: 'anna',
			createdAt: NOW,
			mentorship: 'mentorship:01JEAAAAAAAAAAAAAAAAAAAAA1',
			answer: 'accepted'
		});
		expect((await ben.people.suggestedMentors(['procurement'])).map((m) => m.username)).toEqual(['omar']);
		expect((await ben.people.person('anna')).mentoring).toMatchObject({ full: true });
		await expect(ben.people.requestMentorship('anna', 'Learn')).rejects.toThrow(
			'anna is not taking more mentees right now.'
		);
	});
});

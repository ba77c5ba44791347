// Surveys on one device: a member answers offline into their private replica (never community),
// reads "waiting to be sent" until the server acknowledges it and "counted" once the server's
// revision arrives; the anonymous survey's stripped revision leaves the device's own copy; the
// audience follows the profile region and RSVPs; a refusal by the server lands in the rejected
// writes with its reason; moderators and an event's organisers set surveys.
import { afterEach, describe, expect, it } from 'vitest';
import { surveyAnswerId } from '../../../src/lib/domain/ids';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from './support';

afterEach(closeTestStores);

const NOW = '2026-12-03T12:00:00.000Z';
const SURVEY = 'survey:01JEEEEEEEEEEEEEEEEEEEEEE1';
const EVENT = 'event:01JEEEEEEEEEEEEEEEEEEEEEE2';

const surveyDoc = (fields: Record<string, unknown> = {}) => ({
	_id: SURVEY,
	type: 'survey',
	author: 'moira',
	createdAt: '2026-12-01T00:00:00.000Z',
	title: 'Our letters',
	description: 'How do you write to citizens?',
	questions: [
		{ id: 'tone', kind: 'choice', label: 'Which tone?', options: ['Formal', 'Plain'], required: true },
		{ id: 'score', kind: 'scale', label: 'How clear are they?' },
		{ id: 'idea', kind: 'text', label: 'One idea' }
	],
	opensAt: '2026-12-02T00:00:00.000Z',
	closesAt: '2026-12-10T00:00:00.000Z',
	audience: { kind: 'everyone' },
	anonymous: false,
	...fields
});

const eventDoc = (organiser: string) => ({
	_id: EVENT,
	type: 'event',
	author: organiser,
	createdAt: '2026-11-01T00:00:00.000Z',
	kind: 'webinar',
	title: 'Letters in practice',
	description: 'd',
	start: '2026-12-01T10:00:00.000Z',
	end: '2026-12-01T12:00:00.000Z',
	timeZone: 'Europe/Paris',
	location: { online: 'https://meet.example.org/x' },
	organisers: [organiser],
	tags: []
});

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) {
		const prev = await store.replica.community.get(String(doc._id)).catch(() => null);
		await store.replica.community.put(prev ? { ...doc, _rev: prev._rev } : doc);
	}
	await store.replica.projected();
}

async function open(roles: Array<'member' | 'moderator'> = ['member'], name = uniqueName('sv')) {
	const store = await openTestStore({ name, roles }, { now: () => NOW });
	return { store, name };
}

/** The server's revision of the member's answer: counted, and for an anonymous survey stripped. */
async function serverCounts(store: TestStore, strip: boolean): Promise<void> {
	const id = surveyAnswerId(SURVEY);
	const doc = (await store.replica.private.get(id)) as Record<string, unknown> & { _rev: string };
	await store.replica.acknowledge('private', [{ _id: id, _rev: doc._rev }]);
	const { answers, ...rest } = doc;
	await store.replica.private.put({ ...(strip ? rest : { ...rest, answers }), counted: { at: NOW } });
	await store.replica.projected();
	await store.surveys.list();
}

describe('answering a survey', () => {
	it('writes into the private replica only, waits to be sent, then reads as counted', async () => {
		const { store, name } = await open();
		await receive(store, [surveyDoc()]);
		const [item] = await store.surveys.list();
		expect(item).toMatchObject({ id: SURVEY, state: 'open', inAudience: true, answer: 'none', asks: 'Every member' });

		const id = await store.surveys.answer(SURVEY, { tone: 'Plain', score: 4 });
		expect(id).toBe(surveyAnswerId(SURVEY));
		expect(await store.replica.private.get(id)).toMatchObject({
			type: 'survey-answer',
			author: name,
			survey: SURVEY,
			answers: { tone: 'Plain', score: 4 }
		});
		await expect(store.replica.community.get(id)).rejects.toMatchObject({ status: 404 });
		expect((await store.surveys.list())[0].answer).toBe('waiting');
		expect((await store.surveys.get(SURVEY))?.mine).toMatchObject({ state: 'waiting', answers: { tone: 'Plain' } });

		// changing them before they are counted is allowed
		await store.surveys.answer(SURVEY, { tone: 'Formal' });
		await serverCounts(store, false);
		const mine = (await store.surveys.get(SURVEY))!.mine;
		expect(mine).toMatchObject({
			state: 'counted',
			answers: { tone: 'Formal' },
			onlyOnThisDevice: false,
			countedAt: NOW
		});
		await expect(store.surveys.answer(SURVEY, { tone: 'Plain' })).rejects.toThrow(
			'You have already answered this survey.'
		);
	});

	it('keeps the device copy once the server took the answers out of an anonymous survey', async () => {
		const { store } = await open();
		await receive(store, [surveyDoc({ anonymous: true })]);
		await store.surveys.answer(SURVEY, { tone: 'Plain', idea: 'Shorter sentences' });
		await serverCounts(store, true);
		const stored = await store.replica.private.get(surveyAnswerId(SURVEY));
		expect(stored).not.toHaveProperty('answers');
		expect((await store.surveys.get(SURVEY))!.mine).toMatchObject({
			state: 'counted',
			answers: { tone: 'Plain', idea: 'Shorter sentences' },
			onlyOnThisDevice: true
		});
		// a rebuild replays the replicas; the device's copy is not a projection and stays
		await store.rebuild();
		expect((await store.surveys.get(SURVEY))!.mine.answers).toEqual({ tone: 'Plain', idea: 'Shorter sentences' });
	});

	it('refuses answers that do not fit, or outside the open period, with plain reasons', async () => {
		const { store } = await open();
		await receive(store, [surveyDoc()]);
		await expect(store.surveys.answer(SURVEY, { score: 3 })).rejects.toThrow('“Which tone?” needs an answer.');
		await expect(store.surveys.answer(SURVEY, { tone: 'Loud' })).rejects.toThrow(
			'Choose one of the options for “Which tone?”.'
		);
		await receive(store, [surveyDoc({ opensAt: '2026-12-05T00:00:00.000Z' })]);
		expect((await store.surveys.get(SURVEY))?.state).toBe('upcoming');
		await expect(store.surveys.answer(SURVEY, { tone: 'Plain' })).rejects.toThrow('This survey is not open yet.');
		await receive(store, [surveyDoc({ closesAt: '2026-12-03T00:00:00.000Z' })]);
		await expect(store.surveys.answer(SURVEY, { tone: 'Plain' })).rejects.toThrow('This survey is closed.');
		expect(await store.replica.private.get(surveyAnswerId(SURVEY)).catch(() => null)).toBeNull();
	});

	it('shows a refusal by the server where rejected writes are listed, with its reason', async () => {
		const { store } = await open();
		await receive(store, [surveyDoc()]);
		const id = await store.surveys.answer(SURVEY, { tone: 'Plain' });
		await store.replica.recordDenied('private', id, 'you have already answered this survey');
		const [rejected] = await store.listRejected();
		expect(rejected).toMatchObject({ id, db: 'private', reason: 'you have already answered this survey' });
		expect((await store.surveys.list())[0].answer).toBe('refused');
		expect((await store.surveys.get(SURVEY))!.mine).toMatchObject({
			state: 'refused',
			refusal: 'you have already answered this survey'
		});

		// answering again replaces the refused set and clears the refusal
		await store.surveys.answer(SURVEY, { tone: 'Formal' });
		expect(await store.listRejected()).toEqual([]);
		expect((await store.surveys.get(SURVEY))!.mine).toMatchObject({ state: 'waiting', answers: { tone: 'Formal' } });
	});

	it('takes no second set once the first was sent', async () => {
		const { store } = await open();
		await receive(store, [surveyDoc()]);
		const id = await store.surveys.answer(SURVEY, { tone: 'Plain' });
		const doc = await store.replica.private.get(id);
		await store.replica.acknowledge('private', [{ _id: id, _rev: doc._rev }]);
		expect((await store.surveys.get(SURVEY))!.mine.state).toBe('sent');
		await expect(store.surveys.answer(SURVEY, { tone: 'Formal' })).rejects.toThrow(
			'You have already answered this survey.'
		);
	});
});

describe('who a survey asks', () => {
	it('follows the region of the member’s public profile', async () => {
		const { store, name } = await open();
		await receive(store, [surveyDoc({ audience: { kind: 'region', region: 'Lyon' } })]);
		const view = await store.surveys.get(SURVEY);
		expect(view).toMatchObject({ inAudience: false, asks: 'Members in Lyon' });
		expect(view?.notAskedReason).toBe('This survey asks members whose profile names the region Lyon.');
		await expect(store.surveys.answer(SURVEY, { tone: 'Plain' })).rejects.toThrow('region Lyon');

		await receive(store, [
			{ _id: `profile:${name}`, type: 'profile', author: name, createdAt: NOW, displayName: name, region: ' lyon ' }
		]);
		expect(await store.surveys.get(SURVEY)).toMatchObject({ inAudience: true, notAskedReason: null });
	});

	it('asks the people who said they were going to its event', async () => {
		const { store, name } = await open();
		await receive(store, [eventDoc('olga'), surveyDoc({ audience: { kind: 'event', event: EVENT } })]);
		expect(await store.surveys.get(SURVEY)).toMatchObject({
			inAudience: false,
			asks: 'People who attended “Letters in practice”'
		});
		await receive(store, [
			{
				_id: `rsvp:${EVENT.slice(6)}:${name}`,
				type: 'rsvp',
				author: name,
				createdAt: '2026-11-20T00:00:00.000Z',
				event: EVENT,
				status: 'going'
			}
		]);
		expect((await store.surveys.get(SURVEY))?.inAudience).toBe(true);
		expect((await store.surveys.ofEvent(EVENT)).map((s) => s.id)).toEqual([SURVEY]);
	});
});

describe('setting surveys', () => {
	const input = {
		title: '  Tools we use  ',
		description: 'A minute of your time.',
		questions: [
			{ kind: 'choices' as const, label: 'Which tools?', options: ['Mail', ' Chat ', ''], required: true },
			{ kind: 'nps' as const, label: 'Recommend?' }
		],
		opensAt: '2026-12-03T00:00:00.000Z',
		closesAt: '2026-12-20T00:00:00.000Z',
		audience: { kind: 'everyone' as const },
		anonymous: false
	};

	it('lets moderators publish and change a survey; refuses members', async () => {
		const { store } = await open(['member', 'moderator']);
		const id = await store.surveys.create(input);
		const view = await store.surveys.get(id);
		expect(view).toMatchObject({ title: 'Tools we use', canEdit: true, hasAnswers: false });
		expect(view?.questions).toEqual([
			{ id: 'q1', kind: 'choices', label: 'Which tools?', options: ['Mail', 'Chat'], required: true },
			{ id: 'q2', kind: 'nps', label: 'Recommend?' }
		]);
		await store.surveys.update(id, {
			...input,
			questions: [...view!.questions, { kind: 'text', label: 'Anything else?' }]
		});
		expect((await store.surveys.get(id))?.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);

		// once the server published answers, the questions stay
		await receive(store, [
			{
				_id: `survey-results:${id.slice(7)}`,
				type: 'survey-results',
				author: 'praxis',
				createdAt: NOW,
				survey: id,
				responses: 1,
				questions: []
			}
		]);
		expect((await store.surveys.get(id))?.hasAnswers).toBe(true);
		await expect(store.surveys.update(id, { ...input, questions: input.questions })).rejects.toThrow(
			'This survey already has answers: its questions cannot change.'
		);
		const current = (await store.surveys.inputOf(id))!;
		await store.surveys.update(id, { ...current, closesAt: '2026-12-30T00:00:00.000Z' });
		expect((await store.surveys.get(id))?.closesAt).toBe('2026-12-30T00:00:00.000Z');
		await store.surveys.remove(id);
		expect(await store.surveys.get(id)).toBeUndefined();

		const member = (await open()).store;
		await expect(member.surveys.create(input)).rejects.toThrow('Only moderators run surveys');
	});

	it('lets an event’s organiser survey its attendees from the template', async () => {
		const { store, name } = await open();
		await receive(store, [eventDoc(name)]);
		const template = await store.surveys.eventTemplate(EVENT);
		expect(template).toMatchObject({
			opensAt: '2026-12-01T12:00:00.000Z',
			closesAt: '2026-12-15T12:00:00.000Z',
			anonymous: true,
			audience: { kind: 'event', event: EVENT }
		});
		expect(template?.questions.map((q) => q.kind)).toEqual(['scale', 'nps', 'text']);
		const id = await store.surveys.create(template!);
		expect(await store.surveys.get(id)).toMatchObject({ canEdit: true, state: 'open' });

		const other = (await open()).store;
		await receive(other, [eventDoc('olga')]);
		await expect(other.surveys.create((await other.surveys.eventTemplate(EVENT))!)).rejects.toThrow(
			'Only the organisers of an event can survey the people who attended it.'
		);
	});
});

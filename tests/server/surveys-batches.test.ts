// Anonymous surveys publish their results in batches (server/surveys/publish.ts): the rule, and
// the server's timer publishing what is left when a survey closes and when its grace is over.
import { afterEach, describe, expect, it } from 'vitest';
import { publicationDue, SURVEY_BATCH } from '../../server/surveys/publish';
import {
	answer,
	createSurveyWorld,
	DAY_MS,
	HOUR_MS,
	iso,
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

describe('publicationDue', () => {
	const closesAt = '2026-12-10T00:00:00.000Z';
	const anonymous = { anonymous: true, closesAt };
	const open = '2026-12-05T00:00:00.000Z';
	const afterClose = '2026-12-11T00:00:00.000Z';
	const afterGrace = '2026-12-25T00:00:01.000Z';

	it('publishes a named survey after every answer', () => {
		expect(publicationDue({ anonymous: false, closesAt }, 1, open, open)).toBe(true);
		expect(publicationDue({ anonymous: false, closesAt }, 0, open, open)).toBe(false);
	});

	it('publishes an anonymous survey by batches while open, what is left at closing, then by batches until the grace ends', () => {
		expect(publicationDue(anonymous, SURVEY_BATCH - 1, null, open)).toBe(false);
		expect(publicationDue(anonymous, SURVEY_BATCH, null, open)).toBe(true);
		expect(publicationDue(anonymous, 1, open, afterClose)).toBe(true);
		expect(publicationDue(anonymous, 1, null, afterClose)).toBe(true);
		// the closing publication was made: late answers wait for a batch or the end of the grace
		expect(publicationDue(anonymous, 1, afterClose, '2026-12-12T00:00:00.000Z')).toBe(false);
		expect(publicationDue(anonymous, SURVEY_BATCH, afterClose, '2026-12-12T00:00:00.000Z')).toBe(true);
		expect(publicationDue(anonymous, 1, afterClose, afterGrace)).toBe(true);
		expect(publicationDue(anonymous, 0, afterClose, afterGrace)).toBe(false);
	});
});

describe('an anonymous survey’s results', () => {
	it('change by at least five answers while open, and take the rest at closing and after the grace', async () => {
		w = await createSurveyWorld(7);
		const world = w;
		const survey = await publishSurvey(world, world.mod, { anonymous: true, closesAt: iso(START_MS + DAY_MS) });
		const timer = await timerPublisher(world);
		const [late, ...early] = world.members as [string, ...string[]];
		for (const member of early.slice(0, 4)) expect(await answer(world, member, survey._id)).toMatchObject({ ok: true });
		expect(await results(world, survey._id)).toBeNull();
		await timer.publishDue(); // the timer publishes nothing early either
		expect(await results(world, survey._id)).toBeNull();
		await answer(world, early[4]!, survey._id);
		expect((await results(world, survey._id))?.responses).toBe(5);
		await answer(world, early[5]!, survey._id);
		expect((await results(world, survey._id))?.responses).toBe(5);

		// closed: the timer publishes what is left
		world.now.ms = START_MS + DAY_MS + HOUR_MS;
		await timer.publishDue();
		expect((await results(world, survey._id))?.responses).toBe(6);

		// an answer given offline while open arrives during the grace: counted, published at its end
		expect(await answer(world, late, survey._id, undefined, { createdAt: iso(START_MS + HOUR_MS) })).toMatchObject({
			ok: true
		});
		await timer.publishDue();
		expect((await results(world, survey._id))?.responses).toBe(6);
		world.now.ms = START_MS + DAY_MS + 15 * DAY_MS;
		await timer.publishDue();
		expect((await results(world, survey._id))?.responses).toBe(7);
	});

	it('are published by the timer at start, and stop() waits for that run', async () => {
		w = await createSurveyWorld(1);
		const survey = await publishSurvey(w, w.mod, { anonymous: true, closesAt: iso(START_MS + DAY_MS) });
		await answer(w, w.members[0]!, survey._id);
		expect(await results(w, survey._id)).toBeNull();
		w.now.ms = START_MS + 2 * DAY_MS;
		const timer = await timerPublisher(w);
		timer.start();
		await timer.stop();
		expect((await results(w, survey._id))?.responses).toBe(1);
	});
});

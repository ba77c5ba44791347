// /api/open-data: public CSV files described by a Data Package, with nothing personal in them.
import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { createHarness, type Harness } from './support/harness';
import { uniqueName } from '../unit/store/support';
import { docId, moderationId, surveyResultsId, userDbName } from '../../src/lib/domain/ids';
import { aggregateSurvey, type SurveyAnswers } from '../../src/lib/domain/surveys';
import type { SurveyQuestion } from '../../src/lib/domain/schemas';
import type { DataPackage } from '../../server/open-data/build';
import type { OpenDataSummary } from '../../src/lib/domain/open-data';
import { thread, post } from './helpers/community-docs';
import { readServerConfig } from '../../server/config';
import { startHub, startUpstream } from './hub/support';
import { openDataRows } from '../../server/open-data/rows';

let harness: Harness | null = null;
afterEach(async () => {
	await harness?.close();
	harness = null;
});

const NOW = Date.parse('2026-06-15T10:00:00.000Z');
const HOUR_MS = 3_600_000;
const AT = '2026-05-02T09:00:00.000Z';

/** Strings that must never be published. */
const SECRETS = {
	hiddenTitle: 'Hidden story ZQXHIDDEN',
	draftTitle: 'Draft story ZQXDRAFT',
	privateBio: 'ZQXPRIVATEBIO',
	message: 'ZQXMESSAGEBODY',
	displayName: 'Zqx Displayed Person',
	problem: 'ZQXPROBLEMTEXT',
	team: 'ZQXTEAMMEMBER',
	notes: 'ZQXADOPTIONNOTES',
	contact: 'zqx-contact@example.org',
	openSurvey: 'Open survey ZQXSTILLOPEN'
};
/** Written answers to a survey: published to members once five exist, never in open data. */
const SURVEY_TEXTS = ['ZQXSURVEYTEXTA', 'ZQXSURVEYTEXTB', 'ZQXSURVEYTEXTC', 'ZQXSURVEYTEXTD', 'ZQXSURVEYTEXTE'];

const SURVEY_QUESTIONS: SurveyQuestion[] = [
	{ id: 'channel', kind: 'choice', label: 'How did you hear of us?', options: ['Newsletter', 'A colleague'] },
	{ id: 'ease', kind: 'scale', label: 'How easy was it?' },
	{ id: 'recommend', kind: 'nps', label: 'How likely are you to recommend it?' },
	{ id: 'better', kind: 'text', label: 'What would make it better?' }
];
const SURVEY_ANSWERS: SurveyAnswers[] = SURVEY_TEXTS.map((text, i) => ({
	channel: i < 3 ? 'Newsletter' : 'A colleague',
	ease: i + 1,
	recommend: 10 - i,
	better: text
}));

/** A survey and the results the server published for it. */
function survey(fields: Record<string, unknown> = {}) {
	const doc = {
		_id: docId('survey'),
		type: 'survey',
		author: 'moderator',
		createdAt: AT,
		title: 'Community survey',
		description: 'Tell us how it went.',
		questions: SURVEY_QUESTIONS,
		opensAt: '2026-05-01T00:00:00.000Z',
		closesAt: '2026-06-01T00:00:00.000Z',
		audience: { kind: 'everyone' },
		anonymous: true,
		...fields
	};
	const results = {
		_id: surveyResultsId(doc._id),
		type: 'survey-results',
		author: 'praxis',
		createdAt: '2026-06-01T01:00:00.000Z',
		survey: doc._id,
		...aggregateSurvey(doc, SURVEY_ANSWERS)
	};
	return [doc, results];
}

function story(author: string, fields: Record<string, unknown> = {}) {
	return {
		_id: docId('story'),
		type: 'story',
		author,
		createdAt: AT,
		reviewedAt: '2026-05-03T10:00:00.000Z',
		title: 'Faster permits',
		summary: 'We cut the time to decide a permit.',
		problem: SECRETS.problem,
		actions: 'Changed the form.',
		outcomes: [
			{ metric: 'processing-time', label: 'Days to decide', before: 21, after: 9, unit: 'days' },
			{
				metric: 'citizen-satisfaction',
				label: 'Applicants satisfied',
				before: 62,
				after: 81,
				unit: '%',
				source: 'Applicant survey, March 2026',
				sampleSize: 412
			}
		],
		organization: 'City of Example',
		level: 'local',
		startedOn: '2026-01-10',
		team: [{ name: SECRETS.team }],
		contact: SECRETS.contact,
		tags: ['permits', 'forms'],
		status: 'published',
		...fields
	};
}

/** A community with one of everything published, and everything that must stay out. */
async function seed(h: Harness): Promise<{ member: string; published: string }> {
	const member = uniqueName('od');
	await h.register(member, { displayName: SECRETS.displayName });
	const published = story(member);
	const hidden = story(member, { title: SECRETS.hiddenTitle });
	const t = thread(member, { createdAt: AT });
	await h.storage.db('community').bulkDocs([
		published,
		hidden,
		story(member, { title: SECRETS.draftTitle, status: 'draft' }),
		{
			_id: moderationId(hidden._id),
			type: 'moderation',
			author: 'moderator',
			createdAt: AT,
			target: hidden._id,
			hidden: { reason: 'Confidential', at: AT, by: 'moderator' }
		},
		{
			_id: docId('resource'),
			type: 'resource',
			author: member,
			createdAt: AT,
			kind: 'guide',
			title: '=HYPERLINK("x") guide',
			summary: 'How to',
			body: SECRETS.problem,
			tags: [],
			status: 'published'
		},
		{
			_id: docId('adoption'),
			type: 'adoption',
			author: member,
			createdAt: AT,
			practice: published._id,
			organization: 'Town of Sample',
			status: 'piloting',
			startedOn: '2026-04-01',
			notes: SECRETS.notes,
			outcomes: [{ metric: 'cost-saved', label: 'Money saved', value: 1200.5, unit: 'EUR' }]
		},
		{
			_id: docId('event'),
			type: 'event',
			author: member,
			createdAt: AT,
			kind: 'webinar',
			title: 'Permits webinar',
			description: SECRETS.problem,
			start: '2026-05-20T12:00:00.000Z',
			end: '2026-05-20T13:00:00.000Z',
			timeZone: 'Europe/Paris',
			location: { online: 'https://meet.example.org/x' },
			organisers: [member],
			tags: []
		},
		t,
		post(member, t._id, { createdAt: AT, body: SECRETS.problem }),
		...survey(),
		// still open on NOW: its counts are not published while answers come in
		...survey({ title: SECRETS.openSurvey, closesAt: '2026-07-01T00:00:00.000Z' }),
		{
			_id: `profile-private:${member}`,
			type: 'profile-private',
			author: member,
			createdAt: AT,
			bio: SECRETS.privateBio
		}
	]);
	await h.storage.db(userDbName(member)).bulkDocs([
		{
			_id: `profile-private:${member}`,
			type: 'profile-private',
			author: member,
			createdAt: AT,
			bio: SECRETS.privateBio
		},
		{ _id: docId('message'), type: 'message', author: member, createdAt: AT, to: 'someone', body: SECRETS.message }
	]);
	return { member, published: published._id };
}

async function download(h: Harness): Promise<{ res: Response; bytes: Uint8Array; files: Record<string, string> }> {
	const res = await h.request('/api/open-data/download');
	const bytes = new Uint8Array(await res.arrayBuffer());
	const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
	return { res, bytes, files };
}

const FITS: Record<string, (value: string) => boolean> = {
	string: () => true,
	integer: (x) => /^-?\d+$/.test(x),
	number: (x) => x.trim() !== '' && Number.isFinite(Number(x)),
	date: (x) => /^\d{4}-\d{2}-\d{2}$/.test(x),
	datetime: (x) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(x),
	boolean: (x) => x === 'true' || x === 'false'
};

describe('/api/open-data', () => {
	it('answers a ZIP whose CSV files match their Data Package, without signing in', async () => {
		harness = createHarness({ now: { ms: NOW } });
		const { published } = await seed(harness);
		const { res, files } = await download(harness);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="praxis-open-data-2026-06-15.zip"');

		const pkg = JSON.parse(files['datapackage.json']) as DataPackage;
		expect(pkg.licenses).toEqual([
			{
				name: 'CC-BY-4.0',
				title: 'Creative Commons Attribution 4.0',
				path: 'https://creativecommons.org/licenses/by/4.0/'
			}
		]);
		expect(pkg.created).toBe(new Date(NOW).toISOString());
		expect(pkg.resources.map((r) => r.path).sort()).toEqual(
			Object.keys(files)
				.filter((n) => n.endsWith('.csv'))
				.sort()
		);
		for (const resource of pkg.resources) {
			expect(resource).toMatchObject({ format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' });
			const [header, ...records] = parse(files[resource.path]) as string[][];
			expect(header, resource.path).toEqual(resource.schema.fields.map((f) => f.name));
			for (const record of records)
				record.forEach((value, i) => {
					const field = resource.schema.fields[i];
					expect(value === '' || FITS[field.type](value), `${resource.path} ${field.name}=${value}`).toBe(true);
				});
		}

		const rows = (name: string) => parse(files[name], { columns: true }) as Record<string, string>[];
		const ulid = published.slice('story:'.length);
		expect(rows('stories.csv')).toEqual([
			expect.objectContaining({
				id: ulid,
				title: 'Faster permits',
				organisation: 'City of Example',
				published: '2026-05-03',
				tags: 'permits;forms'
			})
		]);
		expect(rows('story-outcomes.csv')).toEqual([
			{
				story_id: ulid,
				metric: 'processing-time',
				label: 'Days to decide',
				before: '21',
				after: '9',
				value: '',
				unit: 'days',
				period: '',
				source: '',
				sample_size: ''
			},
			expect.objectContaining({
				metric: 'citizen-satisfaction',
				before: '62',
				after: '81',
				source: 'Applicant survey, March 2026',
				sample_size: '412'
			})
		]);
		expect(rows('adoptions.csv')).toEqual([
			{
				practice_id: ulid,
				practice_kind: 'story',
				organisation: 'Town of Sample',
				status: 'piloting',
				started: '2026-04-01',
				records: '1',
				outcome_figures: '1'
			}
		]);
		expect(rows('adoption-outcomes.csv')[0]).toMatchObject({ metric: 'cost-saved', value: '1200.5', unit: 'EUR' });
		// a cell that starts like a formula is kept as text
		expect(rows('resources.csv')[0].title).toBe(`'=HYPERLINK("x") guide`);
		expect(rows('events.csv')[0]).toMatchObject({
			start: '2026-05-20T12:00:00Z',
			online: 'true',
			in_person: 'false',
			cancelled: 'false',
			going: '0'
		});
		const may = rows('kpi-monthly.csv').find((r) => r.month === '2026-05');
		expect(may).toEqual({
			month: '2026-05',
			new_threads: '1',
			replies: '1',
			published_resources: '1',
			published_stories: '1',
			adoptions_recorded: '1',
			events_held: '1'
		});
		expect(rows('kpi-monthly.csv').at(-1)?.month).toBe('2026-06');

		const surveyRows = rows('survey-results.csv');
		expect(new Set(surveyRows.map((r) => r.title))).toEqual(new Set(['Community survey']));
		const of = (question: string) =>
			surveyRows.filter((r) => r.question_id === question).map((r) => [r.answer, r.count, r.mean, r.score]);
		expect(surveyRows[0]).toMatchObject({
			audience: 'everyone',
			anonymous: 'true',
			opens: '2026-05-01T00:00:00Z',
			closes: '2026-06-01T00:00:00Z',
			responses: '5',
			question: 'How did you hear of us?',
			kind: 'choice'
		});
		expect(of('channel')).toEqual([
			['Newsletter', '3', '', ''],
			['A colleague', '2', '', '']
		]);
		expect(of('ease')).toEqual(['1', '2', '3', '4', '5'].map((point) => [point, '1', '3', '']));
		expect(of('recommend').map(([answer, count]) => [answer, count])).toEqual(
			Array.from({ length: 11 }, (_, score) => [String(score), score >= 6 ? '1' : '0'])
		);
		// promoters 9–10: two of five; detractors 0–6: one of five
		expect(new Set(of('recommend').map((r) => r[3]))).toEqual(new Set(['20']));
		expect(of('better')).toEqual([['', '5', '', '']]);
	});

	it('publishes nothing hidden, drafted, private or personal', async () => {
		harness = createHarness({ now: { ms: NOW } });
		const { member } = await seed(harness);
		const { bytes, files } = await download(harness);
		const everything = Object.values(files).join('\n');
		const raw = Buffer.from(bytes).toString('latin1');
		// the survey's results are in, its written answers are not
		expect(files['survey-results.csv']).toContain('What would make it better?');
		for (const secret of [...Object.values(SECRETS), ...SURVEY_TEXTS, member]) {
			expect(everything, secret).not.toContain(secret);
			expect(raw, secret).not.toContain(secret);
		}
		expect(everything).not.toContain('Confidential');
	});

	it('serves each file and a summary, and builds at most once an hour', async () => {
		const now = { ms: NOW };
		harness = createHarness({ now });
		await seed(harness);
		const [a, b] = await Promise.all([harness.request('/api/open-data'), harness.request('/api/open-data')]);
		const first = (await a.json()) as OpenDataSummary;
		expect(((await b.json()) as OpenDataSummary).builtAt).toBe(first.builtAt);
		expect(first.builtAt).toBe(new Date(NOW).toISOString());
		expect(first.license.name).toBe('CC-BY-4.0');
		expect(first.files.map((f) => [f.name, f.rows])).toEqual([
			['stories.csv', 1],
			['story-outcomes.csv', 2],
			['adoptions.csv', 1],
			['adoption-outcomes.csv', 1],
			['resources.csv', 1],
			['events.csv', 1],
			['kpi-monthly.csv', 2],
			['survey-results.csv', 19]
		]);
		// the /open page lists each file with its description, in plain words
		expect(first.files.find((f) => f.name === 'survey-results.csv')?.description).toMatch(
			/^One row per answer option, scale point or score .* Written answers are never included/
		);

		const csv = await harness.request('/api/open-data/stories.csv');
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect((await harness.request('/api/open-data/users.csv')).status).toBe(404);

		// a story published within the hour waits for the next build
		await harness.storage.db('community').put(story('someone', { title: 'Second story' }));
		now.ms += HOUR_MS - 1;
		const same = (await (await harness.request('/api/open-data')).json()) as OpenDataSummary;
		expect(same.builtAt).toBe(first.builtAt);
		expect(same.files[0].rows).toBe(1);
		now.ms += 1;
		const next = (await (await harness.request('/api/open-data')).json()) as OpenDataSummary;
		expect(next.builtAt).toBe(new Date(now.ms).toISOString());
		expect(next.files[0].rows).toBe(2);
	});
});

describe('PRAXIS_OPEN_DATA_LICENSE', () => {
	it('takes a known licence and refuses any other', () => {
		const ok = readServerConfig({ PRAXIS_OPEN_DATA_LICENSE: 'CC0-1.0' });
		expect('error' in ok ? ok.error : ok.app.openDataLicense).toBe('CC0-1.0');
		const byDefault = readServerConfig({});
		expect('error' in byDefault ? byDefault.error : byDefault.app.openDataLicense).toBe('CC-BY-4.0');
		const bad = readServerConfig({ PRAXIS_OPEN_DATA_LICENSE: 'MIT' });
		expect('error' in bad && bad.error).toMatch(/^PRAXIS_OPEN_DATA_LICENSE must be one of CC-BY-4.0, /);
	});
});

describe('open data on a hub', () => {
	it('is served by the central server, never by a hub', async () => {
		const upstream = await startUpstream();
		try {
			const enrolled = await upstream.praxis.hubs.enrol(uniqueName('hall'));
			if (!('credential' in enrolled)) throw new Error(enrolled.refused);
			const hub = await startHub(upstream.base, enrolled.credential);
			try {
				expect((await fetch(`${hub.base}/api/open-data`)).status).toBe(404);
				expect((await fetch(`${hub.base}/api/open-data/download`)).status).toBe(404);
				expect((await fetch(`${upstream.base}/api/open-data`)).status).toBe(200);
			} finally {
				await hub.close();
			}
		} finally {
			await upstream.close();
		}
	});
});

describe('openDataRows', () => {
	const adoption = (practice: string, organization: string, fields: Record<string, unknown> = {}) => ({
		_id: docId('adoption'),
		type: 'adoption',
		author: 'adopter',
		createdAt: AT,
		practice,
		organization,
		status: 'planning',
		notes: '',
		outcomes: [],
		...fields
	});
	const event = (fields: Record<string, unknown>) => ({
		_id: docId('event'),
		type: 'event',
		author: 'organiser',
		createdAt: AT,
		kind: 'meetup',
		title: 'A meetup',
		description: '',
		start: '2026-03-10T18:00:00.000Z',
		end: '2026-03-10T20:00:00.000Z',
		timeZone: 'UTC',
		location: { venue: 'Town hall' },
		organisers: ['organiser'],
		tags: [],
		...fields
	});
	const hide = (target: string) => ({
		_id: moderationId(target),
		type: 'moderation',
		author: 'moderator',
		createdAt: AT,
		target,
		hidden: { reason: 'spam', at: AT }
	});

	it('counts one organisation per practice whatever the case and spacing, with its latest status', () => {
		const practice = story('author');
		const draft = story('author', { status: 'submitted' });
		const rows = openDataRows(
			[
				practice,
				draft,
				adoption(practice._id, 'City  of Example', { startedOn: '2026-02-01' }),
				adoption(practice._id, 'city of example', {
					status: 'implemented',
					updatedAt: '2026-05-20T00:00:00.000Z',
					startedOn: '2026-01-15',
					outcomes: [{ metric: 'satisfaction', label: 'Satisfied users', value: 80, unit: '%' }]
				}),
				adoption(practice._id, 'Another Town'),
				// the practice is not published: its adoptions would tell that it exists
				adoption(draft._id, 'Secret Town')
			],
			new Date(NOW).toISOString()
		);
		expect(rows.adoptions.map((r) => [r.organisation, r.status, r.started, r.records, r.outcome_figures])).toEqual([
			['Another Town', 'planning', undefined, 1, 0],
			['city of example', 'implemented', '2026-01-15', 2, 1]
		]);
		expect(rows['adoption-outcomes']).toEqual([
			expect.objectContaining({ organisation: 'city of example', metric: 'satisfaction', value: 80 })
		]);
	});

	it('leaves out hidden items and counts only events that took place, every month listed', () => {
		const shown = event({});
		const hidden = event({ title: 'Hidden meetup' });
		const cancelled = event({ cancelled: true, start: '2026-04-10T18:00:00.000Z', end: '2026-04-10T19:00:00.000Z' });
		const future = event({ start: '2026-07-01T18:00:00.000Z', end: '2026-07-01T19:00:00.000Z' });
		const rows = openDataRows(
			[shown, hidden, hide(hidden._id), cancelled, future, { _id: 'rsvp:x:ana', type: 'rsvp' }],
			new Date(NOW).toISOString()
		);
		expect(rows.events.map((r) => r.title)).toEqual(['A meetup', 'A meetup', 'A meetup']);
		expect(rows.events.find((r) => r.cancelled)).toMatchObject({ in_person: true, online: false });
		expect(rows['kpi-monthly'].map((r) => [r.month, r.events_held])).toEqual([
			['2026-03', 1],
			['2026-04', 0],
			['2026-05', 0],
			['2026-06', 0]
		]);
	});

	it('publishes only closed surveys with results, each question as asked, never written answers', () => {
		const [closed, results] = survey();
		const [unpublished] = survey({ title: 'Closed, not yet counted' });
		const [hiddenSurvey, hiddenResults] = survey({ title: 'Hidden survey' });
		// the question changed kind after answers were counted: its counts describe another question
		const changed = {
			...closed,
			questions: SURVEY_QUESTIONS.map((q) => (q.id === 'ease' ? { ...q, kind: 'nps' } : q))
		};
		const rows = openDataRows(
			[changed, results, unpublished, hiddenSurvey, hiddenResults, hide(hiddenSurvey._id)],
			new Date(NOW).toISOString()
		)['survey-results'];
		expect(new Set(rows.map((r) => r.title))).toEqual(new Set(['Community survey']));
		expect(rows.map((r) => r.question_id)).not.toContain('ease');
		expect(rows.filter((r) => r.kind === 'text')).toEqual([
			expect.objectContaining({ question: 'What would make it better?', answer: undefined, count: 5 })
		]);
		expect(JSON.stringify(rows)).not.toContain('ZQXSURVEYTEXT');
	});
});

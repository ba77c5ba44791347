// Benchmark: building the open data (server/open-data) over a community of about 10,000
// documents: the recognition benchmark's community of 1,000 members (bench/recognition.ts), its
// stories and adoptions given measured results (one citing citizens' feedback, with its source and
// sample size), and 40 surveys, 30 of them closed with their published results (a few hundred
// answers each, written answers included, which the build must read and leave out), in place of
// as many Helpful votes so the total stays the same. Stored with bulkDocs in the server's in-memory
// storage. Measures the first build (reading every document, the CSV files, datapackage.json and
// the ZIP) and two more, and the sizes served: what one request an hour costs the server, and what
// a visitor downloads.
// Run alone: node --import tsx bench/open-data.ts
import { COMMUNITY_DB, surveyResultsId } from '../src/lib/domain/ids';
import { aggregateSurvey, type SurveyAnswers } from '../src/lib/domain/surveys';
import type { SurveyQuestion } from '../src/lib/domain/schemas';
import { seqUlid } from '../tests/unit/store/support';
import { createStorage } from '../server/storage/index';
import { buildOpenData } from '../server/open-data/build';
import { OPEN_DATA_LICENSES } from '../server/open-data/licenses';
import { recognitionCommunity } from './recognition';
import { runAlone, type Figures } from './lib/report';

const NOW = new Date('2026-12-15T12:00:00.000Z');
const BULK_DOCS_BATCH = 2_000;
const BUILDS = 3;
const SURVEYS = 40;
const CLOSED_SURVEYS = 30;
const DAY_MS = 86_400_000;

type Doc = Record<string, unknown> & { _id: string; type?: unknown };

const QUESTIONS: SurveyQuestion[] = [
	{
		id: 'role',
		kind: 'choice',
		label: 'What is your role?',
		options: ['Manager', 'Specialist', 'Front line', 'Other']
	},
	{ id: 'level', kind: 'choice', label: 'Which level of government?', options: ['Local', 'Regional', 'National'] },
	{
		id: 'topics',
		kind: 'choices',
		label: 'Which topics interest you?',
		options: ['Procurement', 'Accessibility', 'Open data', 'Security', 'Automation', 'Engagement']
	},
	{ id: 'ease', kind: 'scale', label: 'How easy is it to find what you need?' },
	{ id: 'quality', kind: 'scale', label: 'How good are the discussions?' },
	{ id: 'recommend', kind: 'nps', label: 'How likely are you to recommend it?' },
	{ id: 'best', kind: 'text', label: 'What works best?' },
	{ id: 'better', kind: 'text', label: 'What would make it better?' }
];

/** One member's answers, varied deterministically by `i`; written answers of a sentence or two. */
function answersOf(i: number): SurveyAnswers {
	return {
		role: QUESTIONS[0].options![i % 4],
		level: QUESTIONS[1].options![(i * 7) % 3],
		topics: QUESTIONS[2].options!.filter((_, o) => (i >> o) & 1),
		ease: 1 + (i % 5),
		quality: 1 + ((i * 3) % 5),
		recommend: (i * 7) % 11,
		best: `Answer ${i}: the library of practices and the people who answer quickly.`,
		better: `Answer ${i}: more stories from small municipalities, with their measured results.`
	};
}

/** Surveys over the past year; the closed ones with the results the server published. */
function surveyDocs(): Doc[] {
	const docs: Doc[] = [];
	for (let i = 0; i < SURVEYS; i++) {
		const closed = i < CLOSED_SURVEYS;
		const closesAt = NOW.getTime() + (closed ? -(i + 1) * 9 : i) * DAY_MS;
		const survey = {
			_id: `survey:${seqUlid('01JS', i)}`,
			type: 'survey',
			author: 'member0001',
			createdAt: new Date(closesAt - 30 * DAY_MS).toISOString(),
			title: `Community survey ${i}`,
			description: 'What works and what does not.',
			questions: QUESTIONS,
			opensAt: new Date(closesAt - 28 * DAY_MS).toISOString(),
			closesAt: new Date(closesAt).toISOString(),
			audience: { kind: 'everyone' },
			anonymous: i % 2 === 0
		};
		docs.push(survey);
		if (!closed) continue;
		const answerSets = Array.from({ length: 100 + ((i * 37) % 300) }, (_, a) => answersOf(i * 1000 + a));
		docs.push({
			_id: surveyResultsId(survey._id),
			type: 'survey-results',
			author: 'praxis',
			createdAt: new Date(closesAt + 3_600_000).toISOString(),
			survey: survey._id,
			...aggregateSurvey(survey, answerSets)
		});
	}
	return docs;
}

const OUTCOMES = [
	{ metric: 'processing-time', label: 'Days to decide', before: 21, after: 9, unit: 'days' },
	{
		metric: 'citizen-satisfaction',
		label: 'Residents satisfied',
		before: 62,
		after: 81,
		unit: '%',
		source: 'Resident survey, March 2026',
		sampleSize: 412
	}
];

/** The recognition community with results on its stories and adoptions, and the surveys in place of votes. */
export function openDataCommunity(): Doc[] {
	const surveys = surveyDocs();
	let votesLeft = surveys.length;
	const docs = (recognitionCommunity() as Doc[]).flatMap((doc): Doc[] => {
		if (doc.type === 'vote' && votesLeft > 0) {
			votesLeft--;
			return [];
		}
		return doc.type === 'story' || doc.type === 'adoption' ? [{ ...doc, outcomes: OUTCOMES }] : [doc];
	});
	return [...docs, ...surveys];
}

export async function openDataBench(): Promise<Figures> {
	const docs = openDataCommunity();
	const storage = createStorage({ kind: 'memory', memoryPrefix: `bench-open-data-${process.pid}-${Date.now()}` });
	try {
		const db = storage.db(COMMUNITY_DB);
		for (let i = 0; i < docs.length; i += BULK_DOCS_BATCH) await db.bulkDocs(docs.slice(i, i + BULK_DOCS_BATCH));
		const times: number[] = [];
		let build: Awaited<ReturnType<typeof buildOpenData>> | null = null;
		for (let round = 0; round < BUILDS; round++) {
			const t = performance.now();
			build = await buildOpenData(storage, OPEN_DATA_LICENSES['CC-BY-4.0'], NOW);
			times.push(performance.now() - t);
		}
		const last = build!;
		const csvBytes = last.files.reduce((n, f) => n + Buffer.byteLength(f.csv), 0);
		const figures: Figures = {
			documents: docs.length,
			first_build_ms: Math.round(times[0]),
			build_median_ms: Math.round([...times].sort((a, b) => a - b)[Math.floor(BUILDS / 2)]),
			csv_kb: Math.round(csvBytes / 1024),
			zip_kb: Math.round(last.zip.byteLength / 1024),
			survey_results_csv_kb: Math.round(
				Buffer.byteLength(last.files.find((f) => f.table === 'survey-results')?.csv ?? '') / 1024
			),
			...Object.fromEntries(last.files.map((f) => [`rows_${f.table.replaceAll('-', '_')}`, f.rows]))
		};
		console.log(figures);
		return figures;
	} finally {
		await storage.close();
	}
}

await runAlone(import.meta.url, 'open-data', openDataBench);

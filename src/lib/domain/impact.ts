// The impact dashboard's figures (engagement, practices shared and adopted, measured improvements,
// satisfaction, high-impact content), computed from the community's documents alone: plain
// documents in, plain figures out, no store access, so the device (offline) and later the server
// compute the same figures from the same documents. Pure and I/O-free.
//
// Filters: the period bounds the date of each counted act; region and sector apply to items that
// carry them (stories, adoptions, events' region, resources' sector) and, for acts of members
// (threads, replies, votes, feedback…), to the member's profile; category applies to forum threads
// and their replies. Deleted documents and items moderators hid never count.
import * as v from 'valibot';
import {
	ADOPTION_STATUSES,
	CITIZEN_METRICS,
	outcomeFigureSchema,
	type AdoptionStatus,
	type OutcomeFigure,
	type OutcomeMetric
} from './schemas';
import { sumOutcomes, type OutcomeSum } from './outcomes';
import { surveyFigures } from './impact-surveys';

export interface ImpactOptions {
	/** ISO 8601: the end of the period when `to` is not given; events count once ended by it. */
	now: string;
	/** Inclusive start of the period (ISO 8601); none: all time. */
	from?: string;
	/** Exclusive end of the period (ISO 8601); defaults to `now`. */
	to?: string;
	region?: string;
	sector?: string;
	/** A forum category slug. */
	category?: string;
	/** Ids hidden by moderators besides those named by `moderation` documents among the documents. */
	hidden?: Iterable<string>;
}

export const CONTRIBUTION_KINDS = ['thread', 'reply', 'resource', 'story', 'adoption', 'event', 'comment'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];
export const FEEDBACK_KINDS = ['resource', 'story', 'event', 'collection'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export interface Rate {
	answers: number;
	useful: number;
	/** useful / answers, null without answers. */
	rate: number | null;
}

export interface HighImpactItem {
	id: string;
	kind: 'resource' | 'story';
	title: string;
	/** Organisations that plan, pilot or implemented it (their latest record). */
	adoptions: number;
	uses: number;
	ratings: number;
	meanRating: number | null;
	useful: number;
	answers: number;
}

/** The mean of one 1–5 scale question of a survey, from its published results. */
export interface SurveyScaleFigure {
	survey: string;
	title: string;
	question: string;
	label: string;
	responses: number;
	mean: number | null;
}

/** Net-promoter answers summed over the surveys of the period: score = % promoters − % detractors. */
export interface NpsFigure {
	responses: number;
	promoters: number;
	passives: number;
	detractors: number;
	score: number | null;
}

/** One result citing citizens' feedback (CITIZEN_METRICS), with its source and sample size. */
export interface CitizenFeedbackFigure {
	/** The story or adoption that reports it. */
	id: string;
	/** What was adopted or told: the story's or practice's title. */
	title: string;
	organization: string | null;
	metric: OutcomeMetric;
	label: string;
	before?: number;
	after?: number;
	value?: number;
	unit: string;
	source: string | null;
	sampleSize: number | null;
}

export interface ImpactFigures {
	period: { from: string | null; to: string };
	engagement: {
		activeByWeek: { week: string; members: number }[];
		activeByMonth: { month: string; members: number }[];
		newMembersByMonth: { month: string; members: number }[];
		contributionsByMonth: ({ month: string } & Record<ContributionKind, number>)[];
		eventsHeld: number;
		attendance: number;
	};
	practices: {
		publishedByMonth: { month: string; resources: number; stories: number }[];
		adoptionsByStatus: Record<AdoptionStatus, number>;
		/** Median days from publication to the first adoption, over practices adopted so far. */
		medianDaysToFirstAdoption: number | null;
	};
	improvements: {
		stories: OutcomeSum[];
		adoptions: OutcomeSum[];
		all: OutcomeSum[];
		/** Results citing citizens' feedback, shown as their own measure (never summed with the rest). */
		citizen: { items: CitizenFeedbackFigure[]; respondents: number };
	};
	satisfaction: {
		overall: Rate;
		byKind: ({ kind: FeedbackKind } & Rate)[];
		ratings: { count: number; mean: number | null };
		/** 1–5 scale questions of surveys that closed in the period (or are open). */
		surveys: SurveyScaleFigure[];
		nps: NpsFigure;
	};
	highImpact: HighImpactItem[];
}

type Doc = Record<string, unknown>;
const DAY_MS = 86_400_000;
const TOP_ITEMS = 10;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const timeOf = (d: Doc): string => str(d.updatedAt) || str(d.createdAt);

/** "2026-12" for a UTC instant. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** ISO 8601 week of a UTC instant: "2026-W49" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(iso: string): string {
	const date = new Date(Date.parse(iso));
	const day = (date.getUTCDay() + 6) % 7;
	const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
	const year = new Date(thursday).getUTCFullYear();
	const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
	return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every month from the one holding `from` to the one holding the last instant before `to`. */
function monthsBetween(from: string, to: string): string[] {
	const out: string[] = [];
	const end = monthOf(new Date(Date.parse(to) - 1).toISOString());
	let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
	for (let month = monthOf(from); month <= end; month = `${y}-${String(m).padStart(2, '0')}`) {
		out.push(month);
		[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
	}
	return out;
}

function weeksBetween(from: string, to: string): string[] {
	const out: string[] = [];
	const last = isoWeekOf(new Date(Date.parse(to) - 1).toISOString());
	for (let t = Date.parse(from); ; t += 7 * DAY_MS) {
		const week = isoWeekOf(new Date(t).toISOString());
		if (out.at(-1) !== week) out.push(week);
		if (week === last || out.length > 5_000) break;
	}
	return out;
}

interface Context {
	options: ImpactOptions;
	from: string;
	to: string;
	byId: Map<string, Doc>;
	hidden: Set<string>;
	profiles: Map<string, Doc>;
	/** Published survey results by their survey's id. */
	results: Map<string, Doc>;
}

function index(docs: readonly object[], options: ImpactOptions): Context {
	const byId = new Map<string, Doc>();
	const hidden = new Set<string>(options.hidden ?? []);
	const profiles = new Map<string, Doc>();
	const results = new Map<string, Doc>();
	for (const doc of docs) {
		const d = doc as Doc;
		if (d._deleted || !str(d._id)) continue;
		if (d.type === 'moderation') {
			if (d.hidden) hidden.add(str(d.target));
			continue;
		}
		// published aggregates are not acts of the community: read apart, never counted as activity
		if (d.type === 'impact') continue;
		if (d.type === 'survey-results') {
			results.set(str(d.survey), d);
			continue;
		}
		byId.set(str(d._id), d);
	}
	for (const id of hidden) byId.delete(id);
	for (const d of byId.values()) if (d.type === 'profile') profiles.set(str(d.author), d);
	return { options, from: options.from ?? '', to: options.to ?? options.now, byId, hidden, profiles, results };
}

const inPeriod = (c: Context, at: string): boolean => at !== '' && at >= c.from && at < c.to;

/** Region and sector of a document that carries them, or of its author's profile. */
function placeOk(c: Context, d: Doc): boolean {
	const { region, sector } = c.options;
	if (!region && !sector) return true;
	const own = d.type === 'story' || d.type === 'adoption' || d.type === 'event' || d.type === 'resource';
	const carrier = own ? d : (c.profiles.get(str(d.author)) ?? {});
	const fits = (field: 'region' | 'sector', wanted: string | undefined): boolean => {
		if (!wanted) return true;
		// events carry no sector and resources no region: those filters do not apply to them
		if (own && ((d.type === 'event' && field === 'sector') || (d.type === 'resource' && field === 'region')))
			return true;
		return str(carrier[field]) === wanted;
	};
	return fits('region', region) && fits('sector', sector);
}

/** The category filter: threads of the category and replies in them; other kinds pass. */
function categoryOk(c: Context, d: Doc): boolean {
	const { category } = c.options;
	if (!category) return true;
	if (d.type === 'thread') return d.category === category;
	if (d.type === 'post') return c.byId.get(str(d.thread))?.category === category;
	return true;
}

/** A reply counts only while its thread does; feedback, ratings and uses only while their item does. */
function attachedOk(c: Context, d: Doc): boolean {
	if (d.type === 'post') return c.byId.has(str(d.thread));
	if (d.type === 'rating' || d.type === 'use') return c.byId.has(str(d.resource));
	if (d.type === 'feedback') return str(d.target).startsWith('collection:') || c.byId.has(str(d.target));
	return true;
}

/** Members are placed by their profile, whatever the place of what they acted on. */
const memberOk = (c: Context, username: string): boolean =>
	placeOk(c, c.profiles.get(username) ?? { type: 'profile', author: username });
const submitted = (d: Doc): boolean => d.status !== 'draft';

/** Who acted when, for "active members": one line per act a member made. */
const ACTS: Readonly<Record<string, (d: Doc) => boolean>> = {
	thread: () => true,
	post: () => true,
	resource: submitted,
	story: submitted,
	adoption: () => true,
	event: () => true,
	comment: () => true,
	vote: () => true,
	rsvp: () => true,
	rating: () => true,
	use: () => true,
	feedback: () => true
};
const KIND_OF: Readonly<Record<string, ContributionKind>> = {
	thread: 'thread',
	post: 'reply',
	resource: 'resource',
	story: 'story',
	adoption: 'adoption',
	event: 'event',
	comment: 'comment'
};

const organisersOf = (event: Doc): string[] => [
	str(event.author),
	...(Array.isArray(event.organisers) ? event.organisers.map(str) : [])
];

function engagement(c: Context, docs: Doc[], months: string[], weeks: string[]): ImpactFigures['engagement'] {
	const weekly = new Map<string, Set<string>>(weeks.map((w) => [w, new Set()]));
	const monthly = new Map<string, Set<string>>(months.map((m) => [m, new Set()]));
	const contributions = new Map(months.map((m) => [m, Object.fromEntries(CONTRIBUTION_KINDS.map((k) => [k, 0]))]));
	const newMembers = new Map(months.map((m) => [m, 0]));
	let eventsHeld = 0;
	const held = new Map<string, Doc>();
	for (const d of docs) {
		const type = str(d.type);
		const at = str(d.createdAt);
		if (type === 'profile' && inPeriod(c, at) && placeOk(c, d))
			newMembers.set(monthOf(at), (newMembers.get(monthOf(at)) ?? 0) + 1);
		if (type === 'event' && !d.cancelled && placeOk(c, d)) {
			const end = str(d.end);
			if (inPeriod(c, end) && end <= c.options.now) {
				eventsHeld++;
				held.set(str(d._id), d);
			}
		}
		const act = ACTS[type];
		if (!act?.(d) || !inPeriod(c, at) || !categoryOk(c, d) || !attachedOk(c, d)) continue;
		if (memberOk(c, str(d.author))) {
			weekly.get(isoWeekOf(at))?.add(str(d.author));
			monthly.get(monthOf(at))?.add(str(d.author));
		}
		if (!placeOk(c, d)) continue;
		const kind = KIND_OF[type];
		const row = contributions.get(monthOf(at));
		if (kind && row) row[kind]++;
	}
	let attendance = 0;
	for (const d of docs) {
		const event = d.type === 'attendance' && d.attended === true ? held.get(str(d.event)) : undefined;
		// only an organiser's record counts, as for recognition: a member cannot attend by saying so
		if (event && organisersOf(event).includes(str(d.author))) attendance++;
	}
	return {
		activeByWeek: [...weekly].map(([week, set]) => ({ week, members: set.size })),
		activeByMonth: [...monthly].map(([month, set]) => ({ month, members: set.size })),
		newMembersByMonth: [...newMembers].map(([month, members]) => ({ month, members })),
		contributionsByMonth: [...contributions].map(
			([month, row]) => ({ month, ...row }) as { month: string } & Record<ContributionKind, number>
		),
		eventsHeld,
		attendance
	};
}

const published = (d: Doc): boolean =>
	(d.type === 'resource' || d.type === 'story') && d.status === 'published' && str(d.reviewedAt) !== '';

/**
 * The latest record of each organisation and practice made before the period's end (by
 * updatedAt, then createdAt, then id): an organisation that piloted and then implemented a
 * practice in two records counts once, as implemented.
 */
function latestAdoptions(c: Context, docs: Doc[]): Doc[] {
	const latest = new Map<string, Doc>();
	for (const d of docs) {
		if (d.type !== 'adoption' || timeOf(d) >= c.to || !placeOk(c, d) || !c.byId.has(str(d.practice))) continue;
		const key = `${str(d.organization).trim().toLowerCase()}\u0000${str(d.practice)}`;
		const held = latest.get(key);
		const newer = !held || timeOf(d) > timeOf(held) || (timeOf(d) === timeOf(held) && str(d._id) > str(held._id));
		if (newer) latest.set(key, d);
	}
	return [...latest.values()];
}

const median = (values: number[]): number | null => {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function practices(c: Context, docs: Doc[], months: string[], adoptions: Doc[]): ImpactFigures['practices'] {
	const byMonth = new Map(months.map((m) => [m, { month: m, resources: 0, stories: 0 }]));
	const firstAdoption = new Map<string, string>();
	for (const d of docs)
		if (d.type === 'adoption' && placeOk(c, d) && str(d.createdAt) < c.to) {
			const first = firstAdoption.get(str(d.practice));
			if (!first || str(d.createdAt) < first) firstAdoption.set(str(d.practice), str(d.createdAt));
		}
	const days: number[] = [];
	for (const d of docs) {
		if (!published(d) || !inPeriod(c, str(d.reviewedAt)) || !placeOk(c, d)) continue;
		const row = byMonth.get(monthOf(str(d.reviewedAt)));
		if (row) row[d.type === 'resource' ? 'resources' : 'stories']++;
		const first = firstAdoption.get(str(d._id));
		if (first) days.push(Math.max(0, (Date.parse(first) - Date.parse(str(d.reviewedAt))) / DAY_MS));
	}
	const byStatus = Object.fromEntries(ADOPTION_STATUSES.map((s) => [s, 0])) as Record<AdoptionStatus, number>;
	for (const d of adoptions)
		if (inPeriod(c, timeOf(d)) && str(d.status) in byStatus) byStatus[str(d.status) as AdoptionStatus]++;
	const mid = median(days);
	return {
		publishedByMonth: [...byMonth.values()],
		adoptionsByStatus: byStatus,
		medianDaysToFirstAdoption: mid === null ? null : Math.round(mid * 10) / 10
	};
}

/** The document's outcome figures that are valid ones (a story from before figures had a metric has none). */
const figuresOf = (d: Doc): OutcomeFigure[] =>
	Array.isArray(d.outcomes) ? d.outcomes.filter((f): f is OutcomeFigure => v.is(outcomeFigureSchema, f)) : [];

const isCitizen = (f: OutcomeFigure): boolean => CITIZEN_METRICS.has(f.metric);

/** One row per citizen-feedback result of a story or adoption, titled by the story or practice. */
function citizenRows(c: Context, d: Doc): CitizenFeedbackFigure[] {
	const titled = d.type === 'story' ? d : c.byId.get(str(d.practice));
	return figuresOf(d)
		.filter(isCitizen)
		.map((f) => ({
			id: str(d._id),
			title: str(titled?.title),
			organization: str(d.organization).trim() || null,
			metric: f.metric,
			label: f.label,
			...(f.before !== undefined ? { before: f.before } : {}),
			...(f.after !== undefined ? { after: f.after } : {}),
			...(f.value !== undefined ? { value: f.value } : {}),
			unit: f.unit,
			source: f.source ?? null,
			sampleSize: f.sampleSize ?? null
		}));
}

function improvements(c: Context, docs: Doc[], adoptions: Doc[]): ImpactFigures['improvements'] {
	const stories = docs.filter(
		(d) => d.type === 'story' && published(d) && inPeriod(c, str(d.reviewedAt)) && placeOk(c, d)
	);
	const adopted = adoptions.filter((d) => inPeriod(c, timeOf(d)));
	// what citizens said is its own measure: a satisfaction score is not added to staff hours saved
	const storyFigures = stories.flatMap(figuresOf).filter((f) => !isCitizen(f));
	const adoptionFigures = adopted.flatMap(figuresOf).filter((f) => !isCitizen(f));
	const items = [...stories, ...adopted].flatMap((d) => citizenRows(c, d));
	return {
		stories: sumOutcomes(storyFigures),
		adoptions: sumOutcomes(adoptionFigures),
		all: sumOutcomes([...storyFigures, ...adoptionFigures]),
		citizen: { items, respondents: items.reduce((n, i) => n + (i.sampleSize ?? 0), 0) }
	};
}

const rateOf = (answers: number, useful: number): Rate => ({
	answers,
	useful,
	rate: answers ? useful / answers : null
});

function targetOk(c: Context, d: Doc, target: string): boolean {
	const item = c.byId.get(target);
	return item ? placeOk(c, item) : placeOk(c, d);
}

function satisfaction(c: Context, docs: Doc[]): ImpactFigures['satisfaction'] {
	const byKind = new Map(FEEDBACK_KINDS.map((k) => [k, { answers: 0, useful: 0 }]));
	let ratingSum = 0;
	let ratingCount = 0;
	for (const d of docs) {
		if (!inPeriod(c, timeOf(d)) || !attachedOk(c, d)) continue;
		if (d.type === 'feedback' && typeof d.useful === 'boolean' && targetOk(c, d, str(d.target))) {
			const row = byKind.get(str(d.target).split(':')[0] as FeedbackKind);
			if (!row) continue;
			row.answers++;
			if (d.useful) row.useful++;
		} else if (d.type === 'rating' && typeof d.value === 'number' && targetOk(c, d, str(d.resource))) {
			ratingSum += d.value;
			ratingCount++;
		}
	}
	const rows = [...byKind].map(([kind, r]) => ({ kind, ...rateOf(r.answers, r.useful) }));
	return {
		overall: rateOf(
			rows.reduce((n, r) => n + r.answers, 0),
			rows.reduce((n, r) => n + r.useful, 0)
		),
		byKind: rows,
		ratings: { count: ratingCount, mean: ratingCount ? ratingSum / ratingCount : null },
		...surveyFigures(docs, c.results, {
			from: c.from,
			to: c.to,
			now: c.options.now,
			region: c.options.region,
			regionOf: (event) => {
				const d = c.byId.get(event);
				return d ? str(d.region) : undefined;
			}
		})
	};
}

function highImpact(c: Context, docs: Doc[], adoptions: Doc[]): HighImpactItem[] {
	const items = new Map<string, HighImpactItem>();
	const ratingSums = new Map<string, number>();
	for (const d of docs)
		if (published(d) && placeOk(c, d))
			items.set(str(d._id), {
				id: str(d._id),
				kind: d.type as 'resource' | 'story',
				title: str(d.title),
				...{ adoptions: 0, uses: 0, ratings: 0, meanRating: null, useful: 0, answers: 0 }
			});
	for (const d of adoptions) {
		const item = items.get(str(d.practice));
		if (item && d.status !== 'abandoned' && inPeriod(c, timeOf(d))) item.adoptions++;
	}
	for (const d of docs) {
		if (!inPeriod(c, timeOf(d))) continue;
		const item = items.get(str(d.type === 'feedback' ? d.target : d.resource));
		if (!item) continue;
		if (d.type === 'use') item.uses++;
		else if (d.type === 'rating' && typeof d.value === 'number') {
			item.ratings++;
			ratingSums.set(item.id, (ratingSums.get(item.id) ?? 0) + d.value);
		} else if (d.type === 'feedback' && typeof d.useful === 'boolean') {
			item.answers++;
			if (d.useful) item.useful++;
		}
	}
	for (const item of items.values()) if (item.ratings) item.meanRating = (ratingSums.get(item.id) ?? 0) / item.ratings;
	return rankHighImpact([...items.values()]);
}

/** The TOP_ITEMS most adopted, then used, rated, best rated and found useful of items acted on. */
export function rankHighImpact(items: readonly HighImpactItem[]): HighImpactItem[] {
	return items
		.filter((i) => i.adoptions || i.uses || i.ratings || i.answers)
		.sort(
			(a, b) =>
				b.adoptions - a.adoptions ||
				b.uses - a.uses ||
				b.ratings - a.ratings ||
				(b.meanRating ?? 0) - (a.meanRating ?? 0) ||
				b.useful - a.useful ||
				a.title.localeCompare(b.title) ||
				a.id.localeCompare(b.id)
		)
		.slice(0, TOP_ITEMS);
}

/** The earliest date any counted act carries: where "All time" starts. */
function earliest(docs: Doc[], now: string): string {
	let first = now;
	for (const d of docs) {
		const at = str(d.createdAt);
		if (at && at < first) first = at;
	}
	return first;
}

/** Every figure of the dashboard for the documents and filters. */
export function computeImpact(documents: readonly object[], options: ImpactOptions): ImpactFigures {
	const c = index(documents, options);
	const docs = [...c.byId.values()];
	const start = options.from ?? earliest(docs, c.to);
	const months = monthsBetween(start, c.to);
	const weeks = weeksBetween(start, c.to);
	const adoptions = latestAdoptions(c, docs);
	return {
		period: { from: options.from ?? null, to: c.to },
		engagement: engagement(c, docs, months, weeks),
		practices: practices(c, docs, months, adoptions),
		improvements: improvements(c, docs, adoptions),
		satisfaction: satisfaction(c, docs),
		highImpact: highImpact(c, docs, adoptions)
	};
}

export const IMPACT_PERIODS = ['3m', '12m', 'all'] as const;
export type ImpactPeriod = (typeof IMPACT_PERIODS)[number];
export const IMPACT_PERIOD_LABELS: Record<ImpactPeriod, string> = {
	'3m': 'Last 3 months',
	'12m': 'Last 12 months',
	all: 'All time'
};

/** Start of a period ending at `now`: the first day of the UTC month 2 (or 11) months before; none for all time. */
export function periodStart(period: ImpactPeriod, now: string): string | undefined {
	if (period === 'all') return undefined;
	const back = period === '3m' ? 2 : 11;
	const date = new Date(Date.parse(now));
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - back, 1)).toISOString();
}

export interface ImpactChoices {
	regions: string[];
	sectors: string[];
	categories: { slug: string; name: string }[];
}

/** What the filters offer: regions and sectors named on profiles and items, the forum categories. */
export function impactChoices(documents: readonly object[]): ImpactChoices {
	const regions = new Set<string>();
	const sectors = new Set<string>();
	const categories = new Map<string, string>();
	for (const doc of documents) {
		const d = doc as Doc;
		if (d._deleted) continue;
		if (str(d.region).trim()) regions.add(str(d.region));
		if (str(d.sector).trim()) sectors.add(str(d.sector));
		if (d.type === 'category') {
			const slug = str(d._id).slice('category:'.length);
			categories.set(slug, str(d.name) || str(d.title) || slug);
		}
	}
	const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
	return {
		regions: sorted(regions),
		sectors: sorted(sectors),
		categories: [...categories].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name))
	};
}

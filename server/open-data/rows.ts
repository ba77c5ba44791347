// The rows of every open-data file, computed from the community database's documents. Pure.
// Only what members published for everyone goes in: published stories and resources, events,
// adoptions of published practices (as the organisation named, never the member) and monthly
// counts, and the counts of closed surveys (survey-rows.ts). Drafts, submitted and returned items, hidden items (src/lib/domain/moderation.ts, as a
// visitor who is no member sees them) and invalid documents are left out; deleted documents are
// not read at all (allDocs skips them). No username, display name, profile field or free text
// other than published titles, summaries and result labels reaches a row.
import * as v from 'valibot';
import { canSee, visibilityOf, type ModerationState } from '../../src/lib/domain/moderation';
import { targetOfModerationId } from '../../src/lib/domain/ids';
import { organisationKey } from '../../src/lib/domain/adoptions';
import {
	adoptionSchema,
	eventSchema,
	moderationSchema,
	postSchema,
	resourceSchema,
	rsvpSchema,
	storySchema,
	surveyResultsSchema,
	surveySchema,
	threadSchema,
	type OutcomeFigure
} from '../../src/lib/domain/schemas';
import { surveyResultRows } from './survey-rows';
import type { Row, TableName } from './tables';

type Doc = { _id?: unknown; type?: unknown };
type Parsed<S extends v.GenericSchema> = v.InferOutput<S>;

/** Someone who is not a member: sees an item unless moderators hid it. */
const PUBLIC_VIEWER = '';

const ulidOf = (id: string): string => id.slice(id.indexOf(':') + 1);
const dateOf = (instant: string): string => instant.slice(0, 10);
const monthOf = (instant: string): string => instant.slice(0, 7);
const tagsOf = (tags: readonly string[]): string => tags.join(';');
/** Table Schema's default datetime format: UTC, whole seconds. */
const datetimeOf = (instant: string): string => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** When a reviewed item was published: as the devices' projections date it. */
const publishedAt = (doc: { reviewedAt?: string; updatedAt?: string; createdAt: string }): string =>
	doc.reviewedAt ?? doc.updatedAt ?? doc.createdAt;

function figureRow(o: OutcomeFigure): Row {
	return {
		metric: o.metric,
		label: o.label,
		before: o.before,
		after: o.after,
		value: o.value,
		unit: o.unit,
		period: o.period,
		source: o.source,
		sample_size: o.sampleSize
	};
}

interface Sorted {
	stories: Parsed<typeof storySchema>[];
	resources: Parsed<typeof resourceSchema>[];
	events: Parsed<typeof eventSchema>[];
	adoptions: Parsed<typeof adoptionSchema>[];
	threads: Parsed<typeof threadSchema>[];
	posts: Parsed<typeof postSchema>[];
	surveys: Parsed<typeof surveySchema>[];
	surveyResults: Parsed<typeof surveyResultsSchema>[];
	going: Map<string, number>;
}

/** Valid documents by type, with hidden ones dropped and RSVPs counted per event. */
function sortDocs(docs: Iterable<unknown>): Sorted {
	const all: Doc[] = [];
	const moderation = new Map<string, ModerationState>();
	for (const doc of docs) {
		if (!doc || typeof doc !== 'object') continue;
		const d = doc as Doc;
		if (d.type === 'moderation') {
			const parsed = v.safeParse(moderationSchema, d);
			const target = typeof d._id === 'string' ? targetOfModerationId(d._id) : null;
			if (!target) continue;
			// a decision that does not parse still hides: leaving an item out is the safe mistake
			if (parsed.success) moderation.set(target, parsed.output);
			else if ((d as { hidden?: unknown }).hidden) moderation.set(target, { hidden: { reason: '', at: '' } });
		} else all.push(d);
	}
	const sorted: Sorted = {
		stories: [],
		resources: [],
		events: [],
		adoptions: [],
		threads: [],
		posts: [],
		surveys: [],
		surveyResults: [],
		going: new Map()
	};
	const visible = (doc: { _id: string; author: string }) =>
		canSee(visibilityOf(doc.author, PUBLIC_VIEWER, [], moderation.get(doc._id)));
	const take = <S extends v.GenericSchema>(schema: S, doc: Doc, into: Parsed<S>[]) => {
		const parsed = v.safeParse(schema, doc);
		if (parsed.success && visible(parsed.output as { _id: string; author: string })) into.push(parsed.output);
	};
	for (const doc of all) {
		switch (doc.type) {
			case 'story':
				take(storySchema, doc, sorted.stories);
				break;
			case 'resource':
				take(resourceSchema, doc, sorted.resources);
				break;
			case 'event':
				take(eventSchema, doc, sorted.events);
				break;
			case 'adoption':
				take(adoptionSchema, doc, sorted.adoptions);
				break;
			case 'thread':
				take(threadSchema, doc, sorted.threads);
				break;
			case 'post':
				take(postSchema, doc, sorted.posts);
				break;
			case 'survey':
				take(surveySchema, doc, sorted.surveys);
				break;
			case 'survey-results': {
				// written by the server alone, so no moderator hides it: its survey's visibility decides
				const parsed = v.safeParse(surveyResultsSchema, doc);
				if (parsed.success) sorted.surveyResults.push(parsed.output);
				break;
			}
			case 'rsvp': {
				const parsed = v.safeParse(rsvpSchema, doc);
				if (parsed.success && parsed.output.status === 'going')
					sorted.going.set(parsed.output.event, (sorted.going.get(parsed.output.event) ?? 0) + 1);
				break;
			}
		}
	}
	sorted.stories = sorted.stories.filter((s) => s.status === 'published');
	sorted.resources = sorted.resources.filter((r) => r.status === 'published');
	const practices = new Set([...sorted.stories, ...sorted.resources].map((p) => p._id));
	// an adoption of a draft or hidden practice would tell that it exists
	sorted.adoptions = sorted.adoptions.filter((a) => practices.has(a.practice));
	return sorted;
}

const byId = <T extends { _id: string }>(a: T, b: T) => a._id.localeCompare(b._id);

function storyRows(stories: Sorted['stories']): { stories: Row[]; outcomes: Row[] } {
	const rows: Row[] = [];
	const outcomes: Row[] = [];
	for (const s of [...stories].sort(byId)) {
		const id = ulidOf(s._id);
		rows.push({
			id,
			title: s.title,
			summary: s.summary,
			organisation: s.organization,
			jurisdiction: s.jurisdiction,
			level: s.level,
			sector: s.sector,
			region: s.region,
			started: s.startedOn,
			ended: s.endedOn,
			published: dateOf(publishedAt(s)),
			tags: tagsOf(s.tags)
		});
		for (const o of s.outcomes) outcomes.push({ story_id: id, ...figureRow(o) });
	}
	return { stories: rows, outcomes };
}

/**
 * Adoptions per practice and organisation (one organisation whatever the case and spacing, as the
 * practice pages count them): the latest record's status and name, the earliest start, the counts.
 */
function adoptionRows(adoptions: Sorted['adoptions']): { adoptions: Row[]; outcomes: Row[] } {
	const groups = new Map<string, Sorted['adoptions']>();
	for (const a of adoptions) {
		const key = `${a.practice}\n${organisationKey(a.organization)}`;
		groups.set(key, [...(groups.get(key) ?? []), a]);
	}
	const rows: Row[] = [];
	const outcomes: Row[] = [];
	for (const key of [...groups.keys()].sort()) {
		const group = groups.get(key)!;
		const latest = group.reduce((a, b) => ((b.updatedAt ?? b.createdAt) > (a.updatedAt ?? a.createdAt) ? b : a));
		const practice = { practice_id: ulidOf(latest.practice), practice_kind: latest.practice.split(':')[0] };
		const organisation = latest.organization.trim().replace(/\s+/g, ' ');
		const starts = group.flatMap((a) => (a.startedOn ? [a.startedOn] : [])).sort();
		rows.push({
			...practice,
			organisation,
			status: latest.status,
			started: starts[0],
			records: group.length,
			outcome_figures: group.reduce((n, a) => n + a.outcomes.length, 0)
		});
		for (const a of group) for (const o of a.outcomes) outcomes.push({ ...practice, organisation, ...figureRow(o) });
	}
	return { adoptions: rows, outcomes };
}

function resourceRows(resources: Sorted['resources']): Row[] {
	return [...resources].sort(byId).map((r) => ({
		id: ulidOf(r._id),
		kind: r.kind,
		title: r.title,
		summary: r.summary,
		organisation: r.organization,
		jurisdiction: r.jurisdiction,
		sector: r.sector,
		published: dateOf(publishedAt(r)),
		tags: tagsOf(r.tags)
	}));
}

function eventRows(events: Sorted['events'], going: Map<string, number>): Row[] {
	return [...events].sort(byId).map((e) => ({
		id: ulidOf(e._id),
		kind: e.kind,
		title: e.title,
		start: datetimeOf(e.start),
		end: datetimeOf(e.end),
		time_zone: e.timeZone,
		region: e.region,
		online: e.location.online !== undefined,
		in_person: e.location.venue !== undefined || e.location.address !== undefined,
		cancelled: e.cancelled === true,
		going: going.get(e._id) ?? 0
	}));
}

const KPI_COUNTS = [
	'new_threads',
	'replies',
	'published_resources',
	'published_stories',
	'adoptions_recorded',
	'events_held'
] as const;

/** Counts per UTC month, every month from the first with activity to `now`'s, none skipped. */
function kpiRows(sorted: Sorted, now: string): Row[] {
	const counts = new Map<string, Record<(typeof KPI_COUNTS)[number], number>>();
	const add = (instant: string, what: (typeof KPI_COUNTS)[number]) => {
		const month = monthOf(new Date(instant).toISOString());
		if (month > monthOf(now)) return;
		const row = counts.get(month) ?? Object.fromEntries(KPI_COUNTS.map((k) => [k, 0]));
		row[what]++;
		counts.set(month, row as Record<(typeof KPI_COUNTS)[number], number>);
	};
	for (const t of sorted.threads) add(t.createdAt, 'new_threads');
	for (const p of sorted.posts) add(p.createdAt, 'replies');
	for (const r of sorted.resources) add(publishedAt(r), 'published_resources');
	for (const s of sorted.stories) add(publishedAt(s), 'published_stories');
	for (const a of sorted.adoptions) add(a.createdAt, 'adoptions_recorded');
	for (const e of sorted.events)
		if (!e.cancelled && Date.parse(e.start) <= Date.parse(now)) add(e.start, 'events_held');
	const months = [...counts.keys()].sort();
	if (months.length === 0) return [];
	const rows: Row[] = [];
	for (let month = months[0]; month <= monthOf(now); month = nextMonth(month)) {
		rows.push({ month, ...(counts.get(month) ?? Object.fromEntries(KPI_COUNTS.map((k) => [k, 0]))) });
	}
	return rows;
}

function nextMonth(month: string): string {
	const [year, m] = month.split('-').map(Number);
	return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Every open-data file's rows, from the community database's documents, as of `now`. */
export function openDataRows(docs: Iterable<unknown>, now: string): Record<TableName, Row[]> {
	const sorted = sortDocs(docs);
	const stories = storyRows(sorted.stories);
	const adoptions = adoptionRows(sorted.adoptions);
	return {
		stories: stories.stories,
		'story-outcomes': stories.outcomes,
		adoptions: adoptions.adoptions,
		'adoption-outcomes': adoptions.outcomes,
		resources: resourceRows(sorted.resources),
		events: eventRows(sorted.events, sorted.going),
		'kpi-monthly': kpiRows(sorted, now),
		'survey-results': surveyResultRows(sorted.surveys, sorted.surveyResults, now)
	};
}

// Event writes: create and edit an event (local times in the organiser's zone → instants), RSVP,
// mark official (moderators), record attendance (organisers). Each is one validated put into the
// local community replica (works offline), projected before the call resolves.
import { attendanceId, docId, rsvpId } from '../../domain/ids';
import { authorizeCommunityWrite, authorizeRelated, type DocFacts } from '../../domain/permissions';
import type { EVENT_KINDS, RSVP_STATUSES } from '../../domain/schemas';
import { cleanDoc, isNotFound, type StoreContext } from '../context';
import { normalizeTags, putDoc } from '../writes';
import type { Followers } from '../projections';
import { zonedToInstant, type LocalDateTime } from '../../domain/zoned';
import { t } from '../../i18n';

export interface EventInput {
	kind: (typeof EVENT_KINDS)[number];
	title: string;
	description: string;
	/** wall-clock times in `timeZone` */
	start: LocalDateTime;
	end: LocalDateTime;
	timeZone: string;
	venue?: string;
	address?: string;
	online?: string;
	region?: string;
	capacity?: number | null;
	organisers?: string[];
	tags: string[];
	resources?: string[];
	materials?: string;
	recording?: string;
	cancelled?: boolean;
}

export interface EventsWriteDeps {
	ctx: StoreContext;
	/** Awaited after a write, so it is projected when the write resolves. */
	followers: Pick<Followers, 'catchUp'>;
}

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

export async function getCommunityDoc(ctx: StoreContext, id: string): Promise<Doc | null> {
	try {
		return cleanDoc(await ctx.community.get(id)) as Doc;
	} catch (err) {
		if (isNotFound(err)) return null;
		throw err;
	}
}

function check(ctx: StoreContext, next: Doc, prev: Doc | null, related?: Doc | null): void {
	const decision = authorizeCommunityWrite(ctx.member, next as DocFacts, prev as DocFacts | null);
	const second =
		decision.ok && related !== undefined
			? authorizeRelated(ctx.member, next as DocFacts, related as DocFacts | null)
			: decision;
	if (!second.ok) throw new Error(second.reason.charAt(0).toUpperCase() + second.reason.slice(1) + '.');
}

/** An edited document loses the signature of its previous version (it covered other content). */
export function unsigned(doc: Doc): Doc {
	const { signature: _signature, ...rest } = doc;
	return rest as Doc;
}

async function put(deps: EventsWriteDeps, doc: Doc): Promise<string> {
	await putDoc(deps.ctx, unsigned(doc));
	await deps.followers.catchUp();
	return doc._id;
}

const trimmed = (s: string | undefined): string | undefined => (s && s.trim() ? s.trim() : undefined);

function eventFields(ctx: StoreContext, input: EventInput): Record<string, unknown> {
	const location: Record<string, string> = {};
	for (const key of ['venue', 'address', 'online'] as const) {
		const value = trimmed(input[key]);
		if (value) location[key] = value;
	}
	if (!Object.keys(location).length) throw new Error(t('events:errors.needPlace'));
	const organisers = [
		...new Set([ctx.member.name, ...(input.organisers ?? []).map((o) => o.trim().toLowerCase()).filter(Boolean)])
	];
	const fields: Record<string, unknown> = {
		kind: input.kind,
		title: input.title.trim(),
		description: input.description,
		start: zonedToInstant(input.start, input.timeZone),
		end: zonedToInstant(input.end, input.timeZone),
		timeZone: input.timeZone,
		location,
		organisers,
		tags: normalizeTags(input.tags)
	};
	const optional = {
		region: trimmed(input.region),
		capacity: input.capacity ?? undefined,
		resources: input.resources?.length ? input.resources : undefined,
		materials: trimmed(input.materials),
		recording: trimmed(input.recording),
		cancelled: input.cancelled || undefined
	};
	for (const [key, value] of Object.entries(optional)) if (value !== undefined) fields[key] = value;
	return fields;
}

export async function createEvent(deps: EventsWriteDeps, input: EventInput): Promise<string> {
	const { ctx } = deps;
	const doc: Doc = {
		_id: docId('event'),
		type: 'event',
		author: ctx.member.name,
		createdAt: ctx.now(),
		...eventFields(ctx, input)
	};
	check(ctx, doc, null);
	return put(deps, doc);
}

const EDITABLE = [
	'kind',
	'title',
	'description',
	'start',
	'end',
	'timeZone',
	'location',
	'region',
	'capacity',
	'organisers',
	'tags',
	'resources',
	'materials',
	'recording',
	'cancelled'
];

export async function editEvent(deps: EventsWriteDeps, id: string, input: EventInput): Promise<void> {
	const { ctx } = deps;
	const prev = await getCommunityDoc(ctx, id);
	if (!prev) throw new Error(t('events:errors.notHere'));
	const fields = eventFields(ctx, input);
	// keep the original organisers list's order; the editor is added only when creating
	if (Array.isArray(prev.organisers) && !input.organisers) fields.organisers = prev.organisers;
	const next: Doc = { ...prev, updatedAt: ctx.now() };
	for (const key of EDITABLE) delete next[key];
	Object.assign(next, fields);
	check(ctx, next, prev);
	await put(deps, next);
}

export async function markOfficial(deps: EventsWriteDeps, id: string, official: boolean): Promise<void> {
	const { ctx } = deps;
	const prev = await getCommunityDoc(ctx, id);
	if (!prev) throw new Error(t('events:errors.notHere'));
	const next: Doc = { ...prev, official, updatedAt: ctx.now() };
	if (!official) delete next.official;
	check(ctx, next, prev);
	await put(deps, next);
}

export async function rsvp(
	deps: EventsWriteDeps,
	eventId: string,
	status: (typeof RSVP_STATUSES)[number]
): Promise<void> {
	const { ctx } = deps;
	const id = rsvpId(eventId, ctx.member.name);
	const prev = await getCommunityDoc(ctx, id);
	if (prev?.status === status) return;
	const now = ctx.now();
	const doc: Doc = {
		_id: id,
		type: 'rsvp',
		author: ctx.member.name,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : now,
		event: eventId,
		status
	};
	if (prev) {
		doc._rev = prev._rev;
		doc.updatedAt = now; // pending until the server's place document reflects it (domain/places.ts)
	}
	check(ctx, doc, prev);
	await put(deps, doc);
}

export async function recordAttendance(
	deps: EventsWriteDeps,
	eventId: string,
	member: string,
	attended: boolean
): Promise<void> {
	const { ctx } = deps;
	const id = attendanceId(eventId, member);
	const [prev, event] = await Promise.all([getCommunityDoc(ctx, id), getCommunityDoc(ctx, eventId)]);
	const doc: Doc = prev
		? { ...prev, attended, updatedAt: ctx.now() }
		: { _id: id, type: 'attendance', author: ctx.member.name, createdAt: ctx.now(), event: eventId, member, attended };
	check(ctx, doc, prev, event);
	await put(deps, doc);
}

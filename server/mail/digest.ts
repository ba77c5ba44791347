// Email digests: for members who chose a daily or weekly digest and confirmed an address, what
// happened since the last one — the same notifications the app derives on the device
// (src/lib/domain/notifications.ts: replies, mentions, messages, review decisions, changes to
// events they go to, mentorship requests), from `community` and their private database. The
// scheduler looks every hour and sends to whoever is due; nothing is sent when nothing happened.
import {
	notificationsFor,
	SYSTEM_ACTOR,
	type NotificationRow,
	type NotifyLookup
} from '../../src/lib/domain/notifications';
import { COMMUNITY_DB, rsvpId, userDbName } from '../../src/lib/domain/ids';
import type { Storage } from '../storage/index';
import type { UserStore } from '../auth/users';
import { escapeHtml, type Mailer } from './mailer';
import type { EmailRecord, EmailStore } from './addresses';
import { errorMessage } from '../../src/lib/domain/errors';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the scheduler looks for digests that are due. */
export const DIGEST_CHECK_MS = 60 * 60 * 1000;
/** Items listed in one email (the rest is counted). */
const DIGEST_MAX_ITEMS = 30;
/** Changes read per page of a feed. */
const PAGE = 500;

export interface DigestDeps {
	storage: Storage;
	emails: EmailStore;
	users: Pick<UserStore, 'get'>;
	mailer: Mailer;
	/** The app's public address, for the links (PRAXIS_PUBLIC_URL). */
	appUrl: string;
	clock?: () => Date;
	log?: (line: string) => void;
}

type Doc = Record<string, unknown> & { _id: string };

/** Is `record` due for a digest at `now`? */
export function digestDue(record: Pick<EmailRecord, 'digest' | 'lastDigestAt' | 'address'>, now: Date): boolean {
	if (!record.address || record.digest === 'off') return false;
	if (!record.lastDigestAt) return true;
	const gap = record.digest === 'daily' ? DAY_MS : 7 * DAY_MS;
	// an hour of slack, so that a digest sent at 07:05 one day is due again at 07:00 the next
	return now.getTime() - Date.parse(record.lastDigestAt) >= gap - DIGEST_CHECK_MS;
}

/** The documents changed in `db` since `since`, and where the feed ended. */
async function changedSince(
	db: PouchDB.Database,
	since: string | number | undefined
): Promise<{ docs: Doc[]; last: string | number }> {
	const docs: Doc[] = [];
	let last: string | number = since ?? 0;
	for (;;) {
		const page = await db.changes<Doc>({ since: last, include_docs: true, limit: PAGE });
		for (const row of page.results) if (row.doc && !row.deleted) docs.push(row.doc);
		last = page.last_seq;
		if (page.results.length < PAGE) return { docs, last };
	}
}

/** Where each feed ends now: a first digest starts from here (nothing from before it is sent). */
async function feedEnds(
	storage: Storage,
	name: string
): Promise<{ communitySeq: string | number; privateSeq: string | number }> {
	const [community, mine] = await Promise.all([storage.db(COMMUNITY_DB).info(), storage.db(userDbName(name)).info()]);
	return { communitySeq: community.update_seq, privateSeq: mine.update_seq };
}

/** What a digest for `name` holds, from both feeds, newest first. */
export async function digestItems(
	storage: Storage,
	name: string,
	record: Pick<EmailRecord, 'communitySeq' | 'privateSeq'>
): Promise<{
	items: NotificationRow[];
	communitySeq: string | number;
	privateSeq: string | number;
}> {
	const community = storage.db(COMMUNITY_DB);
	const lookup: NotifyLookup = {
		async get(id) {
			try {
				return await community.get<Doc>(id);
			} catch {
				return null;
			}
		},
		async myRsvp(eventId) {
			const doc = await lookup.get(rsvpId(eventId, name));
			return doc && typeof doc.status === 'string' ? doc.status : null;
		}
	};
	const [shared, own] = await Promise.all([
		changedSince(community, record.communitySeq),
		changedSince(storage.db(userDbName(name)), record.privateSeq)
	]);
	const seen = new Set<string>();
	const items: NotificationRow[] = [];
	for (const doc of [...shared.docs, ...own.docs.filter((d) => d.type === 'message')]) {
		for (const row of await notificationsFor(doc, name, lookup)) {
			if (seen.has(row.id)) continue;
			seen.add(row.id);
			items.push(row);
		}
	}
	items.sort((a, b) => b.at.localeCompare(a.at));
	return { items, communitySeq: shared.last, privateSeq: own.last };
}

const KIND_HEADINGS: Record<NotificationRow['kind'], string> = {
	reply: 'Replies',
	mention: 'Mentions of you',
	message: 'Messages',
	review: 'Reviews of your resources',
	event: 'Changes to events you go to',
	mentorship: 'Mentorship',
	recognition: 'Badges and levels you earned',
	challenge: 'Challenges you entered',
	// derived on the device from the clock (src/lib/domain/adoptions.ts): digests carry none yet
	adoption: 'Time to report results',
	suggestion: 'Answers to your suggestions',
	survey: 'Surveys that ask you',
	// the server does not read members' following documents: digests carry none yet
	following: 'New posts in what you watch'
};

/** The email for `items` (plain text and HTML), with the actors' display names. */
export function composeDigest(input: {
	displayName: string;
	frequency: 'daily' | 'weekly';
	items: readonly NotificationRow[];
	names: ReadonlyMap<string, string>;
	appUrl: string;
}): { subject: string; text: string; html: string } {
	const { items, appUrl } = input;
	const shown = items.slice(0, DIGEST_MAX_ITEMS);
	const more = items.length - shown.length;
	const period = input.frequency === 'daily' ? 'today' : 'this week';
	const subject = `Praxis: ${items.length} ${items.length === 1 ? 'thing' : 'things'} for you ${period}`;
	const kinds = [...new Set(shown.map((i) => i.kind))];
	const who = (i: NotificationRow) => input.names.get(i.actor) ?? i.actor;
	// "Ana replied …", or a sentence of its own for what no member did (a place given or lost)
	const line = (i: NotificationRow) => (i.actor === SYSTEM_ACTOR ? i.text : `${who(i)} ${i.text}`);
	const htmlLine = (i: NotificationRow) =>
		i.actor === SYSTEM_ACTOR ? escapeHtml(i.text) : `<strong>${escapeHtml(who(i))}</strong> ${escapeHtml(i.text)}`;
	const link = (i: NotificationRow) => new URL(i.href, appUrl).href;
	const settings = new URL('/settings/account', appUrl).href;
	const text = [
		`Hello ${input.displayName},`,
		'',
		`Here is what happened on Praxis ${period}.`,
		...kinds.flatMap((kind) => [
			'',
			`${KIND_HEADINGS[kind]}:`,
			...shown.filter((i) => i.kind === kind).map((i) => `- ${line(i)}\n  ${link(i)}`)
		]),
		...(more > 0 ? ['', `…and ${more} more: ${new URL('/notifications', appUrl).href}`] : []),
		'',
		`You get this email because you asked for a ${input.frequency} digest. Change or stop it on ${settings}`
	].join('\n');
	const html = [
		`<p>Hello ${escapeHtml(input.displayName)},</p>`,
		`<p>Here is what happened on Praxis ${period}.</p>`,
		...kinds.map(
			(kind) =>
				`<h2 style="font-size:1.1em">${escapeHtml(KIND_HEADINGS[kind])}</h2><ul>${shown
					.filter((i) => i.kind === kind)
					.map((i) => `<li><a href="${escapeHtml(link(i))}">${htmlLine(i)}</a></li>`)
					.join('')}</ul>`
		),
		...(more > 0
			? [`<p>…and <a href="${escapeHtml(new URL('/notifications', appUrl).href)}">${more} more</a>.</p>`]
			: []),
		`<p style="color:#555">You get this email because you asked for a ${input.frequency} digest. <a href="${escapeHtml(settings)}">Change or stop it</a>.</p>`
	].join('\n');
	return { subject, text, html };
}

/** Sends the digests that are due at `now`; returns how many were sent. */
export async function sendDueDigests(deps: DigestDeps): Promise<number> {
	const now = (deps.clock ?? (() => new Date()))();
	let sent = 0;
	for (const record of await deps.emails.withDigests()) {
		if (!digestDue(record, now) || !record.address) continue;
		try {
			if (record.communitySeq === undefined || record.privateSeq === undefined) {
				// the first digest covers what happens from the choice on
				const ends = await feedEnds(deps.storage, record.name);
				await deps.emails.update(record.name, (r) => ({
					...ends,
					...r,
					lastDigestAt: r.lastDigestAt ?? now.toISOString()
				}));
				continue;
			}
			const { items, communitySeq, privateSeq } = await digestItems(deps.storage, record.name, record);
			if (items.length > 0) {
				const user = await deps.users.get(record.name);
				const names = new Map<string, string>();
				for (const actor of new Set(items.map((i) => i.actor)))
					if (actor !== SYSTEM_ACTOR) names.set(actor, (await deps.users.get(actor))?.displayName ?? actor);
				const frequency = record.digest === 'weekly' ? 'weekly' : 'daily';
				await deps.mailer.send({
					to: record.address,
					...composeDigest({
						displayName: user?.displayName ?? record.name,
						frequency,
						items,
						names,
						appUrl: deps.appUrl
					})
				});
				sent++;
			}
			await deps.emails.update(record.name, (r) => ({
				...r,
				lastDigestAt: now.toISOString(),
				communitySeq,
				privateSeq
			}));
		} catch (err) {
			deps.log?.(`digest for ${record.name} not sent: ${errorMessage(err)}`);
		}
	}
	return sent;
}

/** Looks for due digests every DIGEST_CHECK_MS (and once shortly after start). */
export function startDigests(deps: DigestDeps): { stop(): void } {
	let running = false;
	const tick = () => {
		if (running) return;
		running = true;
		void sendDueDigests(deps)
			.catch((err) => deps.log?.(`digests failed: ${errorMessage(err)}`))
			.finally(() => (running = false));
	};
	const first = setTimeout(tick, 60_000);
	const timer = setInterval(tick, DIGEST_CHECK_MS);
	first.unref();
	timer.unref();
	return {
		stop() {
			clearTimeout(first);
			clearInterval(timer);
		}
	};
}

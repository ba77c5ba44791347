// Direct messages through a meetup hub. A message lives in its sender's private database, which
// never goes through a hub; at the meetup the sender's device also hands the hub a sealed copy
// (src/lib/domain/sealed.ts: encrypted to the recipient's devices' box keys, which the server
// signed into their certificates), and the recipient's device fetches it from here, opens it,
// checks the sender's signature inside and acknowledges it. The hub holds only what it cannot
// read: who wrote to whom, when, and how many bytes. Once acknowledged, the sealed bytes are
// dropped and only a receipt stays, so the sender's device can say "Delivered through the hub".
// The message itself still reaches the central server from the sender's own sync, exactly once:
// the hub never sends these upstream.
//
//   POST /api/hub/mail        {messages: [{id, to, box}]} → {results: [{id, state} | {id, error, reason}]}
//   GET  /api/hub/mail        → {inbox: [{id, from, to, box, at}], sent: [{id, to, state, deliveredAt?}]}
//   POST /api/hub/mail/ack    {ids} → {acknowledged}
import { Hono, type Context } from 'hono';
import type { AuthService, SessionUser } from '../auth/types';
import type { Storage } from '../storage/index';
import { clientAddress } from '../http/client-address';
import { limitBody } from '../http/body-limit';
import { readJson } from '../http/json';
import { idKey, isValidUsername, ULID_PATTERN } from '../../src/lib/domain/ids';
import { isSealedBox, type SealedBox } from '../../src/lib/domain/sealed';

/** Not a /couch database (access.ts serves only community, files and userdb-*). */
export const HUB_MAIL_DB = 'praxis-hub-mail';
export const MAIL_LIMITS = {
	/** One sealed message, as JSON: a 20,000-character body, signed, encrypted, base64url. */
	BOX_BYTES: 160 * 1024,
	/** Sealed copies for at most this many of a recipient's devices. */
	BOX_KEYS: 20,
	MESSAGES_PER_REQUEST: 20,
	REQUEST_BYTES: 1024 * 1024,
	/** Undelivered messages one sender may leave on the hub. */
	WAITING_PER_SENDER: 200,
	/** Sealed messages and receipts are kept for one evening and a night. */
	KEEP_MS: 24 * 60 * 60 * 1000
} as const;

interface MailDoc {
	_id: string;
	_rev?: string;
	from: string;
	to: string;
	/** When the hub received it. */
	at: string;
	/** Present until the recipient acknowledged it. */
	box?: SealedBox;
	deliveredAt?: string;
}

export interface HubMailDeps {
	storage: Storage;
	auth: AuthService;
	clock?: () => Date;
}

const mailId = (messageId: string) => `mail:${messageId}`;
const isMessageId = (id: unknown): id is string =>
	typeof id === 'string' && id.startsWith('message:') && ULID_PATTERN.test(idKey('message', id));

type Refusal = { id: string; error: string; reason: string };
type Accepted = { id: string; state: 'waiting' | 'delivered' };

/** For the organiser's page: messages delivered this evening, and those waiting for their recipient. */
export async function hubMailFigures(storage: Storage): Promise<{ passed: number; waiting: number }> {
	const res = await storage.db(HUB_MAIL_DB).allDocs({ include_docs: true, startkey: 'mail:', endkey: 'mail:\uffff' });
	let passed = 0;
	let waiting = 0;
	for (const row of res.rows) {
		if ((row.doc as unknown as MailDoc | undefined)?.box) waiting++;
		else passed++;
	}
	return { passed, waiting };
}

export function createHubMailRoutes(deps: HubMailDeps): Hono {
	const clock = deps.clock ?? (() => new Date());
	const db = () => deps.storage.db(HUB_MAIL_DB);
	const app = new Hono();
	let sweptAt = 0;

	async function member(c: Context): Promise<SessionUser | Response> {
		c.header('cache-control', 'no-store');
		const user = await deps.auth.authenticate(c.req.raw, clientAddress(c));
		return user ?? c.json({ error: 'unauthorized', reason: 'present a hub token (Authorization: Bearer)' }, 401);
	}

	/** Cookie-free callers only send JSON; a form cannot, so a page elsewhere cannot post here. */
	function notJson(c: Context): Response | null {
		const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
		return type === 'application/json'
			? null
			: c.json({ error: 'unsupported_media_type', reason: 'send application/json' }, 415);
	}

	async function all(): Promise<MailDoc[]> {
		const res = await db().allDocs({ include_docs: true, startkey: 'mail:', endkey: 'mail:\uffff' });
		return res.rows.flatMap((row) => (row.doc ? [row.doc as unknown as MailDoc] : []));
	}

	/** Forgets what is older than KEEP_MS, at most once a minute. */
	async function sweep(now: number): Promise<void> {
		if (now - sweptAt < 60_000) return;
		sweptAt = now;
		const old = (await all()).filter((d) => now - Date.parse(d.at) > MAIL_LIMITS.KEEP_MS);
		if (old.length > 0) {
			await db().bulkDocs(old.map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true })));
			await db().compact();
		}
	}

	const bodyLimit = limitBody({
		maxSize: MAIL_LIMITS.REQUEST_BYTES,
		onError: (c) =>
			c.json({ error: 'too_large', reason: `send at most ${MAIL_LIMITS.REQUEST_BYTES / 1024} KiB at a time` }, 413)
	});

	app.post('/', bodyLimit, async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const wrongType = notJson(c);
		if (wrongType) return wrongType;
		const body = (await readJson(c)) as { messages?: unknown } | null;
		const messages = body?.messages;
		if (!Array.isArray(messages) || messages.length > MAIL_LIMITS.MESSAGES_PER_REQUEST)
			return c.json(
				{
					error: 'bad_request',
					reason: `send {messages: [{id, to, box}]} with at most ${MAIL_LIMITS.MESSAGES_PER_REQUEST} messages`
				},
				400
			);
		const now = clock();
		await sweep(now.getTime());
		const existing = new Map((await all()).map((d) => [d._id, d]));
		let waiting = [...existing.values()].filter((d) => d.from === user.name && d.box).length;
		const results: Array<Accepted | Refusal> = [];
		const fresh: MailDoc[] = [];
		for (const raw of messages) {
			const m = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
			const id = typeof m.id === 'string' ? m.id : '';
			const refuse = (reason: string) => results.push({ id, error: 'forbidden', reason });
			if (!isMessageId(m.id)) {
				refuse('id must be message:{ulid}');
				continue;
			}
			if (!isValidUsername(m.to) || m.to === user.name) {
				refuse('to must be another member’s username');
				continue;
			}
			if (!isSealedBox(m.box) || m.box.keys.length > MAIL_LIMITS.BOX_KEYS) {
				refuse(`box must be a sealed box for at most ${MAIL_LIMITS.BOX_KEYS} devices`);
				continue;
			}
			if (JSON.stringify(m.box).length > MAIL_LIMITS.BOX_BYTES) {
				refuse(`a sealed message is limited to ${MAIL_LIMITS.BOX_BYTES / 1024} KiB`);
				continue;
			}
			const known = existing.get(mailId(m.id));
			if (known) {
				// sent again (a new connection, a retry): kept as it is
				if (known.from !== user.name || known.to !== m.to) refuse('another message already has this id');
				else results.push({ id, state: known.box ? 'waiting' : 'delivered' });
				continue;
			}
			if (waiting >= MAIL_LIMITS.WAITING_PER_SENDER) {
				refuse(`${MAIL_LIMITS.WAITING_PER_SENDER} of your messages are already waiting here for their recipients`);
				continue;
			}
			waiting += 1;
			const doc: MailDoc = { _id: mailId(m.id), from: user.name, to: m.to, at: now.toISOString(), box: m.box };
			existing.set(doc._id, doc);
			fresh.push(doc);
			results.push({ id, state: 'waiting' });
		}
		if (fresh.length > 0) await db().bulkDocs(fresh);
		return c.json({ results });
	});

	app.get('/', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const docs = await all();
		return c.json({
			inbox: docs
				.filter((d) => d.to === user.name && d.box)
				.map((d) => ({ id: d._id.slice('mail:'.length), from: d.from, to: d.to, box: d.box, at: d.at })),
			sent: docs
				.filter((d) => d.from === user.name)
				.map((d) => ({
					id: d._id.slice('mail:'.length),
					to: d.to,
					state: d.box ? 'waiting' : 'delivered',
					...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {})
				}))
		});
	});

	app.post('/ack', bodyLimit, async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const wrongType = notJson(c);
		if (wrongType) return wrongType;
		const ids = ((await readJson(c)) as { ids?: unknown } | null)?.ids;
		if (!Array.isArray(ids) || ids.length > 500 || !ids.every(isMessageId))
			return c.json({ error: 'bad_request', reason: 'send {ids: ["message:{ulid}", …]}' }, 400);
		const res = await db().allDocs({ include_docs: true, keys: ids.map(mailId) });
		const deliveredAt = clock().toISOString();
		const receipts: MailDoc[] = [];
		for (const row of res.rows) {
			const doc = 'doc' in row ? (row.doc as unknown as MailDoc | null) : null;
			// only the recipient acknowledges; the sealed bytes go, the receipt stays
			if (!doc || doc.to !== user.name || !doc.box) continue;
			receipts.push({ _id: doc._id, _rev: doc._rev, from: doc.from, to: doc.to, at: doc.at, deliveredAt });
		}
		if (receipts.length > 0) {
			await db().bulkDocs(receipts);
			// the sealed revisions are not kept once read (compaction drops old revisions' bodies)
			await db().compact();
		}
		return c.json({ acknowledged: receipts.length });
	});

	return app;
}

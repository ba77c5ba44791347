// Direct messages through a meetup hub, while the member is connected to one (server/hub/mail.ts).
// Each round: my messages still waiting for the central server are sealed to the recipient's
// devices (domain/sealed.ts, box keys from their certificates in my community replica) and left
// on the hub; the hub's answer says which of mine it delivered; messages for me are opened with
// this device's box key, checked (a valid message, from the sender the hub names, to me, signed
// by a certified device of the sender), kept (store/people/hub-mail.ts) and acknowledged.
// The central server still receives each message from its sender's own sync, once; the hub copy
// only bridges the evening. Rounds run every few seconds and at once after a local write.
import { canonicalJSON, verifyDocSignature } from '../domain/signing';
import { isSealedBox, messageAssociatedData, seal, type SealedBox } from '../domain/sealed';
import { isValidUsername } from '../domain/ids';
import { messageSchema } from '../domain/schemas';
import { errorMessage } from '../domain/errors';
import { certificateFinder, revokedIn } from '../pouch/trust-lookups';
import type { ReplicaPort } from '../store/replica-port';
import { hasDeviceStorage } from '../store/kept-keys';
import { serverKeys as keptServerKeys } from './hub-keys';
import * as v from 'valibot';

type Fetch = typeof fetch;

export const HUB_MAIL_ROUND_MS = 3_000;
/** Under the hub's limits (MAIL_LIMITS in server/hub/mail.ts). */
const PER_REQUEST = 20;
const REQUEST_BYTES = 900 * 1024;

export interface HubMailOptions {
	replica: ReplicaPort;
	hubUrl: string;
	/** The hub's fetch, with the member's hub token (hub.ts hubFetch). */
	fetch: Fetch;
	roundMs?: number;
	/** The central server's public keys (default: kept on the device). */
	serverKeys?: () => Promise<ReadonlyMap<string, CryptoKey>>;
	now?: () => Date;
}

export interface HubMailRound {
	sent: number;
	received: number;
	delivered: number;
	/** Messages for me that could not be opened or checked (left on the hub; tried again). */
	unreadable: number;
}

export interface HubMail {
	/** One round now (after the one running). */
	round(): Promise<HubMailRound>;
	stop(): void;
}

interface Inbox {
	inbox: Array<{ id: string; from: string; to: string; box: SealedBox; at: string }>;
	sent: Array<{ id: string; to: string; state: string; deliveredAt?: string }>;
}

function asInbox(body: unknown): Inbox | null {
	const b = body as Partial<Inbox> | null;
	if (!b || !Array.isArray(b.inbox) || !Array.isArray(b.sent)) return null;
	return {
		inbox: b.inbox.filter(
			(m) => typeof m?.id === 'string' && isValidUsername(m.from) && typeof m.at === 'string' && isSealedBox(m.box)
		),
		sent: b.sent.filter((m) => typeof m?.id === 'string' && typeof m.to === 'string' && typeof m.state === 'string')
	};
}

async function defaultServerKeys(): Promise<ReadonlyMap<string, CryptoKey>> {
	if (!hasDeviceStorage()) return new Map();
	return keptServerKeys();
}

export function startHubMail(options: HubMailOptions): HubMail {
	const { replica } = options;
	const mail = replica.hubMail;
	const signing = replica.signing;
	const me = replica.member.name;
	const request = options.fetch;
	const base = `${options.hubUrl}/api/hub/mail`;
	const now = options.now ?? (() => new Date());
	/** Left on this hub in this connection (the hub keeps them; no need to seal them again). */
	const left = new Set<string>();
	/** Reasons already written to the sync log, once each. */
	const logged = new Set<string>();
	let stopped = false;
	/** Read once, until some are known (fetching them waits for the central server's answer). */
	let keys: ReadonlyMap<string, CryptoKey> | null = null;
	let running: Promise<HubMailRound> = Promise.resolve({ sent: 0, received: 0, delivered: 0, unreadable: 0 });
	let timer: ReturnType<typeof setTimeout> | null = null;

	const log = (message: string) => {
		if (logged.has(message)) return;
		logged.add(message);
		void replica.log('warn', message).catch(() => undefined);
	};

	async function json(path: string, init?: RequestInit): Promise<unknown> {
		const response = await request(`${base}${path}`, {
			...init,
			headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) }
		});
		if (!response.ok) throw new Error(`the hub answered ${response.status} to ${path || '/'}`);
		return response.json();
	}

	async function leaveMine(): Promise<number> {
		if (!mail) return 0;
		const waiting = (await mail.outgoing()).filter((m) => !left.has(m._id));
		const boxes: Array<{ id: string; to: string; box: SealedBox }> = [];
		for (const message of waiting) {
			const keys = await mail.boxKeysOf(message.to);
			if (keys.length === 0) continue; // their devices are not known here yet: the central server will carry it
			const bytes = new TextEncoder().encode(canonicalJSON(message));
			boxes.push({
				id: message._id,
				to: message.to,
				box: await seal(bytes, keys, messageAssociatedData(message._id, me, message.to))
			});
		}
		let sent = 0;
		while (boxes.length > 0) {
			const batch: typeof boxes = [];
			let size = 0;
			while (boxes.length > 0 && batch.length < PER_REQUEST) {
				const next = JSON.stringify(boxes[0]).length;
				if (batch.length > 0 && size + next > REQUEST_BYTES) break;
				batch.push(boxes.shift()!);
				size += next;
			}
			const body = (await json('', { method: 'POST', body: JSON.stringify({ messages: batch }) })) as {
				results?: Array<{ id?: unknown; state?: unknown; reason?: unknown }>;
			};
			for (const result of body.results ?? []) {
				if (typeof result.id !== 'string') continue;
				if (result.state === 'waiting' || result.state === 'delivered') {
					left.add(result.id);
					sent++;
				} else if (typeof result.reason === 'string') log(`The meetup hub did not take a message: ${result.reason}`);
			}
		}
		return sent;
	}

	async function checked(item: Inbox['inbox'][number]): Promise<Record<string, unknown> | null> {
		if (!signing || item.to !== me) return null;
		const bytes = await signing.openSealed(item.box, messageAssociatedData(item.id, item.from, me));
		if (!bytes) return null;
		let doc: Record<string, unknown>;
		try {
			doc = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
		} catch {
			return null;
		}
		const parsed = v.safeParse(messageSchema, doc);
		if (!parsed.success || doc._id !== item.id || doc.author !== item.from || doc.to !== me) return null;
		const verdict = await verifyDocSignature(doc, certificateFinder(replica.community), {
			serverKeys: keys?.size ? keys : (keys = await (options.serverKeys ?? defaultServerKeys)()),
			revoked: await revokedIn(replica.community),
			now: now()
		});
		if (!verdict.ok) {
			log(`A message from ${item.from} through the meetup hub could not be checked: ${verdict.reason}`);
			return null;
		}
		return doc;
	}

	async function once(): Promise<HubMailRound> {
		const round: HubMailRound = { sent: 0, received: 0, delivered: 0, unreadable: 0 };
		if (!mail || !signing || stopped) return round;
		round.sent = await leaveMine();
		const box = asInbox(await json(''));
		if (!box) throw new Error('the hub answered something else than its messages');
		const delivered = box.sent
			.filter((m) => m.state === 'delivered')
			.map((m) => ({ id: m.id, to: m.to, at: m.deliveredAt ?? now().toISOString() }));
		await mail.delivered(delivered);
		round.delivered = delivered.length;
		const acked: string[] = [];
		for (const item of box.inbox) {
			const doc = await checked(item);
			if (!doc) {
				round.unreadable++;
				continue;
			}
			if (await mail.received(doc, item.at)) round.received++;
			acked.push(item.id);
		}
		if (acked.length > 0) await json('/ack', { method: 'POST', body: JSON.stringify({ ids: acked }) });
		await mail.prune();
		return round;
	}

	function schedule(): void {
		if (stopped) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => void next(), options.roundMs ?? HUB_MAIL_ROUND_MS);
	}

	/** A round is waiting to start: later triggers join it (a burst of writes makes one round). */
	let queued = false;
	function next(): Promise<HubMailRound> {
		if (queued) return running;
		queued = true;
		running = running
			.catch(() => undefined)
			.then(() => {
				queued = false;
				return once();
			})
			.catch((err: unknown) => {
				// the hub's connection state is the sync controller's to report; this only notes why
				log(`Messages through the meetup hub: ${errorMessage(err)}`);
				return { sent: 0, received: 0, delivered: 0, unreadable: 0 };
			})
			.finally(schedule);
		return running;
	}

	const unsubscribe = replica.onLocalChange(() => void next());
	void next();
	return {
		round: next,
		stop() {
			stopped = true;
			unsubscribe();
			if (timer) clearTimeout(timer);
		}
	};
}

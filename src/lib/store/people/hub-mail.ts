/// <reference types="pouchdb-core" />
// The device's side of direct messages through a meetup hub (sync/hub-mail.ts carries them). A
// message stays in its sender's private database and reaches the central server from there as
// always; at the meetup the sync layer also seals it for the recipient's devices and leaves it on
// the hub. What this module keeps (the `hubMail` table, device state that a rebuild keeps):
//   'in'  a message another member sent through a hub, verified, shown in the conversation until
//         the central server's copy arrives (same id: the conversation shows it once);
//   'out' a receipt: the hub handed one of my messages to its recipient's device.
import type { Table } from 'dexie';
import * as v from 'valibot';
import type { StoreContext } from '../context';
import { cleanDoc } from '../context';
import { eventsTables, type MessageRow } from '../events/tables';
import { messageSchema } from '../../domain/schemas';
import { idRange } from '../../domain/ids';
import type { DeviceCertificate } from '../../domain/signing';
import type { BoxRecipient } from '../../domain/sealed';
import { revokedIn } from '../../pouch/trust-lookups';
import { notificationsFor } from '../../domain/notifications';

export interface HubMailRow {
	id: string;
	kind: 'in' | 'out';
	/** The other member of the conversation. */
	peer: string;
	from: string;
	to: string;
	/** The message ('in' only). */
	body?: string;
	createdAt: string;
	/** When it came through the hub ('in'), or when the hub delivered it ('out'). */
	at: string;
}

/** A signed message of mine the central server has not acknowledged yet. */
export type OutgoingMessage = Record<string, unknown> & { _id: string; to: string; author: string };

function table(ctx: StoreContext): Table<HubMailRow, string> {
	return ctx.db.table<HubMailRow, string>('hubMail');
}

/**
 * My messages still waiting for the central server (in the outbox), signed by this device, that
 * no hub has delivered yet: what to leave on a hub. Without `_rev`: the signature does not cover it.
 */
export async function outgoingForHub(ctx: StoreContext): Promise<OutgoingMessage[]> {
	const pending = (await ctx.db.outbox.where('db').equals('private').toArray()).filter(
		(row) => row.id.startsWith('message:') && !row.deleted
	);
	if (pending.length === 0) return [];
	const delivered = await table(ctx).bulkGet(pending.map((row) => row.id));
	const wanted = pending.filter((_, i) => delivered[i]?.kind !== 'out').map((row) => row.id);
	const res = await ctx.private.allDocs({ keys: wanted, include_docs: true });
	const out: OutgoingMessage[] = [];
	for (const row of res.rows) {
		const doc = 'doc' in row && row.doc ? cleanDoc(row.doc as unknown as Record<string, unknown>) : null;
		if (!doc || !v.safeParse(messageSchema, doc).success) continue;
		if (doc.author !== ctx.member.name || typeof doc.signature !== 'object' || doc.signature === null) continue;
		const { _rev: _r, ...content } = doc;
		out.push(content as OutgoingMessage);
	}
	return out;
}

/** The box keys of `member`'s certified devices this device knows: unexpired, unrevoked. */
export async function boxKeysOf(ctx: StoreContext, member: string, now = new Date()): Promise<BoxRecipient[]> {
	const res = await ctx.community.allDocs({ include_docs: true, ...idRange('device') });
	const revoked = await revokedIn(ctx.community);
	return res.rows.flatMap((row) => {
		const cert = row.doc as Partial<DeviceCertificate> | undefined;
		if (!cert || cert.author !== member || typeof cert.boxKey !== 'string' || typeof cert._id !== 'string') return [];
		if (revoked.has(cert._id) || !(Date.parse(cert.expiresAt ?? '') > now.getTime())) return [];
		return [{ device: cert._id, boxKey: cert.boxKey }];
	});
}

/**
 * Keeps a message another member sent me through a hub (the caller verified its signature).
 * Nothing when the central server's copy is already here. Returns whether it was new.
 */
export async function receivedThroughHub(
	ctx: StoreContext,
	doc: Record<string, unknown>,
	at: string
): Promise<boolean> {
	const parsed = v.safeParse(messageSchema, doc);
	if (!parsed.success || parsed.output.to !== ctx.member.name) return false;
	const m = parsed.output;
	const { messages, notifications } = eventsTables(ctx.db);
	// the same row (id `message:{id}`) the private feed derives when the server's copy arrives
	const notes = await notificationsFor(doc, ctx.member.name, { get: async () => null, myRsvp: async () => null });
	return ctx.db.transaction('rw', [table(ctx), messages, notifications], async () => {
		if ((await messages.get(m._id)) || (await table(ctx).get(m._id))) return false;
		if (notes.length > 0) await notifications.bulkPut(notes);
		await table(ctx).put({
			id: m._id,
			kind: 'in',
			peer: m.author,
			from: m.author,
			to: m.to,
			body: m.body,
			createdAt: m.createdAt,
			at
		});
		return true;
	});
}

/** The hub handed these messages of mine to their recipient. */
export async function deliveredThroughHub(
	ctx: StoreContext,
	delivered: ReadonlyArray<{ id: string; to: string; at: string }>
): Promise<void> {
	if (delivered.length === 0) return;
	const existing = await table(ctx).bulkGet(delivered.map((d) => d.id));
	const fresh = delivered.filter((_, i) => !existing[i]);
	if (fresh.length === 0) return;
	// the conversation shows when, so the message's own time is kept on the row
	const messages = await eventsTables(ctx.db).messages.bulkGet(fresh.map((d) => d.id));
	await table(ctx).bulkPut(
		fresh.map((d, i) => ({
			id: d.id,
			kind: 'out' as const,
			peer: d.to,
			from: ctx.member.name,
			to: d.to,
			createdAt: messages[i]?.createdAt ?? d.at,
			at: d.at
		}))
	);
}

/** How a message in a conversation travelled, beside the central server. */
export type HubPath = 'received' | 'delivered' | null;

/**
 * The conversation's messages from both sources: the private replica's projection and what came
 * through a hub (until the same id arrives from the central server). Oldest first.
 */
export async function messagesWithHub(
	ctx: StoreContext,
	rows: MessageRow[],
	peer?: string
): Promise<Array<MessageRow & { hub: HubPath }>> {
	const hub = table(ctx);
	const relayed = peer
		? await hub.where('[peer+createdAt]').between([peer, ''], [peer, '\uffff']).toArray()
		: await hub.toArray();
	const byId = new Map(relayed.map((r) => [r.id, r]));
	const known = new Set(rows.map((r) => r.id));
	const merged: Array<MessageRow & { hub: HubPath }> = rows.map((r) => ({
		...r,
		hub: byId.get(r.id)?.kind === 'out' ? 'delivered' : null
	}));
	for (const r of relayed)
		if (r.kind === 'in' && !known.has(r.id))
			merged.push({
				id: r.id,
				peer: r.peer,
				from: r.from,
				to: r.to,
				body: r.body ?? '',
				createdAt: r.createdAt,
				hub: 'received'
			});
	return merged.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/**
 * Forgets what the central server made unnecessary (keeps the table small): a received message
 * once its copy from the server is here, a receipt once the server acknowledged my message.
 */
export async function pruneHubMail(ctx: StoreContext): Promise<void> {
	const rows = await table(ctx).toArray();
	if (rows.length === 0) return;
	const ids = rows.map((r) => r.id);
	const [copies, pending] = await Promise.all([eventsTables(ctx.db).messages.bulkGet(ids), ctx.db.outbox.bulkGet(ids)]);
	const done = rows.filter((r, i) => (r.kind === 'in' ? copies[i] : !pending[i])).map((r) => r.id);
	if (done.length > 0) await table(ctx).bulkDelete(done);
}

// Members' email addresses and digest choices, in the server-only USERS_DB as `email:{name}`
// (never replicated, never reachable through /couch). An address counts once confirmed through
// the link sent to it: until then it is `pending`, with the SHA-256 of the link's token.
import { createHash, randomBytes } from 'node:crypto';
import { USERS_DB, type Storage } from '../storage/index';
import { idRange } from '../../src/lib/domain/ids';

export type DigestFrequency = 'off' | 'daily' | 'weekly';
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['off', 'daily', 'weekly'];

export interface EmailRecord {
	_id: string;
	_rev?: string;
	name: string;
	/** The confirmed address, if any. */
	address?: string;
	confirmedAt?: string;
	/** An address waiting for its confirmation link. */
	pending?: { address: string; tokenHash: string; expiresAt: string };
	digest: DigestFrequency;
	/** The last digest sent, and how far through each feed it went. */
	lastDigestAt?: string;
	communitySeq?: string | number;
	privateSeq?: string | number;
}

/** How long a confirmation link works. */
export const CONFIRM_TTL_MS = 48 * 60 * 60 * 1000;

const docId = (name: string) => `email:${name}`;
const tokenDocId = (hash: string) => `email-token:${hash}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface EmailStore {
	get(name: string): Promise<EmailRecord | null>;
	/** Sets a pending address; returns the token for the confirmation link. */
	setPending(name: string, address: string, now: Date): Promise<string>;
	/** Confirms the pending address holding this token; the member's name, or null. */
	confirm(token: string, now: Date): Promise<string | null>;
	remove(name: string): Promise<void>;
	/** Deletes everything kept about the member's email: the record and their confirmation links (account deletion). */
	forget(name: string): Promise<void>;
	update(name: string, change: (record: EmailRecord) => EmailRecord): Promise<EmailRecord | null>;
	/** Every member with a confirmed address and a digest on. */
	withDigests(): Promise<EmailRecord[]>;
}

export function createEmailStore(storage: Storage): EmailStore {
	const db = () => storage.db(USERS_DB);

	async function get(name: string): Promise<EmailRecord | null> {
		try {
			const doc = await db().get<EmailRecord>(docId(name));
			return { ...doc, digest: DIGEST_FREQUENCIES.includes(doc.digest) ? doc.digest : 'off' };
		} catch (err) {
			if ((err as { status?: number }).status === 404) return null;
			throw err;
		}
	}

	async function update(name: string, change: (record: EmailRecord) => EmailRecord): Promise<EmailRecord | null> {
		for (let attempt = 0; attempt < 5; attempt++) {
			const current = (await get(name)) ?? { _id: docId(name), name, digest: 'off' as const };
			const next = change(current);
			try {
				const res = await db().put(next);
				return { ...next, _rev: res.rev };
			} catch (err) {
				if ((err as { status?: number }).status !== 409) throw err;
			}
		}
		return null;
	}

	return {
		get,
		update,
		async setPending(name, address, now) {
			const token = randomBytes(24).toString('base64url');
			const expiresAt = new Date(now.getTime() + CONFIRM_TTL_MS).toISOString();
			const tokenHash = sha256(token);
			await update(name, (r) => ({ ...r, pending: { address, tokenHash, expiresAt } }));
			// looked up by its hash when the link is opened
			await db().put({ _id: tokenDocId(tokenHash), name, expiresAt });
			return token;
		},
		async confirm(token, now) {
			if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
			const hash = sha256(token);
			let link: { _id: string; _rev: string; name: string };
			try {
				link = await db().get<{ name: string }>(tokenDocId(hash));
			} catch (err) {
				if ((err as { status?: number }).status === 404) return null;
				throw err;
			}
			await db()
				.remove(link._id, link._rev)
				.catch(() => {}); // single use
			const match = await get(link.name);
			if (!match?.pending || match.pending.tokenHash !== hash || Date.parse(match.pending.expiresAt) <= now.getTime())
				return null;
			const address = match.pending.address;
			await update(match.name, (r) => {
				const { pending: _, ...rest } = r;
				return { ...rest, address, confirmedAt: now.toISOString() };
			});
			return match.name;
		},
		async remove(name) {
			await update(name, (r) => ({ _id: r._id, _rev: r._rev, name, digest: 'off' }));
		},
		async forget(name) {
			const links = await db().allDocs({ include_docs: true, ...idRange('email-token') });
			const theirs = links.rows.filter((row) => (row.doc as { name?: unknown } | undefined)?.name === name);
			const record = await get(name);
			const gone = [
				...theirs.map((row) => ({ _id: row.id, _rev: row.value.rev })),
				...(record?._rev ? [{ _id: record._id, _rev: record._rev }] : [])
			];
			if (gone.length > 0) await db().bulkDocs(gone.map((doc) => ({ ...doc, _deleted: true })));
		},
		async withDigests() {
			const res = await db().allDocs<EmailRecord>({ include_docs: true, ...idRange('email') });
			return res.rows
				.flatMap((row) => (row.doc ? [row.doc] : []))
				.filter((r) => r.address && (r.digest === 'daily' || r.digest === 'weekly'));
		}
	};
}

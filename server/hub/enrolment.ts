// Enrolled meetup hubs, on the upstream: `hub:{name}` records in the server-only USERS_DB holding
// a SHA-256 of a random 256-bit secret (high entropy: a slow hash adds nothing). The credential a
// hub is started with is `praxis-hub:{name}:{secret}`, sent as `Authorization: Bearer …`.
// `npm run admin -- enrol-hub|revoke-hub|list-hubs` (server/admin.ts) drive this.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Storage } from '../storage/index';
import { USERS_DB } from '../storage/index';
import { idRange, USERNAME_PATTERN } from '../../src/lib/domain/ids';

export const HUB_CREDENTIAL_PREFIX = 'praxis-hub:';
/** How long a hub lookup is trusted (a revocation through COUCHDB_URL takes effect within it). */
export const HUB_CACHE_MS = 5_000;

export interface HubRecord {
	_id: string;
	_rev?: string;
	type: 'hub';
	name: string;
	secretHash: string;
	createdAt: string;
	revokedAt?: string;
	/** When the hub last presented its credential (kept at most every CONTACT_WRITE_MS). */
	lastContactAt?: string;
	/**
	 * The hub's own Ed25519 public key (raw, base64url), as the hub last registered it
	 * (PUT /api/hubs/key): published for checking the updates files it signs. A new enrolment
	 * starts without one.
	 */
	publicKey?: string;
	keyRegisteredAt?: string;
}

/** An enrolled, unrevoked hub's key as `GET /api/auth/keys` publishes it. */
export interface PublishedHubKey {
	name: string;
	publicKey: string;
}

/** How often a hub's last contact is written down (it authenticates on every request). */
export const CONTACT_WRITE_MS = 60_000;

export interface HubRegistry {
	/** A new credential for `name` (shown once); refuses a name that is enrolled and not revoked. */
	enrol(name: string): Promise<{ credential: string } | { refused: string }>;
	/** False when no such hub is enrolled. */
	revoke(name: string): Promise<boolean>;
	list(): Promise<HubRecord[]>;
	/** The hub's name for a valid, unrevoked credential, else null. */
	authenticate(credential: string): Promise<string | null>;
	/** Keeps `publicKey` as the hub's key (replacing any other); false when it is gone or revoked. */
	setKey(name: string, publicKey: string): Promise<boolean>;
	/** The registered keys of hubs enrolled and not revoked. */
	publishedKeys(): Promise<PublishedHubKey[]>;
}

export const isHubName = (name: string): boolean => USERNAME_PATTERN.test(name);
export const isHubCredential = (token: string): boolean => token.startsWith(HUB_CREDENTIAL_PREFIX);
const hubDocId = (name: string): string => `hub:${name}`;
const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

export function parseHubCredential(credential: string): { name: string; secret: string } | null {
	if (!isHubCredential(credential)) return null;
	const rest = credential.slice(HUB_CREDENTIAL_PREFIX.length);
	const colon = rest.indexOf(':');
	if (colon <= 0) return null;
	const name = rest.slice(0, colon);
	const secret = rest.slice(colon + 1);
	return isHubName(name) && /^[A-Za-z0-9_-]{20,}$/.test(secret) ? { name, secret } : null;
}

export function createHubRegistry(storage: Storage, clock: () => Date = () => new Date()): HubRegistry {
	const db = () => storage.db(USERS_DB);
	const cache = new Map<string, { record: HubRecord | null; at: number }>();
	const contactWritten = new Map<string, number>();

	/** Records the hub's contact, at most once a CONTACT_WRITE_MS; a failure only loses the time. */
	function noteContact(name: string): void {
		const at = clock();
		if (at.getTime() - (contactWritten.get(name) ?? -Infinity) < CONTACT_WRITE_MS) return;
		contactWritten.set(name, at.getTime());
		void (async () => {
			for (let attempt = 0; attempt < 3; attempt++) {
				const record = await get(name);
				if (!record || record.revokedAt) return;
				try {
					await db().put({ ...record, lastContactAt: at.toISOString() });
					return;
				} catch (err) {
					if ((err as { status?: number }).status !== 409) return;
				}
			}
		})().catch(() => {});
	}

	async function get(name: string): Promise<HubRecord | null> {
		try {
			const doc = (await db().get(hubDocId(name))) as Partial<HubRecord>;
			return doc.type === 'hub' && typeof doc.secretHash === 'string' ? (doc as HubRecord) : null;
		} catch (err) {
			if ((err as { status?: number }).status === 404) return null;
			throw err;
		}
	}

	async function list(): Promise<HubRecord[]> {
		const res = await db().allDocs<HubRecord>({ include_docs: true, ...idRange('hub') });
		return res.rows.flatMap((row) => (row.doc ? [row.doc] : [])).filter((r) => r.type === 'hub');
	}

	return {
		async enrol(name) {
			if (!isHubName(name)) return { refused: `a hub name is 3–32 of a-z 0-9 _ -` };
			const existing = await get(name);
			if (existing && !existing.revokedAt)
				return { refused: `hub ${name} is already enrolled: revoke it first to issue a new credential` };
			const secret = randomBytes(32).toString('base64url');
			const record: HubRecord = {
				_id: hubDocId(name),
				type: 'hub',
				name,
				secretHash: sha256(secret).toString('hex'),
				createdAt: clock().toISOString()
			};
			await db().put(existing?._rev ? { ...record, _rev: existing._rev } : record);
			cache.delete(name);
			return { credential: `${HUB_CREDENTIAL_PREFIX}${name}:${secret}` };
		},
		async revoke(name) {
			// retried: the hub's last contact may be written at the same moment
			for (let attempt = 0; ; attempt++) {
				const existing = await get(name);
				if (!existing) return false;
				try {
					if (!existing.revokedAt) await db().put({ ...existing, revokedAt: clock().toISOString() });
					break;
				} catch (err) {
					if ((err as { status?: number }).status !== 409 || attempt >= 4) throw err;
				}
			}
			cache.delete(name);
			return true;
		},
		list,
		async authenticate(credential) {
			const parsed = parseHubCredential(credential);
			if (!parsed) return null;
			const hit = cache.get(parsed.name);
			const record = hit && Date.now() - hit.at < HUB_CACHE_MS ? hit.record : await get(parsed.name);
			if (!hit || hit.record !== record) cache.set(parsed.name, { record, at: Date.now() });
			if (!record || record.revokedAt) return null;
			const expected = Buffer.from(record.secretHash, 'hex');
			const given = sha256(parsed.secret);
			const valid =
				expected.length === given.length && timingSafeEqual(new Uint8Array(expected), new Uint8Array(given));
			if (valid) noteContact(record.name);
			return valid ? record.name : null;
		},
		async setKey(name, publicKey) {
			// retried: the hub's last contact may be written at the same moment
			for (let attempt = 0; ; attempt++) {
				const existing = await get(name);
				if (!existing || existing.revokedAt) return false;
				if (existing.publicKey === publicKey) return true;
				try {
					await db().put({ ...existing, publicKey, keyRegisteredAt: clock().toISOString() });
					return true;
				} catch (err) {
					if ((err as { status?: number }).status !== 409 || attempt >= 4) throw err;
				}
			}
		},
		async publishedKeys() {
			return (await list()).flatMap((r) =>
				!r.revokedAt && typeof r.publicKey === 'string' ? [{ name: r.name, publicKey: r.publicKey }] : []
			);
		}
	};
}

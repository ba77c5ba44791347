// What a hub keeps from its last contact with the upstream, in DATA_DIR/hub-state.json: the
// upstream's public keys and the enrolled hubs' keys it publishes (GET /api/auth/keys), revocation
// list and privileged members' roles (GET /api/auth/revocations).
// With them the hub verifies members' tokens and signatures while the upstream is unreachable.
// At each contact the hub also tells the upstream its own public key (PUT /api/hubs/key), which
// signs the updates files it saves, so that the central server can vouch for them.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, type JWK, type JWTVerifyGetKey } from 'jose';
import { publicKeysFromJwks } from '../devices/server-key';
import { importPublicKey } from '../../src/lib/domain/signing';
import type { PublishedHubKey } from './enrolment';
import { isRole } from '../auth/users';
import type { Role } from '../../src/lib/domain/schemas';

export const HUB_STATE_FILE = 'hub-state.json';

/** Every field of a JWK is optional: any object is one until jose imports it. */
const isKeyObject = (k: unknown): k is JWK => typeof k === 'object' && k !== null;

export interface HubStateData {
	upstream: string;
	/** As the upstream published them; jose and publicKeysFromJwks check each key when they import it. */
	keys: JWK[];
	revokedDevices: string[];
	revokedTokens: string[];
	/** Members holding roles beyond `member` (moderators, reviewers, admins), by name. */
	roles: Record<string, Role[]>;
	/** Enrolled hubs' keys as the upstream published them (this hub's own among them once registered). */
	hubs: PublishedHubKey[];
	/** When keys and revocations were last fetched, or null before the first contact. */
	fetchedAt: string | null;
}

export interface HubState {
	data(): HubStateData;
	/** Fetches keys and revocations from the upstream; false (state kept) when it cannot. */
	refresh(): Promise<boolean>;
	/** For jose's jwtVerify: the upstream key named by a token's kid. */
	jwtKeys(): JWTVerifyGetKey;
	/** For signature checks: the upstream keys as WebCrypto keys by kid. */
	cryptoKeys(): Promise<ReadonlyMap<string, CryptoKey>>;
	revokedDevices(): ReadonlySet<string>;
	revokedTokens(): ReadonlySet<string>;
	/** Privileged members' roles from the last contact. */
	roles(): ReadonlyMap<string, readonly Role[]>;
}

export interface HubStateDeps {
	dataDir: string;
	/** The upstream's base URL (https://praxis.example.org). */
	upstream: string;
	credential: string;
	fetch?: typeof fetch;
	clock?: () => Date;
	timeoutMs?: number;
	/** This hub's own public key (raw, base64url) to register upstream, or null while it has none. */
	ownPublicKey?: () => Promise<string | null>;
}

const strings = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** `[{name, publicKey}]` as the upstream sent or the state file kept it, invalid entries dropped. */
export function hubKeyList(value: unknown): PublishedHubKey[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((entry: unknown) => {
		const { name, publicKey } = (entry ?? {}) as Partial<Record<keyof PublishedHubKey, unknown>>;
		return typeof name === 'string' && typeof publicKey === 'string' ? [{ name, publicKey }] : [];
	});
}

/** The published hubs' keys as WebCrypto keys by hub name; malformed ones are skipped. */
export async function importHubKeys(list: readonly PublishedHubKey[]): Promise<Map<string, CryptoKey>> {
	const out = new Map<string, CryptoKey>();
	for (const { name, publicKey } of list) {
		const key = await importPublicKey(publicKey);
		if (key) out.set(name, key);
	}
	return out;
}

/** `{name: roles}` as the upstream sent or the state file kept it, invalid entries dropped. */
function rolesMap(value: unknown): Record<string, Role[]> {
	const out: Record<string, Role[]> = {};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
	for (const [name, roles] of Object.entries(value)) if (Array.isArray(roles)) out[name] = roles.filter(isRole);
	return out;
}

function readState(path: string, upstream: string): HubStateData {
	const empty: HubStateData = {
		upstream,
		keys: [],
		revokedDevices: [],
		revokedTokens: [],
		roles: {},
		hubs: [],
		fetchedAt: null
	};
	if (!existsSync(path)) return empty;
	try {
		const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<HubStateData>;
		// Keys of another upstream must not be trusted for this one.
		if (raw.upstream !== upstream) return empty;
		const keys = Array.isArray(raw.keys) ? raw.keys.filter(isKeyObject) : [];
		return {
			upstream,
			keys,
			revokedDevices: strings(raw.revokedDevices),
			revokedTokens: strings(raw.revokedTokens),
			roles: rolesMap(raw.roles),
			hubs: hubKeyList(raw.hubs),
			fetchedAt: typeof raw.fetchedAt === 'string' ? raw.fetchedAt : null
		};
	} catch {
		return empty;
	}
}

export function createHubState(deps: HubStateDeps): HubState {
	const path = join(deps.dataDir, HUB_STATE_FILE);
	const doFetch = deps.fetch ?? fetch;
	const clock = deps.clock ?? (() => new Date());
	let state = readState(path, deps.upstream);
	let derived: {
		jwt: JWTVerifyGetKey;
		crypto: Promise<Map<string, CryptoKey>>;
		devices: Set<string>;
		tokens: Set<string>;
		roles: Map<string, Role[]>;
	} | null = null;
	const view = () =>
		(derived ??= {
			jwt: createLocalJWKSet({ keys: state.keys }),
			crypto: publicKeysFromJwks(state.keys),
			devices: new Set(state.revokedDevices),
			tokens: new Set(state.revokedTokens),
			roles: new Map(Object.entries(state.roles))
		});

	async function getJson(path: string): Promise<unknown> {
		const res = await doFetch(new URL(path, deps.upstream), {
			headers: { authorization: `Bearer ${deps.credential}`, accept: 'application/json' },
			signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000)
		});
		if (!res.ok) throw new Error(`${path} answered ${res.status}`);
		return res.json();
	}

	/** Tells the upstream this hub's key; a failure (an older upstream, a network cut) waits for the next contact. */
	async function registerOwnKey(): Promise<void> {
		const publicKey = await deps.ownPublicKey?.();
		if (!publicKey) return;
		try {
			await doFetch(new URL('/api/hubs/key', deps.upstream), {
				method: 'PUT',
				headers: { authorization: `Bearer ${deps.credential}`, 'content-type': 'application/json' },
				body: JSON.stringify({ publicKey }),
				signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000)
			});
		} catch {
			// registered at the next contact
		}
	}

	return {
		data: () => state,
		async refresh() {
			try {
				// registered first, so that the keys fetched next already list it
				await registerOwnKey();
				const [jwks, revocations] = await Promise.all([getJson('/api/auth/keys'), getJson('/api/auth/revocations')]);
				const { keys, hubs } = jwks as { keys?: unknown; hubs?: unknown };
				if (!Array.isArray(keys) || keys.length === 0) throw new Error('the upstream published no keys');
				const r = revocations as { devices?: unknown; tokens?: unknown; roles?: unknown };
				state = {
					upstream: deps.upstream,
					keys,
					revokedDevices: strings(r.devices),
					revokedTokens: strings(r.tokens),
					roles: rolesMap(r.roles),
					hubs: hubKeyList(hubs),
					fetchedAt: clock().toISOString()
				};
				derived = null;
				mkdirSync(deps.dataDir, { recursive: true });
				writeFileSync(path + '.tmp', JSON.stringify(state, null, '\t') + '\n', { mode: 0o600 });
				renameSync(path + '.tmp', path);
				return true;
			} catch {
				return false;
			}
		},
		jwtKeys: () => view().jwt,
		cryptoKeys: () => view().crypto,
		revokedDevices: () => view().devices,
		revokedTokens: () => view().tokens,
		roles: () => view().roles
	};
}

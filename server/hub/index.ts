// Hub mode: the same server, started with --hub --upstream URL --hub-credential X,
// serving attendees on the LAN and replicating `community` with the upstream. createHub builds
// what createApp needs in hub mode (auth from the upstream's tokens, routes, CORS, verifier);
// start() begins replication and keeps the upstream's keys and revocations fresh.
import type { Hono, MiddlewareHandler } from 'hono';
import type { AuthService } from '../auth/types';
import type { Storage } from '../storage/index';
import type { Role } from '../../src/lib/domain/schemas';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import { createSignatureVerifier, type SignatureVerifier } from '../devices/verify';
import { createHubState, type HubState } from './state';
import { createHubAuth } from './hub-auth';
import { createHubRoutes } from './routes';
import { parseHubCredential } from './enrolment';
import { hubCors } from './cors';
import { startHubReplication, type HubReplication } from './replicator';
import { createHubMailRoutes, hubMailFigures } from './mail';
import { watchNetwork } from './network-watch';
import { createOrganiserAccess, type OrganiserAccess } from './organiser/access';
import { createEveningLedger, type EveningLedger } from './organiser/evening';
import { createOrganiserApi, createOrganiserPages, isOrganiser } from './organiser/routes';
import { profileId } from '../../src/lib/domain/ids';
import { exportPublicKey } from '../../src/lib/domain/signing';

/** How often keys and revocations are fetched again while the upstream is reachable. */
export const HUB_REFRESH_MS = 5 * 60_000;

export interface HubOptions {
	storage: Storage;
	dataDir: string;
	upstream: string;
	credential: string;
	clock?: () => Date;
	log?: (line: string) => void;
	fetch?: typeof fetch;
}

/** What createApp takes in hub mode (AppDeps.hub). */
export interface HubAppParts {
	auth: AuthService;
	/** Mounted at /api. */
	routes: Hono;
	/** Sealed direct messages (mail.ts), mounted at /api/hub/mail before /api: they exceed its body limit. */
	mail?: Hono;
	cors: MiddlewareHandler;
	verifier: SignatureVerifier;
	/** A member's roles as the upstream gave them at the last contact (member rights when not listed). */
	rolesOf(name: string): readonly Role[];
	/** The central server's origin: where members' accounts and their Praxis live. */
	upstream: string;
	/** The organiser's page and the hub's landing page, given how to export the hub's documents. */
	organiser(deps: OrganiserDeps): OrganiserParts;
	/** The hub's enrolled name (from its credential): its updates files are signed `hub:{name}`. */
	name: string | null;
	/**
	 * Gives the hub its own public key (this server's key, which createApp holds): registered with
	 * the upstream at each contact so the central server can vouch for the hub's updates files.
	 */
	useOwnKey(publicKey: () => Promise<CryptoKey>): void;
}

export interface OrganiserDeps {
	exportBundle: () => Promise<{ bytes: Uint8Array<ArrayBuffer>; count: number }>;
}

export interface OrganiserParts {
	/** Mounted at the root, after /api and /couch: /hub, its two files, and every other page path. */
	pages: Hono;
	/** Mounted at /api/hub/organiser. */
	api: Hono;
	/** Whether a request comes from the organiser (an updates file may be opened with that alone). */
	isOrganiser(req: Request): boolean;
}

export interface Hub extends HubAppParts {
	state: HubState;
	/** The code printed at start that opens the organiser's page. */
	organiserAccess: OrganiserAccess;
	ledger: EveningLedger;
	/** First contact (keys, revocations) then live replication; resolves once both are started. */
	start(): Promise<void>;
	replication(): HubReplication | null;
	stop(): Promise<void>;
}

export function createHub(options: HubOptions): Hub {
	const clock = options.clock ?? (() => new Date());
	const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
	let ownKey: (() => Promise<CryptoKey>) | null = null;
	const state = createHubState({
		dataDir: options.dataDir,
		upstream: options.upstream,
		credential: options.credential,
		fetch: options.fetch,
		clock,
		ownPublicKey: async () => (ownKey ? exportPublicKey(await ownKey()) : null)
	});
	const name = parseHubCredential(options.credential)?.name ?? null;
	const ledger = createEveningLedger(clock);
	const auth = createHubAuth(state, clock, (name) => ledger.memberSeen(name));
	const organiserAccess = createOrganiserAccess({ credential: options.credential });
	const local = options.storage.db(COMMUNITY_DB);
	const rolesOf = (name: string): readonly Role[] => state.roles().get(name) ?? ['member'];
	const verifier = createSignatureVerifier({
		storage: options.storage,
		serverKeys: () => state.cryptoKeys(),
		clock,
		extraRevoked: () => state.revokedDevices(),
		rolesOf: async (name) => rolesOf(name)
	});
	let replication: HubReplication | null = null;
	let timer: NodeJS.Timeout | null = null;
	let lastRefresh = 0;
	let lastOk = false;
	let feed: PouchDB.Core.Changes<object> | null = null;
	let stopWatching: (() => void) | null = null;

	const displayNames = async (names: readonly string[]): Promise<Map<string, string>> => {
		if (names.length === 0) return new Map();
		const { rows } = await local.allDocs({ keys: names.map(profileId), include_docs: true });
		const found = new Map<string, string>();
		names.forEach((name, i) => {
			const doc = (rows[i] as { doc?: { displayName?: unknown } | null }).doc;
			if (typeof doc?.displayName === 'string') found.set(name, doc.displayName);
		});
		return found;
	};

	const refresh = async (): Promise<boolean> => {
		lastRefresh = Date.now();
		const ok = (lastOk = await state.refresh());
		if (!ok && state.data().fetchedAt === null)
			log(
				`hub: cannot reach ${options.upstream} yet and has no keys from an earlier contact: members cannot sign in until it does`
			);
		return ok;
	};

	const routes = createHubRoutes({
		auth,
		state,
		upstream: options.upstream,
		name,
		replication: () => replication
	});

	return {
		auth,
		verifier,
		rolesOf,
		state,
		upstream: options.upstream,
		routes,
		mail: createHubMailRoutes({ storage: options.storage, auth, clock }),
		cors: hubCors(options.upstream),
		replication: () => replication,
		organiserAccess,
		ledger,
		name,
		useOwnKey(publicKey) {
			ownKey = publicKey;
		},
		organiser(deps) {
			const routeDeps = {
				access: organiserAccess,
				status: {
					ledger,
					replication: () => replication,
					upstreamHost: new URL(options.upstream).host,
					displayNames,
					messages: () => hubMailFigures(options.storage),
					clock
				},
				upstream: options.upstream,
				retryNow: () => replication?.retryNow() ?? null,
				exportBundle: deps.exportBundle,
				clock
			};
			return {
				pages: createOrganiserPages(routeDeps),
				api: createOrganiserApi(routeDeps),
				isOrganiser: (req) => isOrganiser(organiserAccess, req)
			};
		},
		async start() {
			await refresh();
			// before the replication, so what the first pull brings is told apart from attendees' writes
			feed = local
				.changes({ since: 'now', live: true })
				.on('change', (change) => ledger.changed(change.id, change.changes[0].rev));
			replication = startHubReplication({
				local,
				onEvent: (event) => ledger.replicationEvent(event),
				upstream: options.upstream,
				credential: options.credential,
				log,
				onContact: () => {
					if (!lastOk || Date.now() - lastRefresh > HUB_REFRESH_MS) void refresh();
				}
			});
			timer = setInterval(() => void refresh(), HUB_REFRESH_MS);
			timer.unref();
			// a new network (the hall's Wi-Fi back, the laptop moved): try the central server at once
			stopWatching = watchNetwork({ onChange: () => void replication?.retryNow() });
		},
		async stop() {
			if (timer) clearInterval(timer);
			stopWatching?.();
			feed?.cancel();
			await replication?.stop();
			replication = null;
		}
	};
}

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
import { createHubMailRoutes } from './mail';

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
}

export interface Hub extends HubAppParts {
	state: HubState;
	/** First contact (keys, revocations) then live replication; resolves once both are started. */
	start(): Promise<void>;
	replication(): HubReplication | null;
	stop(): Promise<void>;
}

export function createHub(options: HubOptions): Hub {
	const clock = options.clock ?? (() => new Date());
	const log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
	const state = createHubState({
		dataDir: options.dataDir,
		upstream: options.upstream,
		credential: options.credential,
		fetch: options.fetch,
		clock
	});
	const auth = createHubAuth(state, clock);
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
		name: parseHubCredential(options.credential)?.name ?? null,
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
		async start() {
			await refresh();
			replication = startHubReplication({
				local: options.storage.db(COMMUNITY_DB),
				upstream: options.upstream,
				credential: options.credential,
				log,
				onContact: () => {
					if (!lastOk || Date.now() - lastRefresh > HUB_REFRESH_MS) void refresh();
				}
			});
			timer = setInterval(() => void refresh(), HUB_REFRESH_MS);
			timer.unref();
		},
		async stop() {
			if (timer) clearInterval(timer);
			await replication?.stop();
			replication = null;
		}
	};
}

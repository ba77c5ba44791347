// The Praxis HTTP application, built from its dependencies so tests can call app.request()
// without a network: /api (health, accounts), /couch (sync gateway), and the built client.
import { Hono } from 'hono';
import { limitBody } from './http/body-limit';
import { HTTPException } from 'hono/http-exception';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from './config';
import { USERS_DB, type Storage } from './storage/index';
import type { AuthVariables, SessionUser } from './auth/types';
import { createAuthService, keysDirOf, type PraxisAuth } from './auth/service';
import { createAuthRoutes } from './auth/routes';
import { createCouchSessionRoutes } from './auth/couch-session';
import { createAccountRoutes } from './auth/account-routes';
import type { ResetLimits } from './auth/accounts';
import { createCouchApp, type SignatureChecks, type WriteRule } from './couch/index';
import type { WriteLimits } from './couch/rate';
import { createStaticApp } from './static';
import { compression } from './http/compression';
import { securityHeaders } from './http/security-headers';
import { requestLog } from './http/request-log';
import { jsonHttpError } from './http/json';
import { normalizeThrown } from './http/thrown';
import { clientAddressResolver } from './http/client-address';
import { csrfGuard } from './http/csrf';
// Meetup hub and verified authorship.
import { createDeviceRoutes } from './devices/routes';
import { actorForSigner, createSignatureVerifier, rolesFromUsers, type SignatureVerifier } from './devices/verify';
import { serverSigner } from './devices/server-key';
import { createAdminRoutes } from './administration/routes';
import { createEmailStore, type EmailStore } from './mail/addresses';
import type { Mailer } from './mail/mailer';
import { createEmailRoutes } from './mail/routes';
import { createForgotRoutes } from './mail/forgot';
// Account deletion: the route, and the answer a deleted account's devices get.
import { createDeletionRoutes } from './deletion/routes';
import { deletedAccountAnswer } from './auth/deleted-accounts';
import { placesRule } from './events/places';
import { createHubRegistry, type HubRegistry } from './hub/enrolment';
import { withHubCredentials } from './hub/upstream-auth';
import { createHubKeyRoutes } from './hub/key-routes';
import { createRevocationRoutes, hubRelay, privilegedMembersOf } from './hub/relay';
import type { HubAppParts } from './hub/index';
import { createBundleRoutes } from './bundle/routes';
import { exportServerBundle, hubMembersWith, trustedKeys } from './bundle/index';
// Events: calendar subscription feeds.
import { createCalendarRoutes } from './calendar/index';
import { createRecognitionRoutes } from './recognition/index';
// First sync: the community's bootstrap snapshot.
import { createBootstrapRoutes } from './bootstrap/routes';
import { SnapshotCache } from './bootstrap/cache';
// Superseded revisions leave the store: compaction after edits, at start and nightly.
import { CompactionScheduler } from './compaction/scheduler';
import { readCompactionRecord } from './compaction/record';
import { COMMUNITY_DB } from '../src/lib/domain/ids';
import { mentorshipRule } from './couch/rules/mentorship';
import { challengesRule } from './couch/rules/challenges';
import { adoptionRule } from './couch/rules/adoptions';
import { answersRule } from './couch/rules/answers';
import { feedbackRule } from './couch/rules/feedback';
import { FILES_DB } from '../src/lib/domain/files';
// Members' rights: the privacy notice and consent, and "Download my data".
import { createPrivacyRoutes } from './privacy/routes';
import { readPrivacyNotice } from './privacy/notice';
import { createExportRoutes } from './account/routes';
// Moderation: flags, the review queue, moderators' actions and the audit log.
import { createModeration } from './moderation/index';
// Open data: what the community published, for anyone, without personal data.
import { createOpenDataRoutes } from './open-data/index';
import { OPEN_DATA_LICENSES, OPEN_DATA_LICENSE_DEFAULT } from './open-data/licenses';
// Surveys: answers counted once per member, published only as an aggregate.
import { createSurveys } from './surveys/index';
import type { SurveyPublisher } from './surveys/publish';
// The community's impact figures, published hourly for devices that hold only part of it.
import { createImpactPublisher, type ImpactPublisher } from './impact/scheduler';

/** Account requests are small; anything bigger is a mistake or an attack. */
export const API_BODY_LIMIT_BYTES = 64 * 1024;

export interface AppDeps {
	storage: Storage;
	config: AppConfig;
	auth?: PraxisAuth;
	clock?: () => Date;
	/** The server's CouchDB uuid; replication checkpoints are keyed by it, so keep it stable. */
	uuid?: string;
	/** Behind a reverse proxy: take client addresses (for rate limits) from X-Forwarded-For. */
	trustProxy?: boolean;
	/** Where request and error lines go (stdout by default). */
	log?: (line: string) => void;
	/** Hub mode (server/hub): members' tokens from the upstream, CORS for its origin, no accounts here. */
	hub?: HubAppParts;
	/**
	 * Refuse community documents pushed to /couch without a valid signature by a certified device
	 * of their author, or of a member allowed to make that change. On by default (server/index.ts
	 * passes PRAXIS_REQUIRE_SIGNATURES; 0 turns it off, a migration from clients that do not sign yet).
	 */
	requireSignatures?: boolean;
	/** Outgoing email (SMTP_URL); null or absent: nothing is ever sent. */
	mailer?: Mailer | null;
	/** Limits on reset-code attempts (tests lower them). */
	resetLimits?: Partial<ResetLimits>;
	/**
	 * Per-member write limits on /couch (server/couch/rate.ts; PRAXIS_WRITE_LIMIT_PER_MINUTE and
	 * PRAXIS_MESSAGE_LIMIT_PER_MINUTE; 0 turns one off). Absent: DEFAULT_WRITE_LIMITS.
	 */
	writeLimits?: Partial<WriteLimits>;
	/** How often the impact figures are published (server/impact; default hourly). */
	impactIntervalMs?: number;
}

export interface PraxisApp {
	app: Hono<{ Variables: AuthVariables }>;
	auth: PraxisAuth;
	uuid: string;
	/** Signature checks for pushed documents (server/devices/verify.ts), for the gateway to call. */
	verifier: SignatureVerifier;
	/** Enrolled hubs (upstream mode). */
	hubs: HubRegistry;
	/** Bootstrap snapshots: the server builds the community's once seeded (`warm`). */
	snapshots: SnapshotCache;
	/** Compaction of the shared databases (community, library files); the server starts them once seeded. */
	compactions: CompactionScheduler[];
	/** Members' email addresses and digest choices (server/mail). */
	emails: EmailStore;
	/** The app's public address, for links in emails. */
	appUrl: string;
	/** Publishes surveys' results when due; the server starts it once seeded (null on a hub). */
	surveys: SurveyPublisher | null;
	/** Publishes `impact:{period}` (server/impact); null on a hub. The server starts it once seeded. */
	impact: ImpactPublisher | null;
}

const defaultLog = (line: string): void => {
	process.stdout.write(line + '\n');
};

/** The server uuid kept in USERS_DB, created on first start. */
export async function loadServerUuid(storage: Storage): Promise<string> {
	const db = storage.db(USERS_DB);
	const id = '_local/praxis-server';
	try {
		const doc = (await db.get(id)) as { uuid?: unknown };
		if (typeof doc.uuid === 'string') return doc.uuid;
	} catch (err) {
		if ((err as { status?: number }).status !== 404) throw err;
	}
	const uuid = randomUUID().replace(/-/g, '');
	await db.put({ _id: id, uuid });
	return uuid;
}

export function createApp(deps: AppDeps): PraxisApp {
	const { storage, config } = deps;
	const clock = deps.clock ?? (() => new Date());
	const log = deps.log ?? defaultLog;
	const auth =
		deps.auth ?? createAuthService({ storage, keysDir: keysDirOf(config.dataDir), clock, trustProxy: deps.trustProxy });
	const uuid = deps.uuid ?? randomUUID().replace(/-/g, '');
	const app = new Hono<{ Variables: AuthVariables }>();
	const addressOf = clientAddressResolver(deps.trustProxy ?? false);
	const snapshots = new SnapshotCache(storage);
	const compactions = [COMMUNITY_DB, FILES_DB].map(
		(dbName) => new CompactionScheduler({ storage, dbName, clock, log })
	);

	const hubs = createHubRegistry(storage, clock);
	const impact = deps.hub
		? null
		: createImpactPublisher({
				storage,
				clock,
				log,
				signer: () => serverSigner(auth.signingKey()),
				intervalMs: deps.impactIntervalMs
			});
	const emails = createEmailStore(storage);
	const appUrl = config.publicUrl ?? 'http://localhost:3000';
	const hub = deps.hub;
	// On a hub, this server's own key is the hub's: registered with the upstream at each contact,
	// published there, and signing the organiser's updates files as `hub:{name}`.
	hub?.useOwnKey(async () => (await serverSigner(auth.signingKey())).publicKey);
	const organiser = hub?.organiser({
		exportBundle: () => exportServerBundle(storage, auth, null, clock(), hub.name)
	});
	// Upstream: hubs authenticate with their credential; a hub: members with the upstream's tokens.
	const gatewayAuth = deps.hub ? deps.hub.auth : withHubCredentials(auth, hubs);
	const verifier =
		deps.hub?.verifier ??
		createSignatureVerifier({
			storage,
			clock,
			rolesOf: rolesFromUsers(auth.users),
			serverKeys: async () => new Map([[auth.signingKey().kid, (await serverSigner(auth.signingKey())).publicKey]])
		});

	// A hub keeps no accounts: a document one member's device relays for another is authorized
	// there with the roles the upstream gave at the hub's last contact (member rights for
	// everyone else); the upstream authorizes it again with the roles it knows.
	const actorFor = hub
		? async (signer: { name: string }): Promise<SessionUser> => ({
				name: signer.name,
				roles: [...hub.rolesOf(signer.name)]
			})
		: (signer: Parameters<typeof actorForSigner>[0]) => actorForSigner(signer, auth.users, clock());
	const signatures: SignatureChecks = { verifier, actorFor, required: deps.requireSignatures ?? true };
	// Rules beyond one document's schema and permissions, for /couch and the hub relay alike.
	const writeRules: WriteRule[] = [];
	const moderation = createModeration({ storage, auth, clock, autoHideFlags: config.autoHideFlags, addressOf });
	writeRules.push(moderation.lockRule);
	// a hub keeps no members' databases: flags reach the server with the member's own sync
	if (!deps.hub) writeRules.push(moderation.flagRule);
	writeRules.push(mentorshipRule);
	writeRules.push(challengesRule(clock, deps.hub ? undefined : auth.users));
	writeRules.push(adoptionRule);
	writeRules.push(answersRule);
	writeRules.push(feedbackRule(clock));
	// Places at events are decided by the central server alone (a hub relays answers to it).
	if (!deps.hub) writeRules.push(placesRule({ signer: () => serverSigner(auth.signingKey()), clock }));
	// a hub keeps no members' databases: answers reach the server with the member's own sync
	const surveys = deps.hub
		? null
		: createSurveys({ storage, auth, signer: () => serverSigner(auth.signingKey()), clock, addressOf, log });
	if (surveys) writeRules.push(surveys.rule);

	if (deps.hub) app.use(deps.hub.cors);
	if (config.logRequests) app.use(requestLog(log));
	app.use(securityHeaders());
	app.use(compression());
	app.use(normalizeThrown());
	// Before anything reads a body or acts on a cookie: cross-site writes are refused.
	const csrf = csrfGuard({ allowedOrigins: config.allowedOrigins, trustProxy: deps.trustProxy });
	app.use('/api/*', csrf);
	app.use('/couch/*', csrf);
	if (!deps.hub) {
		// A deleted member's devices learn why they are refused, and remove the account's data.
		const deleted = deletedAccountAnswer({ users: auth.users, signingKey: () => auth.signingKey() });
		app.use('/api/*', deleted);
		app.use('/couch/*', deleted);
	}

	const api = new Hono();
	api.use(
		limitBody({
			maxSize: API_BODY_LIMIT_BYTES,
			onError: () => {
				throw jsonHttpError(
					413,
					'too_large',
					`request bodies under /api are limited to ${API_BODY_LIMIT_BYTES / 1024} KiB`
				);
			}
		})
	);
	api.get('/health', (c) => c.json({ ok: true, version: config.version, store: storage.kind }));
	if (organiser) api.route('/hub/organiser', organiser.api);
	if (deps.hub) api.route('/', deps.hub.routes);
	else {
		api.route(
			'/auth/revocations',
			createRevocationRoutes({
				auth: gatewayAuth,
				verifier,
				revokedTokenIds: () => auth.revokedTokenIds(),
				privilegedMembers: () => privilegedMembersOf(auth.users)
			})
		);
		const privacyVersion = async () => (await readPrivacyNotice(config.dataDir)).version;
		api.route(
			'/auth',
			createAuthRoutes({
				auth,
				secureCookies: config.secureCookies,
				addressOf,
				privacyVersion,
				hubKeys: () => hubs.publishedKeys()
			})
		);
		api.route('/hubs', createHubKeyRoutes({ hubs }));
		const accounts = createAccountRoutes({
			auth,
			storage,
			verifier,
			secureCookies: config.secureCookies,
			addressOf,
			limits: deps.resetLimits,
			audit: moderation.audit
		});
		api.route(
			'/auth/forgot',
			createForgotRoutes({
				auth,
				accounts: accounts.accounts,
				emails,
				mailer: deps.mailer ?? null,
				appUrl,
				addressOf,
				log
			})
		);
		api.route('/auth', accounts.auth);
		// moderators give reset codes here; /api/admin is for administrators only
		api.route('/moderation', accounts.admin);
		api.route('/moderation', moderation.routes);
		api.route('/privacy', createPrivacyRoutes({ auth, dataDir: config.dataDir, addressOf, clock }));
		api.route('/account/export', createExportRoutes({ storage, auth, addressOf, clock, log }));
		api.route('/devices', createDeviceRoutes({ storage, auth, verifier, clock, addressOf }));
		api.route('/calendar', createCalendarRoutes({ storage, auth, addressOf }));
		api.route('/recognition', createRecognitionRoutes({ storage, auth, clock, addressOf }));
		if (surveys) api.route('/surveys', surveys.routes);
		// public GETs: the CSRF guard lets safe methods through and nothing here reads a session
		api.route(
			'/open-data',
			createOpenDataRoutes({
				storage,
				clock,
				license: OPEN_DATA_LICENSES[config.openDataLicense ?? OPEN_DATA_LICENSE_DEFAULT]
			})
		);
		api.route(
			'/account/email',
			createEmailRoutes({ auth, emails, mailer: deps.mailer ?? null, appUrl, clock, addressOf })
		);
		api.route(
			'/account',
			createDeletionRoutes({
				storage,
				auth,
				verifier,
				emails,
				clock,
				compactions,
				log,
				secureCookies: config.secureCookies,
				addressOf
			})
		);
		api.route(
			'/admin',
			createAdminRoutes({
				storage,
				auth,
				hubs,
				version: config.version,
				dataDir: config.dataDir,
				addressOf,
				clock,
				accounts: accounts.accounts,
				audit: moderation.audit,
				lastCompaction: async () => (await readCompactionRecord(storage, COMMUNITY_DB))?.finishedAt ?? null
			})
		);
	}
	api.all('*', (c) => c.json({ error: 'not_found', reason: `no API route ${c.req.method} ${c.req.path}` }, 404));
	// Before /api: updates files are bigger than /api's body limit.
	app.route(
		'/api/bundles',
		createBundleRoutes({
			storage,
			auth: gatewayAuth,
			users: hub ? hubMembersWith(hub.rolesOf) : auth.users,
			keys: () => trustedKeys(auth, config.dataDir, hub ? { self: hub.name } : { hubs: () => hubs.publishedKeys() }),
			// the organiser opens attendees' files on the hub without a member's token
			alsoAllowed: organiser?.isOrganiser
		})
	);
	// Before /api: a sealed message may be larger than /api's body limit (mail.ts has its own).
	if (hub?.mail) app.route('/api/hub/mail', hub.mail);
	// Before /api: a streamed download with its own compression, members only; not on a hub (its
	// documents are verified by the device as they replicate).
	if (!deps.hub) app.route('/api/bootstrap', createBootstrapRoutes({ storage, auth: gatewayAuth, cache: snapshots }));
	app.route('/api', api);

	// _session first: the gateway's own routes include catch-alls.
	if (!deps.hub) {
		app.route('/couch', createCouchSessionRoutes({ auth, secureCookies: config.secureCookies, addressOf }));
		app.use(
			'/couch/*',
			hubRelay({ storage, auth: gatewayAuth, users: auth.users, verifier, rules: writeRules, clock })
		);
	}
	app.route(
		'/couch',
		createCouchApp({
			storage,
			auth: gatewayAuth,
			uuid,
			version: config.version,
			clock,
			signatures,
			rules: writeRules,
			writeLimits: deps.writeLimits
		})
	);

	// A browser opening a hub's own address (a typed address, an old QR code) would get an app
	// whose sign-in cannot work here: the hub answers pages itself (its landing page and the
	// organiser's page, server/hub/organiser/). Files (with an extension) are still served.
	if (organiser) app.route('/', organiser.pages);
	app.route('/', createStaticApp({ staticDir: config.staticDir }));

	app.notFound((c) => c.json({ error: 'not_found', reason: `nothing at ${c.req.method} ${c.req.path}` }, 404));
	app.onError((err, c) => {
		if (err instanceof HTTPException) {
			if (err.res) return err.getResponse();
			return c.json(
				{ error: err.status === 413 ? 'too_large' : 'bad_request', reason: err.message || 'bad request' },
				err.status
			);
		}
		log(`ERROR ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
		return c.json({ error: 'internal_error', reason: 'the server failed to handle this request' }, 500);
	});

	return {
		app,
		auth,
		uuid,
		verifier,
		hubs,
		snapshots,
		compactions,
		emails,
		appUrl,
		surveys: surveys?.publisher ?? null,
		impact
	};
}

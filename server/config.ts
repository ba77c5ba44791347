// Server configuration. readServerConfig reads the environment `npm start` runs in, once, from
// server/index.ts (hub mode through hub/cli.ts parseHubArgs), and the values reach the modules
// through createApp's dependencies: no other module reads process.env. The command-line tools
// read their store with readStoreConfig (and admin.ts its PRAXIS_ADMIN_PASSWORD) from CliIo.env.
import { resolve } from 'node:path';
import { parseHubArgs, type HubArgs } from './hub/cli';
import type { MailConfig } from './mail/mailer';
import { DEFAULT_WRITE_LIMITS, type WriteLimits } from './couch/rate';
import {
	isOpenDataLicense,
	OPEN_DATA_LICENSE_DEFAULT,
	OPEN_DATA_LICENSES,
	type OpenDataLicenseId
} from './open-data/licenses';

export interface AppConfig {
	version: string;
	/** Folder of the built SPA (adapter-static output); absent before the client is built. */
	staticDir: string;
	/** Where keys and (by default) the LevelDB databases live. */
	dataDir: string;
	/** Load demo members and threads on first start. */
	demo: boolean;
	/** Public origin when known (https turns on Secure cookies). */
	secureCookies: boolean;
	/** Log one line per request. */
	logRequests: boolean;
	/**
	 * Origins besides the app's own that may send cookie-authenticated writes (server/http/csrf.ts),
	 * e.g. the Vite dev server; PRAXIS_ALLOWED_ORIGINS, comma-separated.
	 */
	allowedOrigins?: readonly string[];
	/** The app's public address, for links in emails (PRAXIS_PUBLIC_URL; default http://localhost:PORT). */
	publicUrl?: string;
	/**
	 * Open flags from this many different members hide an item until a moderator decides
	 * (PRAXIS_AUTO_HIDE_FLAGS; default 3).
	 */
	autoHideFlags?: number;
	/**
	 * The licence open data is published under (/api/open-data), by SPDX id:
	 * PRAXIS_OPEN_DATA_LICENSE, one of OPEN_DATA_LICENSES (default CC-BY-4.0).
	 */
	openDataLicense?: OpenDataLicenseId;
}

export const LIMITS = {
	DOC_BODY_BYTES: 1024 * 1024,
	ATTACHMENT_BYTES: 20 * 1024 * 1024,
	REQUEST_BYTES: 50 * 1024 * 1024
} as const;

/** Where the store lives: CouchDB at COUCHDB_URL, or LevelDB in DATA_DIR (default ./data). */
export interface StoreConfig {
	dataDir: string;
	couchdbUrl?: string;
}

/** Everything `npm start` takes from its environment and arguments. */
export interface ServerConfig {
	/** PORT (default 3000; 0 picks a free one). */
	port: number;
	/** HOST; by default localhost only, every interface for a hub (it serves the hall's LAN). */
	host: string;
	store: StoreConfig;
	app: AppConfig;
	/** PRAXIS_TRUST_PROXY=1: client addresses (for rate limits) from X-Forwarded-For. */
	trustProxy: boolean;
	/** PRAXIS_REQUIRE_SIGNATURES: on unless 0 (server/app.ts AppDeps.requireSignatures). */
	requireSignatures: boolean;
	/** SMTP_URL and MAIL_FROM; without SMTP_URL no email is sent. */
	mail: MailConfig;
	/**
	 * Per-member write limits on /couch (server/couch/rate.ts): PRAXIS_WRITE_LIMIT_PER_MINUTE
	 * (documents, default 120) and PRAXIS_MESSAGE_LIMIT_PER_MINUTE (direct messages, default 30); 0: none.
	 */
	writeLimits: WriteLimits;
	/** Hub mode (server/hub/cli.ts): from --hub and its options, or PRAXIS_HUB and its variables. */
	hub: Exclude<HubArgs, { error: string }>;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ReadOptions {
	/** The command-line arguments after the script (hub mode). */
	argv?: readonly string[];
	/** The version /api/health reports (package.json's). */
	version?: string;
	/** Reads the hub credential file. */
	readFile?: (path: string) => string;
}

/** Open flags from different members that hide an item until a moderator decides. */
export const AUTO_HIDE_FLAGS_DEFAULT = 3;
const MAX_AUTO_HIDE_FLAGS = 1000;

const ORIGIN = /^https?:\/\/[^/]+$/;

/** Off only for 0 or false. */
const unlessOff = (value: string | undefined): boolean => value !== '0' && value !== 'false';

export function readStoreConfig(env: Env): StoreConfig {
	const couchdbUrl = env.COUCHDB_URL?.trim() || undefined;
	return { dataDir: resolve(env.DATA_DIR ?? './data'), ...(couchdbUrl ? { couchdbUrl } : {}) };
}

/** The server's configuration, or the message that says which value is wrong. */
export function readServerConfig(env: Env, options: ReadOptions = {}): ServerConfig | { error: string } {
	const port = Number(env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		return { error: `PORT must be a port number, not ${env.PORT}` };
	const hub = parseHubArgs(options.argv ?? [], env, options.readFile);
	if ('error' in hub) return hub;
	const store = readStoreConfig(env);
	const publicUrl = (env.PRAXIS_PUBLIC_URL?.trim() || `http://localhost:${port || 3000}`).replace(/\/+$/, '');
	if (!ORIGIN.test(publicUrl))
		return {
			error: `PRAXIS_PUBLIC_URL must be the app's address like https://praxis.example.org, not ${env.PRAXIS_PUBLIC_URL}`
		};
	const allowedOrigins = (env.PRAXIS_ALLOWED_ORIGINS ?? '')
		.split(',')
		.map((o) => o.trim())
		.filter(Boolean);
	const badOrigin = allowedOrigins.find((origin) => !ORIGIN.test(origin));
	if (badOrigin !== undefined)
		return { error: `PRAXIS_ALLOWED_ORIGINS must list origins like https://praxis.example.org, not ${badOrigin}` };
	const autoHideFlags = Number(env.PRAXIS_AUTO_HIDE_FLAGS?.trim() || AUTO_HIDE_FLAGS_DEFAULT);
	if (!Number.isInteger(autoHideFlags) || autoHideFlags < 1 || autoHideFlags > MAX_AUTO_HIDE_FLAGS)
		return {
			error: `PRAXIS_AUTO_HIDE_FLAGS must be a whole number from 1 to ${MAX_AUTO_HIDE_FLAGS}, not ${env.PRAXIS_AUTO_HIDE_FLAGS}`
		};
	const openDataLicense = env.PRAXIS_OPEN_DATA_LICENSE?.trim() || OPEN_DATA_LICENSE_DEFAULT;
	if (!isOpenDataLicense(openDataLicense))
		return {
			error: `PRAXIS_OPEN_DATA_LICENSE must be one of ${Object.keys(OPEN_DATA_LICENSES).join(', ')}, not ${openDataLicense}`
		};
	const writesPerMinute = perMinute(env, 'PRAXIS_WRITE_LIMIT_PER_MINUTE', DEFAULT_WRITE_LIMITS.writesPerMinute);
	if (typeof writesPerMinute === 'string') return { error: writesPerMinute };
	const messagesPerMinute = perMinute(env, 'PRAXIS_MESSAGE_LIMIT_PER_MINUTE', DEFAULT_WRITE_LIMITS.messagesPerMinute);
	if (typeof messagesPerMinute === 'string') return { error: messagesPerMinute };
	return {
		port,
		host: env.HOST ?? (hub.hub ? '0.0.0.0' : '127.0.0.1'),
		store,
		app: {
			version: options.version ?? '0.0.0',
			staticDir: resolve(env.STATIC_DIR ?? './build'),
			dataDir: store.dataDir,
			demo: unlessOff(env.PRAXIS_DEMO),
			secureCookies: env.PRAXIS_SECURE_COOKIES === '1',
			logRequests: unlessOff(env.PRAXIS_LOG),
			allowedOrigins,
			publicUrl,
			autoHideFlags,
			openDataLicense
		},
		trustProxy: env.PRAXIS_TRUST_PROXY === '1',
		requireSignatures: env.PRAXIS_REQUIRE_SIGNATURES !== '0',
		mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
		writeLimits: { writesPerMinute, messagesPerMinute },
		hub
	};
}

/** A whole number of writes a minute from `env[name]` (0: no limit), or the message saying why not. */
function perMinute(env: Env, name: string, fallback: number): number | string {
	const raw = env[name]?.trim();
	if (!raw) return fallback;
	const n = Number(raw);
	return /^\d+$/.test(raw) && Number.isSafeInteger(n)
		? n
		: `${name} must be a whole number of writes a minute (0 for no limit), not ${raw}`;
}

// The whole Praxis app for tests: a temporary store (memory or LevelDB in a temp folder),
// cheap scrypt, requests with a chosen client address, and every response checked to be
// below 500, in process or over a real socket.
import type { Mailer } from '../../../server/mail/mailer';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createApp } from '../../../server/app';
import { createAuthService, type AuthLimits, type PraxisAuth } from '../../../server/auth/service';
import { createStorage, type Storage } from '../../../server/storage/index';
import type { AppConfig } from '../../../server/config';
import type { ResetLimits } from '../../../server/auth/accounts';
import type { WriteLimits } from '../../../server/couch/rate';

/** Fast parameters for tests only (real accounts use DEFAULT_SCRYPT_COST). */
export const TEST_SCRYPT_COST = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'a-long-enough-password';

let counter = 0;

export function tempDir(prefix = 'praxis-test-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export interface HarnessOptions {
	kind?: 'memory' | 'leveldb' | 'couchdb';
	dataDir?: string;
	couchdbUrl?: string;
	staticDir?: string;
	limits?: Partial<AuthLimits>;
	resetLimits?: Partial<ResetLimits>;
	secureCookies?: boolean;
	logRequests?: boolean;
	/** A mutable clock: tests move `now.ms` forward. */
	now?: { ms: number };
	uuid?: string;
	trustProxy?: boolean;
	/** Outgoing email (server/mail/mailer.ts), e.g. to an SMTP server the test started. */
	mailer?: Mailer | null;
	/** The app's public address (links in emails). */
	publicUrl?: string;
	/** Refuse unsigned community documents and files pushed to /couch (createApp's default: on). */
	requireSignatures?: boolean;
	/** Open flags from this many members hide an item (server/config.ts; default 3). */
	autoHideFlags?: number;
	/** Per-member write limits on /couch; by default none (tests write faster than a person). */
	writeLimits?: Partial<WriteLimits>;
}

export interface Harness {
	storage: Storage;
	auth: PraxisAuth;
	app: ReturnType<typeof createApp>['app'];
	config: AppConfig;
	logs: string[];
	statuses: number[];
	/** app.request() from `address` (default 192.0.2.1), failing the test on a 5xx. */
	request(path: string, init?: RequestInit, address?: string): Promise<Response>;
	/** POST JSON. */
	post(path: string, body: unknown, headers?: Record<string, string>, address?: string): Promise<Response>;
	/** Registers a member and returns the `praxis_session=…` cookie pair. */
	register(username: string, extra?: Record<string, unknown>): Promise<string>;
	listen(): Promise<string>;
	close(options?: { keepData?: boolean }): Promise<void>;
}

export function sessionCookie(res: Response): string {
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('praxis_session='));
	if (!cookie) throw new Error(`no session cookie in ${res.status} response`);
	return cookie.split(';')[0];
}

export function createHarness(options: HarnessOptions = {}): Harness {
	const kind = options.kind ?? 'memory';
	const dataDir = options.dataDir ?? tempDir();
	const storage =
		kind === 'leveldb'
			? createStorage({ kind, dataDir })
			: kind === 'couchdb'
				? createStorage({ kind, couchdbUrl: options.couchdbUrl })
				: createStorage({ kind, memoryPrefix: `app-test-${process.pid}-${++counter}-${Date.now()}` });
	const clock = options.now ? () => new Date(options.now!.ms) : () => new Date();
	const auth = createAuthService({
		storage,
		keysDir: join(dataDir, 'keys'),
		clock,
		scryptCost: TEST_SCRYPT_COST,
		limits: options.limits,
		trustProxy: options.trustProxy
	});
	const config: AppConfig = {
		version: '0.0.0-test',
		staticDir: options.staticDir ?? join(dataDir, 'no-build'),
		dataDir,
		demo: false,
		secureCookies: options.secureCookies ?? false,
		logRequests: options.logRequests ?? true,
		...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
		...(options.autoHideFlags ? { autoHideFlags: options.autoHideFlags } : {})
	};
	const logs: string[] = [];
	const statuses: number[] = [];
	const { app } = createApp({
		storage,
		config,
		auth,
		clock,
		uuid: options.uuid,
		trustProxy: options.trustProxy,
		mailer: options.mailer,
		resetLimits: options.resetLimits,
		requireSignatures: options.requireSignatures,
		writeLimits: options.writeLimits ?? { writesPerMinute: 0, messagesPerMinute: 0 },
		log: (line) => logs.push(line)
	});
	let server: Server | null = null;

	const check = (res: Response, what: string): Response => {
		statuses.push(res.status);
		expect(res.status, `${what} answered ${res.status}`).toBeLessThan(500);
		return res;
	};

	const harness: Harness = {
		storage,
		auth,
		app,
		config,
		logs,
		statuses,
		async request(path, init = {}, address = '192.0.2.1') {
			const env = { incoming: { socket: { remoteAddress: address } } };
			return check(await app.request(path, init, env), `${init.method ?? 'GET'} ${path}`);
		},
		post(path, body, headers = {}, address) {
			return harness.request(
				path,
				{
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body: typeof body === 'string' ? body : JSON.stringify(body)
				},
				address
			);
		},
		async register(username, extra = {}) {
			const res = await harness.post(
				'/api/auth/register',
				{ username, password: PASSWORD, displayName: username, privacyConsent: true, ...extra },
				{},
				`198.51.100.${++counter % 250}`
			);
			expect(res.status).toBe(201);
			return sessionCookie(res);
		},
		async listen() {
			const wrapped = async (req: Request, env: unknown) =>
				check(await app.fetch(req, env), `${req.method} ${new URL(req.url).pathname}`);
			return new Promise((resolve) => {
				server = serve({ fetch: wrapped, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
					resolve(`http://127.0.0.1:${info.port}`)
				) as Server;
			});
		},
		async close({ keepData = false } = {}) {
			const s = server;
			if (s) {
				s.closeAllConnections();
				await new Promise<void>((resolve) => s.close(() => resolve()));
			}
			await storage.close();
			if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return harness;
}

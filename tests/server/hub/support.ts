// An upstream server and a meetup hub for tests, each a real createApp on its own port with its
// own in-memory store and temporary DATA_DIR, every response checked to be below 500.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import PouchDB from 'pouchdb';
import { createApp, type PraxisApp } from '../../../server/app';
import { createAuthService } from '../../../server/auth/service';
import { createStorage, type Storage } from '../../../server/storage/index';
import type { AppConfig } from '../../../server/config';
import { createHub, type Hub } from '../../../server/hub/index';
import { TEST_SCRYPT_COST, PASSWORD, tempDir } from '../support/harness';

let counter = 0;

export interface Node {
	storage: Storage;
	praxis: PraxisApp;
	base: string;
	logs: string[];
	dataDir: string;
	close(): Promise<void>;
}

function config(dataDir: string): AppConfig {
	return {
		version: '0.0.0-test',
		staticDir: join(dataDir, 'no-build'),
		dataDir,
		demo: false,
		secureCookies: false,
		logRequests: false
	};
}

async function listen(
	praxis: PraxisApp,
	failures: string[],
	hostname = '127.0.0.1'
): Promise<{ server: Server; base: string }> {
	const wrapped = async (req: Request, env: unknown) => {
		const res = await praxis.app.fetch(req, env);
		if (res.status >= 500) failures.push(`${req.method} ${new URL(req.url).pathname} answered ${res.status}`);
		return res;
	};
	return new Promise((resolve) => {
		const host = hostname.includes(':') ? `[${hostname}]` : hostname;
		const server = serve({ fetch: wrapped, port: 0, hostname }, (info: AddressInfo) =>
			resolve({ server, base: `http://${host}:${info.port}` })
		) as Server;
	});
}

function closer(server: Server, storage: Storage, dataDir: string, failures: string[], before?: () => Promise<void>) {
	let closed = false;
	return async () => {
		if (closed) return;
		closed = true;
		await before?.();
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		await storage.close();
		rmSync(dataDir, { recursive: true, force: true });
		expect(failures, 'responses with a 5xx status').toEqual([]);
	};
}

export async function startUpstream(): Promise<Node> {
	const dataDir = tempDir('praxis-upstream-');
	const storage = createStorage({ kind: 'memory', memoryPrefix: `upstream-${process.pid}-${++counter}-${Date.now()}` });
	const auth = createAuthService({
		storage,
		keysDir: join(dataDir, 'keys'),
		scryptCost: TEST_SCRYPT_COST,
		limits: { registrationsPerAddress: 1000 }
	});
	const logs: string[] = [];
	const failures: string[] = [];
	const praxis = createApp({
		storage,
		config: config(dataDir),
		auth,
		uuid: `upstream${counter}`,
		log: (l) => logs.push(l)
	});
	const { server, base } = await listen(praxis, failures);
	return { storage, praxis, base, logs, dataDir, close: closer(server, storage, dataDir, failures) };
}

/** A hub; `hostname` is the address it listens on (127.0.0.1 unless a test needs a LAN address). */
export async function startHub(
	upstream: string,
	credential: string,
	hostname?: string,
	options: { onDisk?: boolean } = {}
): Promise<Node & { hub: Hub }> {
	const dataDir = tempDir('praxis-hub-');
	// on disk (LevelDB under dataDir) when a test reads the bytes the hub stored
	const storage = options.onDisk
		? createStorage({ kind: 'leveldb', dataDir: join(dataDir, 'db') })
		: createStorage({ kind: 'memory', memoryPrefix: `hub-${process.pid}-${++counter}-${Date.now()}` });
	const logs: string[] = [];
	const failures: string[] = [];
	const hub = createHub({ storage, dataDir, upstream, credential, log: (l) => logs.push(l) });
	const praxis = createApp({ storage, config: config(dataDir), uuid: `hub${counter}`, hub, log: (l) => logs.push(l) });
	const { server, base } = await listen(praxis, failures, hostname);
	return {
		storage,
		praxis,
		base,
		logs,
		dataDir,
		hub,
		close: closer(server, storage, dataDir, failures, () => hub.stop())
	};
}

/** Registers a member on the upstream; returns their session cookie. */
export async function register(base: string, username: string): Promise<string> {
	const res = await fetch(`${base}/api/auth/register`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: PASSWORD, displayName: username, privacyConsent: true })
	});
	expect(res.status).toBe(201);
	return res.headers.getSetCookie()[0].split(';')[0];
}

/** Signs a member in on the upstream; returns their session cookie. */
export async function login(base: string, username: string): Promise<string> {
	const res = await fetch(`${base}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: PASSWORD })
	});
	expect(res.status).toBe(200);
	return res.headers.getSetCookie()[0].split(';')[0];
}

/** A PouchDB handle on `{base}/couch/community` sending `Authorization: Bearer {token}`. */
export function remoteWithBearer(base: string, token: string): PouchDB.Database {
	const withToken: typeof fetch = (url, init) => {
		const headers = new Headers(init?.headers);
		headers.set('authorization', `Bearer ${token}`);
		return fetch(url, { ...init, headers });
	};
	return new PouchDB(`${base}/couch/community`, {
		fetch: withToken,
		skip_setup: true
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

export function localDb(): PouchDB.Database {
	return new PouchDB(`hub-test-local-${process.pid}-${++counter}-${Date.now()}`, { adapter: 'memory' });
}

/** Polls `check` until it holds or `timeoutMs` passes. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`timed out waiting for ${what}`);
}

export async function has(storage: Storage, id: string): Promise<boolean> {
	try {
		await storage.db('community').get(id);
		return true;
	} catch {
		return false;
	}
}

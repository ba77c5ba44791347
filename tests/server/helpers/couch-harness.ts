// A sync gateway for tests: in-memory storage, fake Basic auth, the gateway mounted at /couch
// as the real app mounts it, and every response checked to be below 500 (in-process or socket).
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { createCouchApp } from '../../../server/couch/index';
import type { WriteRule } from '../../../server/couch/write';
import { createStorage, type Storage } from '../../../server/storage/index';
import type { WriteLimits } from '../../../server/couch/rate';
import { basicAuth, fakeAuth, type FakeUser } from './fake-auth';

export const PASSWORD = 'correct-horse-battery';

export const USERS: Record<string, FakeUser> = {
	alice: { password: PASSWORD, roles: ['member'] },
	bob: { password: PASSWORD, roles: ['member'] },
	mod: { password: PASSWORD, roles: ['member', 'moderator'] },
	rita: { password: PASSWORD, roles: ['member', 'reviewer'] }
};

/** Tests write as one member far faster than a person: limits are on only where a test asks. */
export const NO_WRITE_LIMITS: WriteLimits = { writesPerMinute: 0, messagesPerMinute: 0 };

let counter = 0;

export interface CouchHarness {
	storage: Storage;
	app: Hono;
	/** Statuses of every response, in order. */
	statuses: number[];
	/** app.request() as `user` (or anonymous), failing the test on any 5xx. */
	request(path: string, init?: RequestInit & { user?: string | null }): Promise<Response>;
	/** Listens on a free port; returns the base URL of the gateway (…/couch). */
	listen(): Promise<string>;
	/** Stops the server and storage, and fails if any response was a 5xx. */
	close(): Promise<void>;
}

export interface CouchHarnessOptions {
	kind?: 'memory' | 'leveldb';
	dataDir?: string;
	/** Per-member write limits; by default none (tests write as one member far faster than a person). */
	writeLimits?: Partial<WriteLimits>;
	clock?: () => Date;
	rules?: readonly WriteRule[];
}

export function createCouchHarness(options: CouchHarnessOptions = {}): CouchHarness {
	const storage =
		options.kind === 'leveldb'
			? createStorage({ kind: 'leveldb', dataDir: options.dataDir })
			: createStorage({ kind: 'memory', memoryPrefix: `couch-test-${process.pid}-${++counter}-${Date.now()}` });
	const couch = createCouchApp({
		storage,
		auth: fakeAuth(USERS),
		uuid: 'test-uuid',
		version: '0.0.0-test',
		clock: options.clock,
		writeLimits: options.writeLimits ?? NO_WRITE_LIMITS,
		rules: options.rules
	});
	const app = new Hono();
	const statuses: number[] = [];
	const failures: string[] = [];
	app.use('*', async (c, next) => {
		await next();
		statuses.push(c.res.status);
		if (c.res.status >= 500) failures.push(`${c.req.method} ${c.req.url} answered ${c.res.status}`);
	});
	app.route('/couch', couch);
	let server: ReturnType<typeof serve> | null = null;

	return {
		storage,
		app,
		statuses,
		async request(path, init = {}) {
			const { user = 'alice', ...rest } = init;
			const headers = new Headers(rest.headers);
			if (user) headers.set('authorization', basicAuth(user, USERS[user]?.password ?? 'wrong'));
			if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
			const res = await app.request(path, { ...rest, headers });
			expect(res.status, `${rest.method ?? 'GET'} ${path} answered ${res.status}`).toBeLessThan(500);
			return res;
		},
		async listen() {
			await new Promise<void>((resolve) => {
				server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
			});
			const { port } = server!.address() as AddressInfo;
			return `http://127.0.0.1:${port}/couch`;
		},
		async close() {
			if (server) {
				const s = server as { close(cb: () => void): void; closeAllConnections?: () => void };
				s.closeAllConnections?.();
				await new Promise<void>((resolve) => s.close(() => resolve()));
			}
			await storage.close();
			expect(failures, 'responses with a 5xx status').toEqual([]);
		}
	};
}

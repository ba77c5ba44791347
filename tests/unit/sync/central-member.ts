// Test support for the hub tests (hub.test.ts, hub-verify.test.ts): the central server in this
// process (signatures required), and a member who registers there, whose device syncs with it
// until certified and up to date, and who gets a hub token.
import { expect } from 'vitest';
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../../server/app';
import { createAuthService } from '../../../server/auth/service';
import { createStorage } from '../../../server/storage/index';
import { serverSigner } from '../../../server/devices/server-key';
import { createSyncController, type SyncController } from '../../../src/lib/sync/controller';
import { fetchHubToken } from '../../../src/lib/sync/hub';
import { PASSWORD, TEST_SCRYPT_COST, tempDir } from '../../server/support/harness';
import { waitFor } from '../../server/hub/support';
import { closeTestStores, openTestStore } from '../store/support';
import { fakeNetwork, recordingStatus } from './support';

/**
 * The central server on in-memory storage, requiring signatures. listen() serves it on a free
 * port the first time and on the same port after stop() (the server "comes back").
 */
export function centralServer(uuid: string) {
	const dataDir = tempDir('praxis-central-');
	const storage = createStorage({ kind: 'memory', memoryPrefix: `central-${uuid}-${process.pid}-${Date.now()}` });
	const auth = createAuthService({
		storage,
		keysDir: join(dataDir, 'keys'),
		scryptCost: TEST_SCRYPT_COST,
		limits: { registrationsPerAddress: 1000 }
	});
	const central = createApp({
		storage,
		config: {
			version: '0.0.0-test',
			staticDir: join(dataDir, 'none'),
			dataDir,
			demo: false,
			secureCookies: false,
			logRequests: false
		},
		auth,
		uuid,
		requireSignatures: true,
		log: () => {}
	});
	let server: Server | null = null;
	let port = 0;
	const stop = async (): Promise<void> => {
		const running = server;
		if (!running) return;
		server = null;
		running.closeAllConnections();
		await new Promise<void>((r) => running.close(() => r()));
	};
	/** Sync controllers to stop and clean-ups to run (in reverse) at close(). */
	const controllers: SyncController[] = [];
	const cleanups: Array<() => Promise<void>> = [];
	return {
		storage,
		auth,
		central,
		/** The central server's public key, as the device keeps it (to verify what a hub sends). */
		serverKeys: async () => {
			const signer = await serverSigner(auth.signingKey());
			return new Map([[signer.kid, signer.publicKey]]);
		},
		listen(): Promise<string> {
			return new Promise((resolve) => {
				server = serve({ fetch: central.app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
					port = info.port;
					resolve(`http://127.0.0.1:${info.port}`);
				}) as Server;
			});
		},
		stop,
		controllers,
		cleanups,
		/** Stops the controllers, closes the test stores, runs the clean-ups, stops the server. */
		async close(): Promise<void> {
			await Promise.all(controllers.map((c) => c.stop()));
			await closeTestStores();
			for (const cleanup of cleanups.reverse()) await cleanup();
			await stop().catch(() => {});
			await storage.close();
		}
	};
}

/** Node has no cookie jar: a fetch that sends the member's session cookie to the central server. */
export const withCookie =
	(cookie: string): typeof fetch =>
	(input, init) => {
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookie);
		return fetch(input, { ...init, headers });
	};

/**
 * Registers `username` at `base`, opens their device store and syncs it with the central server
 * (the controller is pushed onto `controllers` for the caller to stop) until the device is
 * certified and the categories are in; `homeSync` makes another controller for the same device.
 */
export async function signInAtCentral(base: string, username: string, controllers: SyncController[]) {
	const res = await fetch(`${base}/api/auth/register`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password: PASSWORD, displayName: username, privacyConsent: true })
	});
	expect(res.status).toBe(201);
	const cookie = res.headers.getSetCookie()[0].split(';')[0];
	const store = await openTestStore({ name: username });
	const status = recordingStatus();
	const homeSync = () =>
		createSyncController({
			replica: store.replica,
			remoteBase: `${base}/couch`,
			username,
			fetch: withCookie(cookie),
			status,
			network: fakeNetwork(true),
			delay: () => 200
		});
	const home = homeSync();
	controllers.push(home);
	home.start();
	await waitFor(
		`${username} certified and synced`,
		async () =>
			(await store.signing!.certificate()) !== null &&
			status.state === 'idle' &&
			(await store.listCategories()).length > 0
	);
	const token = await fetchHubToken(withCookie(cookie), `${base}/api`);
	if (!token.ok) throw new Error(token.reason);
	return { store, home, homeSync, token: token.token.token, status };
}

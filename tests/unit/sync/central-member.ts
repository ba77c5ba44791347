// Test support for the hub tests (hub.test.ts, hub-verify.test.ts): a member registers at the
// central server, their device syncs with it until certified and up to date, and gets a hub token.
import { expect } from 'vitest';
import { createSyncController, type SyncController } from '../../../src/lib/sync/controller';
import { fetchHubToken } from '../../../src/lib/sync/hub';
import { PASSWORD } from '../../server/support/harness';
import { waitFor } from '../../server/hub/support';
import { openTestStore } from '../store/support';
import { fakeNetwork, recordingStatus } from './support';

/** Node has no cookie jar: a fetch that sends the member's session cookie to the central server. */
export const withCookie = (cookie: string): typeof fetch => (input, init) => {
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
	const res = await fetch(`${base}/api/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD, displayName: username }) });
	expect(res.status).toBe(201);
	const cookie = res.headers.getSetCookie()[0].split(';')[0];
	const store = await openTestStore({ name: username });
	const status = recordingStatus();
	const homeSync = () => createSyncController({ store, remoteBase: `${base}/couch`, username, fetch: withCookie(cookie), status, network: fakeNetwork(true), delay: () => 200 });
	const home = homeSync();
	controllers.push(home);
	home.start();
	await waitFor(`${username} certified and synced`, async () => (await store.signing!.certificate()) !== null && status.state === 'idle' && (await store.listCategories()).length > 0);
	const token = await fetchHubToken(withCookie(cookie), `${base}/api`);
	if (!token.ok) throw new Error(token.reason);
	return { store, home, homeSync, token: token.token.token, status };
}

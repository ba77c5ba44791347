// On the upstream: an enrolled hub registers its own public key (PUT /api/hubs/key), the key its
// updates files are signed with, so that the central server can publish it beside its own
// (GET /api/auth/keys `hubs`) and devices and this server can open those files. Only the hub's
// credential may do so; a revoked hub is nobody.
import { Hono } from 'hono';
import { limitBody } from '../http/body-limit';
import { readJson, jsonHttpError } from '../http/json';
import { importPublicKey } from '../../src/lib/domain/signing';
import type { HubRegistry } from './enrolment';
import { hubCredentialOf } from './upstream-auth';

/** `{"publicKey": "<43 base64url characters>"}` fits many times over; anything bigger is not a key. */
export const HUB_KEY_BODY_BYTES = 1024;

export function createHubKeyRoutes(deps: { hubs: HubRegistry }): Hono {
	const app = new Hono();
	app.put(
		'/key',
		limitBody({
			maxSize: HUB_KEY_BODY_BYTES,
			onError: () => {
				throw jsonHttpError(413, 'too_large', `a hub key registration is limited to ${HUB_KEY_BODY_BYTES} bytes`);
			}
		}),
		async (c) => {
			c.header('cache-control', 'no-store');
			const credential = hubCredentialOf(c.req.raw);
			const name = credential === null ? null : await deps.hubs.authenticate(credential);
			if (name === null)
				return c.json(
					{ error: 'unauthorized', reason: 'only an enrolled hub registers its key, with its credential' },
					401
				);
			const { publicKey } = ((await readJson(c)) ?? {}) as { publicKey?: unknown };
			if (typeof publicKey !== 'string' || !(await importPublicKey(publicKey)))
				return c.json({ error: 'bad_request', reason: 'publicKey must be a raw Ed25519 public key in base64url' }, 400);
			// revoked between the credential check and now: still nobody
			if (!(await deps.hubs.setKey(name, publicKey)))
				return c.json({ error: 'unauthorized', reason: `hub ${name} is no longer enrolled` }, 401);
			return c.json({ ok: true, name, publicKey });
		}
	);
	return app;
}

// POST /api/bundles: open an updates file on the server or hub through the web, for a
// device that cannot sync with it directly. The body is the bundle file itself; any signed-in
// member (or hub-token holder on a hub) may upload, since every document is verified and
// authorized as its own signing member (server/bundle/index.ts), never as the uploader.
import { Hono } from 'hono';
import { limitBody } from '../http/body-limit';
import { LIMITS } from '../config';
import type { AuthService } from '../auth/types';
import type { MemberRoles } from '../auth/users';
import type { Storage } from '../storage/index';
import { clientAddress } from '../http/client-address';
import { importServerBundle, type TrustedKeys } from './index';

export interface BundleRoutesDeps {
	storage: Storage;
	auth: AuthService;
	users: MemberRoles;
	/** The server's and enrolled hubs' keys (index.ts trustedKeys), read for each file. */
	keys: () => Promise<TrustedKeys>;
	/** Who may upload besides members (a hub's organiser). */
	alsoAllowed?: (req: Request) => boolean;
}

export function createBundleRoutes(deps: BundleRoutesDeps): Hono {
	const app = new Hono();
	app.post(
		'/',
		limitBody({
			maxSize: LIMITS.REQUEST_BYTES,
			onError: (c) =>
				c.json(
					{ error: 'too_large', reason: `an updates file is limited to ${LIMITS.REQUEST_BYTES / 1024 / 1024} MiB` },
					413
				)
		}),
		async (c) => {
			const who = await deps.auth.authenticate(c.req.raw, clientAddress(c));
			if (!who && !deps.alsoAllowed?.(c.req.raw))
				return c.json(
					{ error: 'unauthorized', reason: 'sign in (or bring a hub pass) to open an updates file here' },
					401
				);
			const file = new Uint8Array(await c.req.arrayBuffer());
			if (file.byteLength === 0)
				return c.json({ error: 'bad_request', reason: 'send the updates file as the request body' }, 400);
			const outcome = await importServerBundle(deps.storage, deps.users, await deps.keys(), file);
			if (!outcome.ok) return c.json({ error: 'bad_request', reason: outcome.reason }, 400);
			return c.json(outcome);
		}
	);
	return app;
}

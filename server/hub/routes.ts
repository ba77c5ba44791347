// The JSON API a hub serves under /api: who is signed in (from the upstream's token), the
// upstream keys it trusts, and the hub's own status. Accounts, sessions and device certificates
// live on the upstream only: those routes answer 403 with where to go instead.
import { Hono } from 'hono';
import type { AuthService } from '../auth/types';
import { clientAddress } from '../http/client-address';
import type { HubState } from './state';
import type { HubReplication } from './replicator';

export interface HubRoutesDeps {
	auth: AuthService;
	state: HubState;
	upstream: string;
	/** The hub's enrolled name (from its credential), which the app shows to attendees. */
	name?: string | null;
	/** The running replication, once started (absent in tests of the routes alone). */
	replication?: () => HubReplication | null;
}

export function createHubRoutes(deps: HubRoutesDeps): Hono {
	const app = new Hono();
	const elsewhere = `this is a meetup hub: accounts, sign-in and devices are managed at ${deps.upstream}`;

	app.get('/hub', (c) => {
		c.header('cache-control', 'no-store');
		const data = deps.state.data();
		return c.json({
			hub: true,
			name: deps.name ?? null,
			upstream: deps.upstream,
			keysFetchedAt: data.fetchedAt,
			replication: deps.replication?.()?.status() ?? null
		});
	});
	// "Sync now": a direction waiting to retry the upstream starts at once. Any attendee with a hub
	// token may ask (it costs one attempt, and the wait is at most 30 s anyway); not anonymous callers.
	app.post('/hub/sync', async (c) => {
		c.header('cache-control', 'no-store');
		const user = await deps.auth.authenticate(c.req.raw, clientAddress(c));
		if (!user) return c.json({ error: 'unauthorized', reason: 'present a hub token (Authorization: Bearer)' }, 401);
		const replication = deps.replication?.();
		if (!replication)
			return c.json({ error: 'conflict', reason: 'this hub has not started its link to the central server yet' }, 409);
		const started = replication.retryNow();
		return c.json({ ok: true, started, replication: replication.status() });
	});
	app.get('/auth/session', async (c) => {
		c.header('cache-control', 'no-store');
		const user = await deps.auth.authenticate(c.req.raw, clientAddress(c));
		if (!user)
			return c.json(
				{ error: 'unauthorized', reason: 'present a hub token from the central server (Authorization: Bearer)' },
				401
			);
		return c.json({ user: { name: user.name, roles: user.roles, displayName: user.name } });
	});
	app.get('/auth/keys', (c) => c.json({ keys: deps.state.data().keys, hubs: deps.state.data().hubs }));
	app.all('/auth/*', (c) => c.json({ error: 'forbidden', reason: elsewhere }, 403));
	app.all('/devices', (c) => c.json({ error: 'forbidden', reason: elsewhere }, 403));
	app.all('/devices/*', (c) => c.json({ error: 'forbidden', reason: elsewhere }, 403));
	return app;
}

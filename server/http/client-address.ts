// The address of the client behind a request, for rate limits. Under app.request() (tests)
// there is no socket unless the test passes one in the env; then it is 'unknown'.
// Behind a reverse proxy every request comes from the proxy, so with `trustProxy` the last
// X-Forwarded-For entry (the address the proxy itself saw) is used instead; earlier entries
// are whatever the client claimed and are ignored.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export type AddressOf = (c: Context) => string;

export function clientAddress(c: Context): string {
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

export function clientAddressResolver(trustProxy: boolean): AddressOf {
	if (!trustProxy) return clientAddress;
	return (c) => {
		const forwarded = c.req.header('x-forwarded-for');
		const last = forwarded
			?.split(',')
			.map((s) => s.trim())
			.filter(Boolean)
			.at(-1);
		return last ?? clientAddress(c);
	};
}

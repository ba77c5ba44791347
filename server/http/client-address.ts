// The address of the client behind a request, for rate limits. Under app.request() (tests)
// there is no socket unless the test passes one in the env; then it is 'unknown'.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export function clientAddress(c: Context): string {
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

// On the upstream: who is asking, when it may be an enrolled hub. A Bearer credential
// `praxis-hub:{name}:{secret}` authenticates the hub as `{name: 'hub:{name}', roles: [], hub}`;
// anything else goes to the members' AuthService. A revoked hub is nobody (401).
import type { AuthService, SessionUser } from '../auth/types';
import { parseAuthorization } from '../auth/credentials';
import { isHubCredential, type HubRegistry } from './enrolment';

/** The hub credential a request carries, or null (a cheap check: no lookup). */
export function hubCredentialOf(req: Request): string | null {
	const header = req.headers.get('authorization');
	if (!header) return null;
	const parsed = parseAuthorization(header);
	return parsed?.scheme === 'bearer' && isHubCredential(parsed.token) ? parsed.token : null;
}

export const hubPrincipal = (name: string): SessionUser => ({ name: `hub:${name}`, roles: [], hub: name });

export function withHubCredentials(auth: AuthService, hubs: HubRegistry): AuthService {
	return {
		async authenticate(req, clientAddress) {
			const credential = hubCredentialOf(req);
			if (credential === null) return auth.authenticate(req, clientAddress);
			const name = await hubs.authenticate(credential);
			return name === null ? null : hubPrincipal(name);
		}
	};
}

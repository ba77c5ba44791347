// The hub's AuthService: members present a token the upstream signed (a hub token, aud
// praxis-hub, or a session token) as `Authorization: Bearer` (or the session cookie). The hub
// verifies it offline with the upstream keys it last fetched, refuses revoked token ids, and
// trusts the roles in the token (the upstream checks them again when documents reach it).
import { jwtVerify, errors as joseErrors } from 'jose';
import type { AuthService, SessionUser } from '../auth/types';
import { parseAuthorization, sessionCookieValue } from '../auth/credentials';
import { HUB_AUDIENCE } from '../auth/tokens';
import { isRole, normalizeRoles } from '../auth/users';
import { isValidUsername } from '../../src/lib/domain/ids';
import type { HubState } from './state';

function tokenOf(req: Request): string | null {
	const header = req.headers.get('authorization');
	if (header) {
		const parsed = parseAuthorization(header);
		return parsed?.scheme === 'bearer' ? parsed.token : null;
	}
	return sessionCookieValue(req.headers.get('cookie'));
}

const audienceOk = (aud: unknown): boolean =>
	aud === undefined || aud === HUB_AUDIENCE || (Array.isArray(aud) && aud.includes(HUB_AUDIENCE));

/** `onMember` hears every member whose token was accepted (the organiser's count of attendees). */
export function createHubAuth(
	state: HubState,
	clock: () => Date = () => new Date(),
	onMember?: (name: string) => void
): AuthService {
	return {
		async authenticate(req): Promise<SessionUser | null> {
			const token = tokenOf(req);
			if (!token || state.data().keys.length === 0) return null;
			try {
				const { payload } = await jwtVerify(token, state.jwtKeys(), { algorithms: ['EdDSA'], currentDate: clock() });
				const { sub, jti, roles } = payload;
				if (!isValidUsername(sub) || typeof jti !== 'string' || !audienceOk(payload.aud)) return null;
				if (state.revokedTokens().has(jti)) return null;
				onMember?.(sub);
				return { name: sub, roles: normalizeRoles(Array.isArray(roles) ? roles.filter(isRole) : []) };
			} catch (err) {
				if (err instanceof joseErrors.JOSEError || err instanceof TypeError) return null;
				throw err;
			}
		}
	};
}

// A stand-in AuthService for server tests: HTTP Basic credentials checked against a fixed map.
import type { AuthService, SessionUser } from '../../../server/auth/types';
import type { Role } from '../../../src/lib/domain/schemas';

export interface FakeUser {
	password: string;
	roles: Role[];
}

export function fakeAuth(users: Record<string, FakeUser>): AuthService {
	return {
		async authenticate(req: Request): Promise<SessionUser | null> {
			const header = req.headers.get('authorization') ?? '';
			const match = /^Basic\s+(.+)$/i.exec(header);
			if (!match) return null;
			const decoded = Buffer.from(match[1], 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			const name = decoded.slice(0, i);
			const user = users[name];
			return i > 0 && user && user.password === decoded.slice(i + 1) ? { name, roles: user.roles } : null;
		}
	};
}

export function basicAuth(name: string, password: string): string {
	return 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');
}

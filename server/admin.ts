// The admin CLI: `npm run admin -- grant|revoke <username> <role>`, `create-admin <username>`,
// `list-users`, `reset-code <username>`, `enrol-hub|revoke-hub <name>`, `list-hubs`. Works directly on DATA_DIR (or COUCHDB_URL); LevelDB allows one process, so
// it refuses clearly while a server holds the store.
import { randomBytes } from 'node:crypto';
import type { Storage } from './storage/index';
import { createAuthService, keysDirOf } from './auth/service';
import { isRole } from './auth/users';
import { checkUsername, RESERVED_USERNAMES } from './auth/input';
import { createAccounts, OPERATOR } from './auth/accounts';
import { judgePassword } from '../src/lib/domain/password-strength';
import { verdictMessage } from '../src/lib/domain/password-rules';
import { hashPassword } from './auth/passwords';
import { ROLES } from '../src/lib/domain/schemas';
import { runAsMain, withCliStore, type CliIo } from './cli';
import { createHubRegistry } from './hub/enrolment';

export const USAGE = `Usage: npm run admin -- <command>

  grant <username> <role>     give a member a role (${ROLES.filter((r) => r !== 'member').join(', ')})
  revoke <username> <role>    take a role away
  create-admin <username>     create an admin account (password from PRAXIS_ADMIN_PASSWORD,
                              or generated and printed); an existing member becomes admin
  list-users                  list members and their roles
  reset-code <username>       give a member who forgot their password a one-time code
                              (valid 24 hours) to set a new one at /reset
  enrol-hub <name>            enrol a meetup hub: prints the credential to start it with
                              (saved in a file: npm start -- --hub --upstream URL
                              --hub-credential-file FILE)
  revoke-hub <name>           revoke a hub's credential (it gets 401 from then on)
  list-hubs                   list enrolled hubs

Works on DATA_DIR (default ./data) or COUCHDB_URL. Stop the server first when it uses DATA_DIR:
on a running server, an administrator does all of this on the /admin page instead.`;

export type AdminIo = CliIo;

type Command =
	| { name: 'grant' | 'revoke'; username: string; role: string }
	| { name: 'create-admin'; username: string }
	| { name: 'list-users' }
	| { name: 'reset-code'; username: string }
	| { name: 'enrol-hub' | 'revoke-hub'; hub: string }
	| { name: 'list-hubs' };

function parseArgs(args: readonly string[]): Command | null {
	const [name, ...rest] = args;
	if ((name === 'grant' || name === 'revoke') && rest.length === 2) return { name, username: rest[0], role: rest[1] };
	if (name === 'create-admin' && rest.length === 1) return { name, username: rest[0] };
	if (name === 'list-users' && rest.length === 0) return { name };
	if (name === 'reset-code' && rest.length === 1) return { name, username: rest[0] };
	if ((name === 'enrol-hub' || name === 'revoke-hub') && rest.length === 1) return { name, hub: rest[0] };
	if (name === 'list-hubs' && rest.length === 0) return { name };
	return null;
}

async function execute(command: Command, storage: Storage, dataDir: string, io: AdminIo): Promise<number> {
	// The server's own signing key (DATA_DIR/keys), never a throwaway one: the profile
	// create-admin writes is server-signed, and devices check it against /api/auth/keys.
	const auth = createAuthService({ storage, keysDir: keysDirOf(dataDir) });
	switch (command.name) {
		case 'list-users': {
			const users = await auth.users.list();
			for (const u of users) io.out(`${u.name.padEnd(32)} ${u.roles.join(',').padEnd(32)} ${u.displayName}`);
			io.out(`${users.length} member${users.length === 1 ? '' : 's'}`);
			return 0;
		}
		case 'grant':
		case 'revoke': {
			if (!isRole(command.role) || command.role === 'member') {
				io.err(`Unknown role "${command.role}": use one of ${ROLES.filter((r) => r !== 'member').join(', ')}.`);
				return 1;
			}
			const role = command.role;
			const updated = await auth.users.updateRoles(command.username, (roles) =>
				command.name === 'grant' ? [...roles, role] : roles.filter((r) => r !== role)
			);
			if (!updated) {
				io.err(`No member named "${command.username}".`);
				return 1;
			}
			io.out(`${updated.name} now has roles: ${updated.roles.join(', ')}`);
			return 0;
		}
		case 'create-admin':
			return createAdmin(command.username, auth, io);
		case 'reset-code': {
			const existing = await auth.users.get(command.username);
			if (!existing) {
				io.err(`No member named "${command.username}".`);
				return 1;
			}
			const issued = await createAccounts(auth).issueResetCode(existing.name, OPERATOR);
			io.out(`Reset code for ${issued.username}: ${issued.code}`);
			io.out(`Valid until ${issued.expiresAt} (24 hours), once. Any earlier code no longer works.`);
			io.out(`Give it to ${issued.username} in person or by phone; they set a new password at /reset.`);
			return 0;
		}
		case 'enrol-hub':
		case 'revoke-hub':
		case 'list-hubs':
			return hubCommand(command, storage, io);
	}
}

async function hubCommand(
	command: Extract<Command, { name: 'enrol-hub' | 'revoke-hub' | 'list-hubs' }>,
	storage: Storage,
	io: AdminIo
): Promise<number> {
	const hubs = createHubRegistry(storage);
	if (command.name === 'list-hubs') {
		const list = await hubs.list();
		for (const h of list)
			io.out(`${h.name.padEnd(32)} enrolled ${h.createdAt}${h.revokedAt ? `  REVOKED ${h.revokedAt}` : ''}`);
		io.out(`${list.length} hub${list.length === 1 ? '' : 's'}`);
		return 0;
	}
	if (command.name === 'revoke-hub') {
		if (!(await hubs.revoke(command.hub))) {
			io.err(`No hub named "${command.hub}".`);
			return 1;
		}
		io.out(`Hub ${command.hub} is revoked: the upstream answers its credential with 401.`);
		return 0;
	}
	const result = await hubs.enrol(command.hub);
	if ('refused' in result) {
		io.err(`Cannot enrol "${command.hub}": ${result.refused}.`);
		return 1;
	}
	io.out(`Enrolled hub ${command.hub}. Its credential (shown once; keep it secret):`);
	io.out(result.credential);
	io.out(`Save it in a file only the hub's operator can read, then start the hub with:`);
	io.out(`  npm start -- --hub --upstream <this server's URL> --hub-credential-file <that file>`);
	return 0;
}

async function createAdmin(username: string, auth: ReturnType<typeof createAuthService>, io: AdminIo): Promise<number> {
	const problem = checkUsername(username) ?? (RESERVED_USERNAMES.has(username) ? `"${username}" is reserved` : null);
	if (problem) {
		io.err(`Cannot use "${username}": ${problem}.`);
		return 1;
	}
	const given = io.env.PRAXIS_ADMIN_PASSWORD;
	if (given !== undefined) {
		const verdict = judgePassword(given, { username });
		if (!verdict.ok) {
			io.err(`PRAXIS_ADMIN_PASSWORD: ${verdictMessage(verdict)}`);
			return 1;
		}
	}
	const existing = await auth.users.get(username);
	if (existing) {
		await auth.users.updateRoles(username, (roles) => [...roles, 'admin']);
		if (given !== undefined) await auth.users.setPassword(username, await hashPassword(given));
		io.out(`${username} already exists and is now an admin${given !== undefined ? ' (password changed)' : ''}.`);
		return 0;
	}
	const password = given ?? randomBytes(15).toString('base64url');
	// the operator made this account, not its holder: asked to read the notice at first sign-in
	await auth.createMember({ username, password, displayName: username, roles: ['admin'], privacy: null });
	io.out(`Created admin ${username}.`);
	if (given === undefined) io.out(`Password: ${password}  (shown once: store it in a password manager)`);
	return 0;
}

/** Runs one command; returns the process exit code (2 when the store is locked). */
export async function runAdmin(args: readonly string[], io: AdminIo): Promise<number> {
	const command = parseArgs(args);
	if (!command) {
		io.err(USAGE);
		return 64;
	}
	return withCliStore(io, (storage, dataDir) => execute(command, storage, dataDir, io));
}

runAsMain(import.meta.url, 'admin', runAdmin);

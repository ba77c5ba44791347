// `npm run bundle -- export FILE [--since ISO-DATE]` and `npm run bundle -- import FILE`: the file
// exchange on a server or hub (server/bundle/index.ts). Works directly on DATA_DIR (or
// COUCHDB_URL) like the admin CLI, so it refuses clearly while a server holds a LevelDB store.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuthService, keysDirOf } from '../auth/service';
import { runAsMain, withCliStore, type CliIo } from '../cli';
import { exportServerBundle, hubMembersWith, hubRolesFromState, importServerBundle, trustedKeys } from './index';
import { HUB_STATE_FILE } from '../hub/state';
import { createHubRegistry } from '../hub/enrolment';

export const USAGE = `Usage: npm run bundle -- <command>

  export FILE [--since DATE]  save the community documents (changed since DATE, ISO 8601) to FILE
  import FILE                 verify a bundle and apply what verifies (same rules as a sync)

Works on DATA_DIR (default ./data) or COUCHDB_URL. Stop the server first when it uses DATA_DIR.`;

export type BundleIo = CliIo;

type Command = { name: 'export'; file: string; since: string | null } | { name: 'import'; file: string };

function parseArgs(args: readonly string[]): Command | string {
	const [name, file, ...rest] = args;
	if (name === 'import' && file && rest.length === 0) return { name, file };
	if (name === 'export' && file) {
		if (rest.length === 0) return { name, file, since: null };
		if (rest.length === 2 && rest[0] === '--since') {
			const at = Date.parse(rest[1]);
			return Number.isNaN(at)
				? `--since needs an ISO 8601 date, not "${rest[1]}"`
				: { name, file, since: new Date(at).toISOString() };
		}
	}
	return USAGE;
}

export async function runBundle(args: readonly string[], io: BundleIo): Promise<number> {
	const command = parseArgs(args);
	if (typeof command === 'string') {
		io.err(command);
		return 64;
	}
	return withCliStore(io, async (storage, dataDir) => {
		const auth = createAuthService({ storage, keysDir: keysDirOf(dataDir) });
		if (command.name === 'export') {
			const { bytes, count } = await exportServerBundle(storage, auth, command.since);
			writeFileSync(command.file, bytes);
			io.out(
				`Saved ${count} documents${command.since ? ` changed since ${command.since}` : ''} to ${command.file} (${bytes.byteLength} bytes).`
			);
			return 0;
		}
		let file: Uint8Array<ArrayBuffer>;
		try {
			file = new Uint8Array(readFileSync(command.file));
		} catch {
			io.err(`Cannot read ${command.file}.`);
			return 1;
		}
		const outcome = await importServerBundle(
			storage,
			existsSync(join(dataDir, HUB_STATE_FILE)) ? hubMembersWith(hubRolesFromState(dataDir)) : auth.users,
			await trustedKeys(auth, dataDir, { hubs: () => createHubRegistry(storage).publishedKeys() }),
			file
		);
		if (!outcome.ok) {
			io.err(`Refused: ${outcome.reason}`);
			return 1;
		}
		io.out(`Bundle of ${outcome.received} documents: ${outcome.summary}`);
		for (const r of outcome.refused) io.out(`  refused ${r.id}: ${r.reason}`);
		return 0;
	});
}

runAsMain(import.meta.url, 'bundle', runBundle);

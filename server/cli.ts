// What the command-line tools (admin, bundle) share: their I/O, opening the server's store from
// the environment with a plain message when a running server holds it, and running as main.
import { pathToFileURL } from 'node:url';
import { createStorage, type Storage } from './storage/index';
import { isStoreLockedError, openUsersDb } from './store-lock';
import { readStoreConfig } from './config';
import { errorMessage } from '../src/lib/domain/errors';

export interface CliIo {
	env: Record<string, string | undefined>;
	out: (line: string) => void;
	err: (line: string) => void;
}

/**
 * Opens DATA_DIR's LevelDB store (or COUCHDB_URL's), runs `task` and closes the store. Returns
 * 2 with a clear message when another process (the server) holds the LevelDB lock.
 */
export async function withCliStore(
	io: CliIo,
	task: (storage: Storage, dataDir: string) => Promise<number>
): Promise<number> {
	const { couchdbUrl, dataDir } = readStoreConfig(io.env);
	const storage = couchdbUrl
		? createStorage({ kind: 'couchdb', couchdbUrl })
		: createStorage({ kind: 'leveldb', dataDir });
	try {
		await openUsersDb(storage);
		return await task(storage, dataDir);
	} catch (err) {
		if (isStoreLockedError(err)) {
			io.err(`The Praxis server is running on DATA_DIR ${dataDir}: stop it first (LevelDB allows one process).`);
			return 2;
		}
		throw err;
	} finally {
		await storage.close();
	}
}

/** Runs `run` with the process's arguments and streams when `moduleUrl` is the entry point. */
export function runAsMain(
	moduleUrl: string,
	name: string,
	run: (args: readonly string[], io: CliIo) => Promise<number>
): void {
	if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
	run(process.argv.slice(2), {
		env: process.env,
		out: (line) => process.stdout.write(line + '\n'),
		err: (line) => process.stderr.write(line + '\n')
	}).then(
		(code) => process.exit(code),
		(err: unknown) => {
			process.stderr.write(`${name} failed: ${errorMessage(err)}\n`);
			process.exit(1);
		}
	);
}

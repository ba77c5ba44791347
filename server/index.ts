// The Node entry point: reads its configuration (config.ts), opens the store, seeds it on first start,
// and serves the app until SIGINT/SIGTERM, when it closes the server and the store cleanly.
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createStorage } from './storage/index';
import { readServerConfig } from './config';
import { createApp, loadServerUuid } from './app';
import { seed, type SeedReport } from './seed';
import { isStoreLockedError, openUsersDb } from './store-lock';
import { createMailer } from './mail/mailer';
import { startDigests } from './mail/digest';
import { resumeAccountDeletions } from './deletion/purge';
import { createHub } from './hub/index';
import { announcement } from './hub/announce';
import { COMMUNITY_DB } from '../src/lib/domain/ids';
import { errorMessage } from '../src/lib/domain/errors';

function packageVersion(): string {
	try {
		const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
		return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
	} catch {
		return '0.0.0';
	}
}

function fail(message: string): never {
	process.stderr.write(message + '\n');
	process.exit(1);
}

/** The CouchDB URL without its credentials, for printing. */
function redact(url: string): string {
	try {
		const u = new URL(url);
		u.username = '';
		u.password = '';
		return u.toString();
	} catch {
		return '(invalid URL)';
	}
}

function seedLines(report: SeedReport): string[] {
	const lines: string[] = [];
	if (report.categoriesCreated > 0) lines.push(`Created ${report.categoriesCreated} forum categories.`);
	if (report.demoLoaded) lines.push(`Loaded demo content (${report.demoDocs} documents).`);
	if (report.demoPassword) {
		lines.push(`Demo logins (password "${report.demoPassword}"):`);
		for (const m of report.demoMembers)
			lines.push(
				`  ${m.username.padEnd(8)} ${m.displayName}${m.roles.length > 1 ? ` (${m.roles.slice(1).join(', ')})` : ''}`
			);
	}
	return lines;
}

async function main(): Promise<void> {
	const serverConfig = readServerConfig(process.env, { argv: process.argv.slice(2), version: packageVersion() });
	if ('error' in serverConfig) fail(serverConfig.error);
	const { port, host, app: config, hub: hubArgs } = serverConfig;
	const { couchdbUrl } = serverConfig.store;
	// Email only when the operator sets SMTP_URL (a hub sends none: it has no accounts).
	const mailer = hubArgs.hub ? null : createMailer(serverConfig.mail);

	const storage = couchdbUrl
		? createStorage({ kind: 'couchdb', couchdbUrl })
		: createStorage({ kind: 'leveldb', dataDir: config.dataDir });
	try {
		await openUsersDb(storage);
	} catch (err) {
		if (isStoreLockedError(err)) {
			fail(
				`Another process is using the Praxis store in ${config.dataDir} (LevelDB allows one process): stop it first, or set DATA_DIR to another folder.`
			);
		}
		fail(
			`Cannot open the store${couchdbUrl ? ` at ${redact(couchdbUrl)}` : ` in ${config.dataDir}`}: ${errorMessage(err)}`
		);
	}

	const uuid = await loadServerUuid(storage);
	const hub = hubArgs.hub
		? createHub({ storage, dataDir: config.dataDir, upstream: hubArgs.upstream, credential: hubArgs.credential })
		: undefined;
	const { app, auth, snapshots, compactions, emails, appUrl, verifier, surveys, impact } = createApp({
		storage,
		config,
		uuid,
		trustProxy: serverConfig.trustProxy,
		requireSignatures: serverConfig.requireSignatures,
		writeLimits: serverConfig.writeLimits,
		hub,
		mailer
	});
	const digests = mailer
		? startDigests({
				storage,
				emails,
				users: auth.users,
				mailer,
				appUrl,
				log: (line) => process.stdout.write(line + '\n')
			})
		: null;
	// A hub gets its content from the upstream: no local seed or demo.
	const report = hub ? null : await seed({ storage, auth, demo: config.demo });
	// The first member's first sync should not wait for the store to be read.
	if (!hub) snapshots.warm(COMMUNITY_DB);
	// A hub's store gathers superseded revisions from the upstream just the same.
	for (const compaction of compactions) compaction.start();
	// Anonymous surveys' results are published in batches, and when they close.
	surveys?.start();
	// shortly after start and then hourly (none on a hub: createApp gives none)
	impact?.start();
	// An account deletion cut short by a stop finishes now (its account is already refused).
	if (!hub) {
		const log = (line: string) => void process.stdout.write(line + '\n');
		void resumeAccountDeletions({ storage, auth, verifier, emails, clock: () => new Date(), compactions, log }).catch(
			(err: unknown) => log(`[deletion] not resumed: ${String(err)}`)
		);
	}

	const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
		const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
		const lines = [`Praxis is running at http://${shown}:${info.port}`];
		lines.push(couchdbUrl ? `Store: CouchDB at ${redact(couchdbUrl)}` : `Store: ${config.dataDir}`);
		if (hub && hubArgs.hub) {
			process.stdout.write(lines.join('\n') + '\n');
			void announcement(host, info.port, hubArgs.upstream, undefined, hub.organiserAccess.code).then((text) =>
				process.stdout.write(text + '\n')
			);
			void hub.start();
			return;
		}
		if (report) lines.push(...seedLines(report));
		if (mailer) lines.push(`Email: on (links point to ${appUrl})`);
		process.stdout.write(lines.join('\n') + '\n');
	}) as Server;

	server.on('error', (err: NodeJS.ErrnoException) => {
		fail(
			err.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : `Server error: ${err.message}`
		);
	});

	let closing = false;
	const shutdown = (signal: string) => {
		if (closing) return;
		closing = true;
		process.stdout.write(`${signal}: closing Praxis...\n`);
		void hub?.stop();
		digests?.stop();
		mailer?.close();
		server.close(() => {
			void Promise.all([...compactions.map((compaction) => compaction.stop()), surveys?.stop(), impact?.close()])
				.then(() => storage.close())
				.then(() => process.exit(0));
		});
		// Longpoll replication requests would otherwise hold the server open for up to a minute.
		server.closeAllConnections();
		setTimeout(() => process.exit(0), 5_000).unref();
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) =>
	fail(`Praxis failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
);

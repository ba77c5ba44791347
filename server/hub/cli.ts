// Hub mode from the command line: `--hub --upstream URL`, the credential read from a file
// (`--hub-credential-file PATH` or PRAXIS_HUB_CREDENTIAL_FILE) or the environment
// (PRAXIS_HUB_CREDENTIAL), so that it never shows in the process list; `--hub-credential X` still
// works for a quick try. --hub alone, or PRAXIS_HUB=1, turns hub mode on.
import { readFileSync } from 'node:fs';
import { parseHubCredential } from './enrolment';

export type HubArgs = { hub: false } | { hub: true; upstream: string; credential: string } | { error: string };

/** Checks and normalizes an upstream URL (http or https, no path). */
export function parseUpstream(value: string): string | null {
	try {
		const url = new URL(value);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
		if (url.username || url.password) return null;
		return url.origin;
	} catch {
		return null;
	}
}

/** The credential in a file (the first non-empty line, trimmed), or why it cannot be read. */
function credentialFromFile(path: string, read: (path: string) => string): { credential: string } | { error: string } {
	try {
		const line = read(path)
			.split(/\r?\n/)
			.map((l) => l.trim())
			.find((l) => l !== '');
		return line ? { credential: line } : { error: `the hub credential file ${path} is empty` };
	} catch (err) {
		return {
			error: `cannot read the hub credential file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`
		};
	}
}

export function parseHubArgs(
	argv: readonly string[],
	env: Record<string, string | undefined>,
	readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')
): HubArgs {
	let hub = env.PRAXIS_HUB === '1';
	let upstream = env.PRAXIS_UPSTREAM;
	let credential = env.PRAXIS_HUB_CREDENTIAL;
	let credentialFile = env.PRAXIS_HUB_CREDENTIAL_FILE;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=')
			? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
			: [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--hub') hub = true;
		else if (flag === '--upstream') upstream = value();
		else if (flag === '--hub-credential') credential = value();
		else if (flag === '--hub-credential-file') credentialFile = value();
		else return { error: `unknown option ${arg} (hub mode: --hub --upstream URL --hub-credential-file PATH)` };
	}
	if (!hub)
		return upstream || credential || credentialFile
			? { error: '--upstream and the hub credential need --hub' }
			: { hub: false };
	if (credentialFile && !credential) {
		const read = credentialFromFile(credentialFile, readFile);
		if ('error' in read) return read;
		credential = read.credential;
	}
	if (!upstream) return { error: 'hub mode needs the central server: --upstream https://… (or PRAXIS_UPSTREAM)' };
	const origin = parseUpstream(upstream);
	if (!origin) return { error: `--upstream must be an http(s) URL without credentials, not ${upstream}` };
	if (!credential)
		return {
			error:
				'hub mode needs the credential the central server gave when the hub was enrolled (on /admin, or `npm run admin -- enrol-hub NAME`): put it in a file and pass --hub-credential-file PATH (or PRAXIS_HUB_CREDENTIAL_FILE, or PRAXIS_HUB_CREDENTIAL)'
		};
	if (!parseHubCredential(credential))
		return { error: 'the hub credential is malformed: copy the whole line enrol-hub printed (praxis-hub:NAME:SECRET)' };
	return { hub: true, upstream: origin, credential };
}

// Hub mode from the command line: `--hub --upstream URL --hub-credential X` (or the environment
// PRAXIS_UPSTREAM, PRAXIS_HUB_CREDENTIAL; --hub alone, or PRAXIS_HUB=1, turns it on).
import { parseHubCredential } from './enrolment';
import { parseUpstream } from './index';

export type HubArgs = { hub: false } | { hub: true; upstream: string; credential: string } | { error: string };

export function parseHubArgs(argv: readonly string[], env: Record<string, string | undefined>): HubArgs {
	let hub = env.PRAXIS_HUB === '1';
	let upstream = env.PRAXIS_UPSTREAM;
	let credential = env.PRAXIS_HUB_CREDENTIAL;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--hub') hub = true;
		else if (flag === '--upstream') upstream = value();
		else if (flag === '--hub-credential') credential = value();
		else return { error: `unknown option ${arg} (hub mode: --hub --upstream URL --hub-credential CREDENTIAL)` };
	}
	if (!hub) return upstream || credential ? { error: '--upstream and --hub-credential need --hub' } : { hub: false };
	if (!upstream) return { error: 'hub mode needs the central server: --upstream https://… (or PRAXIS_UPSTREAM)' };
	const origin = parseUpstream(upstream);
	if (!origin) return { error: `--upstream must be an http(s) URL without credentials, not ${upstream}` };
	if (!credential) return { error: 'hub mode needs the credential from `npm run admin -- enrol-hub NAME` on the central server: --hub-credential (or PRAXIS_HUB_CREDENTIAL)' };
	if (!parseHubCredential(credential)) return { error: 'the hub credential is malformed: copy the whole line enrol-hub printed (praxis-hub:NAME:SECRET)' };
	return { hub: true, upstream: origin, credential };
}

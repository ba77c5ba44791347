// What a hub prints on start: the LAN addresses attendees can reach it at, and a QR code (in the
// terminal) of the join link for the first one (src/lib/domain/hub-link.ts): scanned with a phone's
// camera it opens the member's own Praxis at /hub, which offers to connect to this hub.
// Only IPv4 addresses are offered: the app refuses bracketed IPv6 hosts (PouchDB's URL parser
// breaks them, see parseHubAddress in src/lib/sync/hub.ts), so printing one would only lead
// attendees to an address their app rejects.
import { isIPv6 } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';
import { hubJoinLink } from '../../src/lib/domain/hub-link';

export interface LanAddresses {
	/** Non-internal IPv4 addresses: what attendees' apps can use. */
	ipv4: string[];
	/** Non-internal, non-link-local IPv6 addresses: only reported, to explain why none is usable. */
	ipv6: string[];
}

export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): LanAddresses {
	const all = Object.values(interfaces)
		.flatMap((list) => list ?? [])
		.filter((i) => !i.internal);
	return {
		ipv4: all.filter((i) => i.family === 'IPv4').map((i) => i.address),
		ipv6: all.filter((i) => i.family === 'IPv6' && !i.address.toLowerCase().startsWith('fe80')).map((i) => i.address)
	};
}

export const hubUrl = (address: string, port: number): string => `http://${address}:${port}`;

const NEED_IPV4 =
	"Attendees' apps need an IPv4 address (like 192.168.1.20) to reach this hub: IPv6 addresses do not work in the app.";

/** The lines to print: the addresses attendees can use and a QR code of the first, or why there is none. */
export async function announcement(
	host: string,
	port: number,
	upstream: string,
	addresses: LanAddresses = lanAddresses(),
	organiserCode?: string
): Promise<string> {
	const lines = [`Meetup hub for ${upstream}`];
	if (organiserCode) lines.push(...organiserLines(host, port, addresses, organiserCode));
	// '::' listens on IPv4 too (dual stack), like '0.0.0.0'
	const everyInterface = host === '0.0.0.0' || host === '::';
	if (!everyInterface && isIPv6(host)) {
		lines.push(`HOST is the IPv6 address ${host}. ${NEED_IPV4}`);
		lines.push(
			addresses.ipv4.length > 0
				? `Set HOST to this computer's IPv4 address (${addresses.ipv4.join(' or ')}) and restart.`
				: "Set HOST to this computer's IPv4 address and restart."
		);
		return lines.join('\n');
	}
	const listening = everyInterface ? addresses.ipv4 : [host];
	if (listening.length === 0) {
		if (addresses.ipv6.length > 0) {
			lines.push(`This computer has only IPv6 addresses on the network (${addresses.ipv6.join(', ')}). ${NEED_IPV4}`);
			lines.push(
				"Connect to a network that gives this computer an IPv4 address, or set HOST to this computer's IPv4 address, then restart."
			);
		} else {
			lines.push('No LAN address found: connect this computer to the hall network (Wi-Fi or cable), then restart.');
		}
		return lines.join('\n');
	}
	const urls = listening.map((a) => hubUrl(a, port));
	const join = hubJoinLink(upstream, urls[0]);
	lines.push('Attendees scan this code with their phone, or open this link, to connect Praxis to this hub:');
	lines.push(`  ${join}`);
	lines.push(await QRCode.toString(join, { type: 'terminal', small: true }));
	lines.push('Or, in Praxis under Meetup hub, they type this address:', ...urls.map((u) => `  ${u}`));
	return lines.join('\n');
}

/**
 * The organiser's page and its code, first: whoever started the hub reads them before the
 * attendees' instructions. The hub keeps the code in memory only: a restart prints a new one.
 */
function organiserLines(host: string, port: number, addresses: LanAddresses, code: string): string[] {
	const everyInterface = host === '0.0.0.0' || host === '::';
	const at = everyInterface ? (addresses.ipv4[0] ?? 'localhost') : isIPv6(host) ? `[${host}]` : host;
	const here = everyInterface && at !== 'localhost' ? ` (on this computer: ${hubUrl('localhost', port)}/hub)` : '';
	return [`Organiser's page: ${hubUrl(at, port)}/hub${here}`, `Organiser code: ${code}`, ''];
}

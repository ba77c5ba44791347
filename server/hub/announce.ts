// What a hub prints on start: the LAN addresses attendees can reach it at, and a QR code (in the
// terminal) of the first one, which attendees scan in the app to add the hub as a sync remote.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';

/** Non-internal IPv4 addresses first (what phones on the hall's Wi-Fi use), then IPv6 ones. */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
	const all = Object.values(interfaces).flatMap((list) => list ?? []).filter((i) => !i.internal);
	const v4 = all.filter((i) => i.family === 'IPv4').map((i) => i.address);
	const v6 = all.filter((i) => i.family === 'IPv6' && !i.address.startsWith('fe80')).map((i) => i.address);
	return [...v4, ...v6];
}

export const hubUrl = (address: string, port: number): string => `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

/** The lines to print: addresses, and the QR code of the first address's URL. */
export async function announcement(host: string, port: number, upstream: string, addresses: string[] = lanAddresses()): Promise<string> {
	const listening = host === '0.0.0.0' || host === '::' ? addresses : [host];
	const urls = listening.map((a) => hubUrl(a, port));
	const lines = [`Meetup hub for ${upstream}`];
	if (urls.length === 0) {
		lines.push('No LAN address found: connect this computer to the hall network (Wi-Fi or cable), then restart.');
		return lines.join('\n');
	}
	lines.push('Attendees connect their app to this hub at:', ...urls.map((u) => `  ${u}`));
	lines.push(await QRCode.toString(urls[0], { type: 'terminal', small: true }));
	return lines.join('\n');
}

// What the hub prints on start: only addresses the app accepts (IPv4, never a bracketed IPv6
// host), a QR code of the first, and a plain explanation when there is no IPv4 address to offer.
import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';
import { announcement, lanAddresses, type LanAddresses } from '../../../server/hub/announce';
import { parseHubAddress } from '../../../src/lib/sync/hub';

const UPSTREAM = 'https://praxis.example.org';
const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
	address,
	family: 'IPv4',
	internal,
	netmask: '',
	mac: '',
	cidr: null
});
const v6 = (address: string, scopeid = 0): NetworkInterfaceInfo => ({
	address,
	family: 'IPv6',
	internal: false,
	netmask: '',
	mac: '',
	cidr: null,
	scopeid
});

const dualStack = lanAddresses({
	lo: [v4('127.0.0.1', true)],
	wlan0: [v6('fe80::1', 2), v6('fd00::5'), v4('192.168.1.20')],
	eth0: [v4('10.0.0.7'), v6('2001:db8::7')]
});
const ipv6Only = lanAddresses({ lo: [v4('127.0.0.1', true)], wlan0: [v6('fe80::1', 2), v6('fd00::5')] });
const none: LanAddresses = { ipv4: [], ipv6: [] };

/** The hub URLs in a printed announcement (the upstream's own address aside). */
const printedUrls = (text: string) =>
	[...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).filter((u) => u !== UPSTREAM && !u.startsWith(UPSTREAM));
const joinOf = (hub: string) => `${UPSTREAM}/hub?connect=${encodeURIComponent(hub)}`;
const qrOf = (url: string) => QRCode.toString(url, { type: 'terminal', small: true });
const QR_BLOCKS = /[█▀▄]/;

describe('hub announcement', () => {
	it('finds the LAN addresses: IPv4 for attendees, IPv6 only noted (no loopback or link-local)', () => {
		expect(dualStack).toEqual({ ipv4: ['192.168.1.20', '10.0.0.7'], ipv6: ['fd00::5', '2001:db8::7'] });
		expect(ipv6Only).toEqual({ ipv4: [], ipv6: ['fd00::5'] });
	});

	it('prints the IPv4 addresses only, and a QR code of the join link for the first', async () => {
		for (const host of ['0.0.0.0', '::']) {
			const text = await announcement(host, 3000, UPSTREAM, dualStack);
			expect(printedUrls(text)).toEqual(['http://192.168.1.20:3000', 'http://10.0.0.7:3000']);
			expect(text).not.toMatch(/fd00|2001:db8|:\/\/\[/);
			// the code opens the member's own Praxis, not the hub's origin where sign-in cannot work
			expect(text).toContain(`  ${joinOf('http://192.168.1.20:3000')}\n`);
			expect(text).toContain(await qrOf(joinOf('http://192.168.1.20:3000')));
			expect(text).not.toContain(await qrOf('http://192.168.1.20:3000'));
		}
		const onOne = await announcement('10.0.0.7', 3000, UPSTREAM, dualStack);
		expect(printedUrls(onOne)).toEqual(['http://10.0.0.7:3000']);
		expect(onOne).toContain(await qrOf(joinOf('http://10.0.0.7:3000')));
	});

	it('says attendees need an IPv4 address when the network gives only IPv6 ones', async () => {
		const text = await announcement('0.0.0.0', 3000, UPSTREAM, ipv6Only);
		expect(printedUrls(text)).toEqual([]);
		expect(text).not.toMatch(QR_BLOCKS);
		expect(text).toContain('need an IPv4 address');
		expect(text).toContain('Connect to a network that gives this computer an IPv4 address, or set HOST');
	});

	it('says attendees need an IPv4 address when HOST is an IPv6 address, naming the IPv4 ones', async () => {
		const text = await announcement('fd00::5', 3000, UPSTREAM, dualStack);
		expect(printedUrls(text)).toEqual([]);
		expect(text).not.toMatch(QR_BLOCKS);
		expect(text).toContain('need an IPv4 address');
		expect(text).toContain("Set HOST to this computer's IPv4 address (192.168.1.20 or 10.0.0.7)");
	});

	it('asks to join the hall network when there is no LAN address at all', async () => {
		const text = await announcement('0.0.0.0', 3000, UPSTREAM, none);
		expect(printedUrls(text)).toEqual([]);
		expect(text).toContain('No LAN address');
	});

	it('prints only URLs the app accepts as a hub address', async () => {
		const cases: Array<[string, LanAddresses]> = [
			['0.0.0.0', dualStack],
			['::', dualStack],
			['192.168.1.20', dualStack],
			['hub.local', dualStack],
			['0.0.0.0', ipv6Only],
			['fd00::5', dualStack],
			['::1', none]
		];
		let printed = 0;
		for (const [host, addresses] of cases) {
			for (const url of printedUrls(await announcement(host, 3000, UPSTREAM, addresses))) {
				printed++;
				expect(parseHubAddress(url), url).toEqual({ ok: true, url });
			}
		}
		expect(printed).toBe(6);
	});
});

// Browsers meeting a hub on the LAN (tests/e2e/hub.test.ts, meetup.test.ts). When this machine
// has a non-loopback IPv4 address, the hub listens there, and Chromium is told
// (--ip-address-space-overrides) to treat the central server's origin as a PUBLIC site, as a
// central server on the internet is, and the hub's address as LOCAL, as a hall's 192.168.x.y is,
// so the app's fetch to the hub needs the 'local-network-access' permission.
import { networkInterfaces } from 'node:os';
import { openDevice, type Device } from './browser';

/** This machine's first non-loopback IPv4 address (the hall's LAN in a real meetup), or null. */
export function lanAddress(): string | null {
	const all = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
	return all.find((i) => !i.internal && i.family === 'IPv4')?.address ?? null;
}

/**
 * A member's browser (with the test hook) for which the central server is a public site and the
 * hub a LAN device when `lan` is set; `grant`: the member allowed local-network access.
 */
export async function openLanDevice(options: {
	central: string;
	hub: string;
	lan: string | null;
	grant: boolean;
}): Promise<Device> {
	const central = new URL(options.central);
	const hubAt = new URL(options.hub);
	// the hub as a LAN device even if this machine's address is not a private one (CI networks
	// often use TEST-NET or public ranges, which Chromium calls public)
	const args = options.lan
		? [`--ip-address-space-overrides=${central.hostname}:${central.port}=public,${hubAt.hostname}:${hubAt.port}=local`]
		: [];
	const device = await openDevice(undefined, { testHook: true, args });
	if (options.grant && options.lan)
		await device.context.grantPermissions(['local-network-access'], { origin: options.central });
	return device;
}

// The hub tries the central server at once when its network changes (server/hub/network-watch.ts):
// a change of non-internal addresses calls onChange once; loopback changes and unchanged readings
// do not. The interfaces and the timer are injected, so no real network or clock is involved.
import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { NETWORK_POLL_MS, watchNetwork } from '../../../server/hub/network-watch';

const iface = (address: string, internal = false): NetworkInterfaceInfo =>
	({
		address,
		family: 'IPv4',
		internal,
		netmask: '255.255.255.0',
		mac: '00:00:00:00:00:00',
		cidr: null
	}) as NetworkInterfaceInfo;

describe('watchNetwork', () => {
	it('calls onChange when the non-internal addresses change, and only then', () => {
		let current: NodeJS.Dict<NetworkInterfaceInfo[]> = {
			lo: [iface('127.0.0.1', true)],
			wlan0: [iface('192.168.1.20')]
		};
		let tick: (() => void) | null = null;
		let everyMs = 0;
		let stopped = false;
		let changes = 0;
		const stop = watchNetwork({
			interfaces: () => current,
			every: (fn, ms) => {
				tick = fn;
				everyMs = ms;
				return () => void (stopped = true);
			},
			onChange: () => changes++
		});
		expect(everyMs).toBe(NETWORK_POLL_MS);
		tick!();
		expect(changes).toBe(0);
		// loopback only: no new network
		current = { lo: [iface('127.0.0.1', true), iface('127.0.0.2', true)], wlan0: [iface('192.168.1.20')] };
		tick!();
		expect(changes).toBe(0);
		// the laptop joins the hall's Wi-Fi
		current = { lo: [iface('127.0.0.1', true)], wlan0: [iface('10.0.0.7')] };
		tick!();
		expect(changes).toBe(1);
		tick!();
		expect(changes).toBe(1);
		// cable unplugged: no address at all is a change too
		current = { lo: [iface('127.0.0.1', true)] };
		tick!();
		expect(changes).toBe(2);
		stop();
		expect(stopped).toBe(true);
	});

	it('makes the hub’s replication try again at once (retryNow)', async () => {
		const { vi } = await import('vitest');
		vi.useFakeTimers();
		try {
			let address = '192.168.1.20';
			const retryNow = vi.fn(() => true);
			const stop = watchNetwork({ interfaces: () => ({ en0: [iface(address)] }), onChange: () => retryNow() });
			vi.advanceTimersByTime(NETWORK_POLL_MS * 3);
			expect(retryNow).not.toHaveBeenCalled();
			address = '192.168.50.3';
			vi.advanceTimersByTime(NETWORK_POLL_MS);
			expect(retryNow).toHaveBeenCalledTimes(1);
			stop();
			address = '10.1.1.1';
			vi.advanceTimersByTime(NETWORK_POLL_MS * 2);
			expect(retryNow).toHaveBeenCalledTimes(1);
		} finally {
			vi.useRealTimers();
		}
	});
});

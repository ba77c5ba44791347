// A hub taken from the organiser's home to the hall, or a hall whose Wi-Fi comes back, changes
// network: the link to the central server should try at once instead of waiting out its backoff.
// Every NETWORK_POLL_MS the non-internal addresses are read (Node has no event for this); when
// they differ from the last reading, `onChange` runs.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export const NETWORK_POLL_MS = 5_000;

export interface NetworkWatchOptions {
	onChange: () => void;
	interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
	/** Runs `tick` every `ms` and returns how to stop it (setInterval by default). */
	every?: (tick: () => void, ms: number) => () => void;
	intervalMs?: number;
}

/** The non-internal addresses, sorted, as one comparable string. */
export function addressKey(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
	return Object.values(interfaces)
		.flatMap((list) => list ?? [])
		.filter((i) => !i.internal)
		.map((i) => `${i.family} ${i.address}`)
		.sort()
		.join(',');
}

const defaultEvery = (tick: () => void, ms: number): (() => void) => {
	const timer = setInterval(tick, ms);
	timer.unref();
	return () => clearInterval(timer);
};

/** Starts watching; returns a function that stops. */
export function watchNetwork(options: NetworkWatchOptions): () => void {
	const read = options.interfaces ?? networkInterfaces;
	let last = addressKey(read());
	return (options.every ?? defaultEvery)(() => {
		const now = addressKey(read());
		if (now === last) return;
		last = now;
		options.onChange();
	}, options.intervalMs ?? NETWORK_POLL_MS);
}

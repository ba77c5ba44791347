// When the server publishes the impact figures (publish.ts): shortly after start, then every
// IMPACT_INTERVAL_MS, one run at a time. Not on a hub: it relays the central server's figures.
import { publishImpact } from './publish';
import type { ServerSigner } from '../devices/server-key';
import type { Storage } from '../storage/index';
import type { ImpactPeriod } from '../../src/lib/domain/impact';
import { errorMessage } from '../../src/lib/domain/errors';

export const IMPACT_INTERVAL_MS = 60 * 60_000;
/** After start: lets the first members' syncs go first. */
export const IMPACT_FIRST_DELAY_MS = 60_000;

export interface ImpactPublisherOptions {
	storage: Storage;
	signer: () => Promise<ServerSigner>;
	clock?: () => Date;
	intervalMs?: number;
	firstDelayMs?: number;
	/** Where failures are reported (stderr by default). */
	log?: (line: string) => void;
}

export interface ImpactPublisher {
	/** Publishes after the first delay, then every interval, until close(). */
	start(): void;
	/** Publishes now (after any run under way); the periods written. */
	run(): Promise<ImpactPeriod[]>;
	/** Stops the timer and waits for a run under way. */
	close(): Promise<void>;
	/** Runs finished (for tests and diagnosis). */
	readonly runs: number;
}

export function createImpactPublisher(options: ImpactPublisherOptions): ImpactPublisher {
	const clock = options.clock ?? (() => new Date());
	const log = options.log ?? ((line: string) => void process.stderr.write(line + '\n'));
	const interval = options.intervalMs ?? IMPACT_INTERVAL_MS;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<unknown> = Promise.resolve();
	let started = false;
	let runs = 0;

	const run = (): Promise<ImpactPeriod[]> => {
		const next = running.then(async () => {
			try {
				return await publishImpact(options.storage, await options.signer(), clock());
			} finally {
				runs++;
			}
		});
		running = next.catch(() => undefined);
		return next;
	};

	const schedule = (ms: number) => {
		if (!started) return;
		timer = setTimeout(() => {
			timer = null;
			run()
				.catch((err: unknown) => log(`[impact] figures not published: ${errorMessage(err)}`))
				.finally(() => schedule(interval));
		}, ms);
		timer.unref(); // never what keeps the process alive
	};

	return {
		start() {
			if (started) return;
			started = true;
			schedule(options.firstDelayMs ?? IMPACT_FIRST_DELAY_MS);
		},
		run,
		async close() {
			started = false;
			if (timer) clearTimeout(timer);
			timer = null;
			await running;
		},
		get runs() {
			return runs;
		}
	};
}

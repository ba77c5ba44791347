// Password hashing: scrypt from node:crypto with a random salt per password; the cost
// parameters are stored with the hash so they can be raised later without breaking logins.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordHash {
	alg: 'scrypt';
	/** CPU/memory cost (a power of two). */
	N: number;
	r: number;
	p: number;
	/** base64 */
	salt: string;
	/** base64 */
	key: string;
}

export interface ScryptCost {
	N: number;
	r: number;
	p: number;
}

/**
 * 32 MiB and tens of milliseconds per hash. OWASP's cheat sheet suggests N=2^17; 2^15 keeps
 * logins quick on a small meetup-hub laptop while staying far out of reach of GPU cracking.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/**
 * At most this many hashes are computed at once. Each takes 32 MiB while it runs, and node's
 * thread pool would run four: a burst of sign-ins (200 devices reconnecting to a hub) held
 * 128 MiB at a time, which the allocator then kept (server RSS +120–170 MB in
 * bench/incremental.ts). The hashing is CPU-bound, so more at once than this would not finish
 * sooner on the small machines a hub runs on.
 */
export const SCRYPT_CONCURRENCY = 2;

/** Runs at most `limit` tasks at once; the others wait their turn in arrival order. */
class Gate {
	#running = 0;
	#completed = 0;
	readonly #waiting: Array<() => void> = [];

	constructor(readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
		this.#running++;
		try {
			return await task();
		} finally {
			this.#running--;
			this.#completed++;
			this.#waiting.shift()?.();
		}
	}

	get activity(): { running: number; waiting: number; completed: number } {
		return { running: this.#running, waiting: this.#waiting.length, completed: this.#completed };
	}
}

/** One gate for the process, not per app: the memory it bounds and the thread pool are the process's. */
const scryptGate = new Gate(SCRYPT_CONCURRENCY);

/** Hashes running and waiting now, and computed since the process started (diagnostics, tests). */
export function scryptActivity(): { running: number; waiting: number; completed: number } {
	return scryptGate.activity;
}

async function scrypt(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Uint8Array> {
	// maxmem must exceed 128 * N * r bytes or node refuses the parameters.
	const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r };
	return scryptGate.run(
		() =>
			new Promise((resolve, reject) => {
				scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) =>
					err ? reject(err) : resolve(new Uint8Array(key))
				);
			})
	);
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<PasswordHash> {
	const salt = new Uint8Array(randomBytes(SALT_BYTES));
	const key = await scrypt(password, salt, cost);
	return {
		alg: 'scrypt',
		...cost,
		salt: Buffer.from(salt).toString('base64'),
		key: Buffer.from(key).toString('base64')
	};
}

/** Constant-time comparison of a candidate password with a stored hash. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
	const expected = new Uint8Array(Buffer.from(stored.key, 'base64'));
	const actual = await scrypt(password, new Uint8Array(Buffer.from(stored.salt, 'base64')), stored);
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether an unknown value read back from storage is a usable hash. */
export function isPasswordHash(value: unknown): value is PasswordHash {
	if (typeof value !== 'object' || value === null) return false;
	const h = value as Record<string, unknown>;
	return (
		h.alg === 'scrypt' &&
		typeof h.N === 'number' &&
		typeof h.r === 'number' &&
		typeof h.p === 'number' &&
		typeof h.salt === 'string' &&
		typeof h.key === 'string'
	);
}

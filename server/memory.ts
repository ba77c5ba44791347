// Returning memory to the system after a burst of allocations (the bootstrap snapshot reads every
// document of the community once, server/bootstrap/cache.ts). V8 leaves that garbage in its old
// space until its next major collection, which under light load may not come for minutes: the
// server's RSS then stays ~40 MB above what it holds (measured with 10,000 documents). One full
// collection right after such a burst gives it back — only when the process was started with
// `node --expose-gc` (an operator's choice; `npm start` does not). Measured on the incremental
// bench (200 live clients, 30 Nov): turning the flag on from inside the process
// (v8.setFlagsFromString) made a new post reach the clients later (p95 1.6–3.2 s in 7 runs,
// against 0.9–1.7 s without); with the flag given at start, RSS 263–274 MB and p95 1.3–2.3 s;
// without any collection RSS 264–312 MB and p95 1.1–1.8 s.

/** One full garbage collection (a pause of tens of ms for a heap of ~100 MB), if exposed. */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (typeof gc === 'function') gc();
}

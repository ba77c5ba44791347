// Returning memory to the system after a burst of allocations (the bootstrap snapshot reads every
// document of the community once, server/bootstrap/cache.ts). V8 leaves that garbage in its old
// space until its next major collection, which under light load may not come for minutes: the
// server's RSS then stays ~40 MB above what it holds (measured with 10,000 documents). One full
// collection right after such a burst gives it back. `--expose-gc` is turned on from inside (the
// pattern node:v8's setFlagsFromString documents) so the server needs no start flag.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/** One full garbage collection (a pause of tens of ms for a heap of ~100 MB). */
export function collectGarbage(): void {
	try {
		if (!collect) {
			setFlagsFromString('--expose-gc');
			collect = runInNewContext('gc') as () => void;
		}
		collect();
	} catch {
		collect = () => {}; // not available in this runtime: memory is then reclaimed by V8 in its own time
	}
}

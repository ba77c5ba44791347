// The search index as a JSON string, built in slices. JSON.stringify(mini.toJSON()) of 10,000
// documents blocks the main thread for 150–300 ms in one go, and that save runs after every
// first sync and catch-up: reads on screen stalled behind it (bench/local-reads.ts, category
// page p95 37–41 ms in the rounds it landed in, 8 ms once it was done). This writes the same
// string (a test compares them byte for byte) a few milliseconds at a time, yielding between
// slices. It reads MiniSearch's internals like the ranker does (ranker.ts), and falls back to
// the one-go JSON.stringify when they do not look right.
import type MiniSearch from 'minisearch';
import { hasState, type FieldTermData, type MiniSearchState } from './internals';

interface SerializeInternals extends MiniSearchState {
	_index: Iterable<[string, FieldTermData]>;
	isVacuuming: boolean;
}

function looksRight(m: Partial<SerializeInternals>): m is SerializeInternals {
	return typeof (m._index as Partial<Iterable<unknown>> | undefined)?.[Symbol.iterator] === 'function' && hasState(m);
}

/** Gives the event loop a turn (other tasks, rendering, IndexedDB callbacks) between slices. */
export type Pause = () => Promise<void>;

/**
 * A timer, not scheduler.yield(): a yield's continuation runs ahead of the tasks already waiting
 * (IndexedDB answers of the screen's reads), so a save in slices still ran nearly back to back
 * while reads waited. A timer lets them go first.
 */
export const yieldToEventLoop: Pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** How long a slice may run before it yields. */
export const SLICE_MS = 6;
const CHECK_EVERY = 64;

/**
 * `JSON.stringify(mini.toJSON())`, built in slices of about `sliceMs` with `pause()` between
 * them. The caller must not add or discard documents until it resolves (the indexer holds its
 * updates back meanwhile); a background vacuum still running is waited for first.
 */
export async function serializeInSlices<T>(
	mini: MiniSearch<T>,
	pause: Pause = yieldToEventLoop,
	sliceMs = SLICE_MS
): Promise<string> {
	// MiniSearch keeps these fields private: they are read only once looksRight checked their shape
	const m = mini as unknown as Partial<SerializeInternals>;
	if (!looksRight(m)) return JSON.stringify(mini.toJSON());
	while (m.isVacuuming) await pause();

	const parts: string[] = [];
	let sliceStart = performance.now();
	let count = 0;
	const tick = async () => {
		// sliceMs 0: a pause after every entry (tests)
		if (sliceMs > 0 && (++count % CHECK_EVERY !== 0 || performance.now() - sliceStart < sliceMs)) return;
		await pause();
		sliceStart = performance.now();
	};
	/** An object of integer keys as JSON.stringify writes it (keys in ascending order). */
	const numericObject = async <V>(map: Map<number, V>) => {
		const keys = [...map.keys()].sort((a, b) => a - b);
		parts.push('{');
		for (let i = 0; i < keys.length; i++) {
			parts.push(`${i ? ',' : ''}"${keys[i]}":${JSON.stringify(map.get(keys[i]))}`);
			await tick();
		}
		parts.push('}');
	};

	// The counters are read before any pause: nothing changes the index while this runs.
	const head = { documentCount: m._documentCount, nextId: m._nextId };
	const dirtCount = m._dirtCount;
	parts.push(JSON.stringify(head).slice(0, -1), ',"documentIds":');
	await numericObject(m._documentIds);
	parts.push(',"fieldIds":', JSON.stringify(m._fieldIds), ',"fieldLength":');
	await numericObject(m._fieldLength);
	parts.push(',"averageFieldLength":', JSON.stringify(m._avgFieldLength), ',"storedFields":');
	await numericObject(m._storedFields);
	parts.push(`,"dirtCount":${dirtCount},"index":[`);
	let first = true;
	for (const [term, fieldIndex] of m._index) {
		const data: Record<string, Record<string, number>> = {};
		for (const [fieldId, freqs] of fieldIndex) data[fieldId] = Object.fromEntries(freqs);
		parts.push(`${first ? '' : ','}[${JSON.stringify(term)},${JSON.stringify(data)}]`);
		first = false;
		await tick();
	}
	parts.push('],"serializationVersion":2}');
	return parts.join('');
}

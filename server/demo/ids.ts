// Demo ids: ULIDs whose time part is the document's date and whose random part comes from a
// seeded generator, so a seed at the same moment writes the same ids (stable screenshots).
import { ulid } from 'ulid';

const SEED = 0x5eed_2026;
let state = SEED;

/** mulberry32: small, fast and good enough for id suffixes. */
function next(): number {
	state = (state + 0x6d2b79f5) | 0;
	let t = state;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Starts the sequence again: buildDemoDocs calls it first, so its ids depend only on `now`. */
export function resetDemoIds(): void {
	state = SEED;
}

export function demoUlid(time: number): string {
	return ulid(time, next);
}

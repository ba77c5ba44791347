// A generated, realistic community with a fixed seed: the data every benchmark uses.
// Deterministic (mulberry32), so two runs measure the same documents.

export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = (
	'council permit portal citizens data open procurement tender contract cloud service digital ' +
	'accessibility form budget audit privacy security training staff rural office network ' +
	'meeting workshop pilot outcome survey feedback policy regulation licence registry archive ' +
	'dashboard transparency vendor framework agreement cost saving time satisfaction waiting ' +
	'queue application mobile offline sync library template guide toolkit case study evidence ' +
	'municipality region ministry agency department team lead officer analyst coordinator'
).split(' ');

export const CATEGORIES = [
	'digital-services',
	'open-data',
	'procurement',
	'citizen-engagement',
	'cybersecurity-privacy',
	'process-automation',
	'general'
];

export function sentence(r: () => number, min: number, max: number): string {
	const n = min + Math.floor(r() * (max - min + 1));
	const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]);
	const s = words.join(' ');
	return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

export function paragraphs(r: () => number, count: number): string {
	return Array.from({ length: count }, () =>
		Array.from({ length: 2 + Math.floor(r() * 4) }, () => sentence(r, 6, 18)).join(' ')
	).join('\n\n');
}

/** Crockford base32 ULID-shaped ids that sort by the given time. */
export function fakeUlid(r: () => number, time: number): string {
	const A = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
	let t = time;
	let head = '';
	for (let i = 0; i < 10; i++) {
		head = A[t % 32] + head;
		t = Math.floor(t / 32);
	}
	let tail = '';
	for (let i = 0; i < 16; i++) tail += A[Math.floor(r() * 32)];
	return head + tail;
}

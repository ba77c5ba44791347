// Places and waiting lists derived from RSVP documents: never stored, so every device and the
// server compute the same answer from the same documents.

export interface RsvpFacts {
	author: string;
	status: 'going' | 'maybe' | 'not-going';
	createdAt: string;
	updatedAt?: string;
	_deleted?: boolean;
}

export interface Attendance {
	/** Members with a place, in the order they took it. */
	going: string[];
	/** Members who asked for a place after the event was full, first in line first. */
	waiting: string[];
	maybe: string[];
	notGoing: string[];
}

/** When the member last answered: the time their current status was set. */
function answeredAt(r: RsvpFacts): string {
	return r.updatedAt ?? r.createdAt;
}

/**
 * Orders "going" answers by the time they were given, ties broken by username (so two
 * devices with the same documents always agree), then gives the first `capacity` a place.
 * Changing an answer (e.g. going → maybe → going) puts the member at the back, as a real
 * waiting list would. No capacity means everyone going has a place.
 */
export function deriveAttendance(rsvps: readonly RsvpFacts[], capacity?: number): Attendance {
	const latest = new Map<string, RsvpFacts>();
	for (const r of rsvps) {
		if (r._deleted) continue;
		const seen = latest.get(r.author);
		if (!seen || answeredAt(r) > answeredAt(seen)) latest.set(r.author, r);
	}
	const answers = [...latest.values()].sort((a, b) =>
		answeredAt(a) === answeredAt(b)
			? a.author < b.author
				? -1
				: a.author > b.author
					? 1
					: 0
			: answeredAt(a) < answeredAt(b)
				? -1
				: 1
	);
	const goingAll = answers.filter((r) => r.status === 'going').map((r) => r.author);
	const places = capacity === undefined ? goingAll.length : Math.max(0, capacity);
	return {
		going: goingAll.slice(0, places),
		waiting: goingAll.slice(places),
		maybe: answers.filter((r) => r.status === 'maybe').map((r) => r.author),
		notGoing: answers.filter((r) => r.status === 'not-going').map((r) => r.author)
	};
}

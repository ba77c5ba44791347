// Peer ratings of library resources and "use" records: id formats and the figures derived from
// them. Averages and counts are always computed from the rating documents, never stored.

// The ids live with every other id rule; re-exported for the callers that read ratings here.
export { ratingId, useId } from './ids';

export interface RatingSummary {
	/** Mean of the values, rounded to one decimal; null when nobody rated. */
	average: number | null;
	count: number;
	/** How many ratings of each value, index 0 = one star … index 4 = five stars. */
	histogram: [number, number, number, number, number];
}

/**
 * Summarizes ratings. Values outside 1–5 or not whole (which validation refuses anyway) are
 * ignored, and only one rating per author counts (the last given), so a duplicate row can
 * never skew the figure.
 */
export function summarizeRatings(ratings: ReadonlyArray<{ author: string; value: number }>): RatingSummary {
	const byAuthor = new Map<string, number>();
	for (const r of ratings)
		if (Number.isInteger(r.value) && r.value >= 1 && r.value <= 5) byAuthor.set(r.author, r.value);
	const histogram: RatingSummary['histogram'] = [0, 0, 0, 0, 0];
	let sum = 0;
	for (const value of byAuthor.values()) {
		histogram[value - 1] += 1;
		sum += value;
	}
	const count = byAuthor.size;
	return { average: count ? Math.round((sum / count) * 10) / 10 : null, count, histogram };
}

/**
 * The "highest rated" ordering: a Bayesian average that pulls resources with few ratings toward
 * the overall mean (`prior` pseudo-ratings of value `mean`), so one 5-star rating does not outrank
 * forty 4.8 ones. Unrated resources score the prior mean.
 */
export function ratingScore(summary: Pick<RatingSummary, 'average' | 'count'>, mean = 3, prior = 2): number {
	const total = (summary.average ?? 0) * summary.count + mean * prior;
	return total / (summary.count + prior);
}

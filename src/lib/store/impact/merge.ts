// The published figures (`impact:{period}`, computed by the server at `asOf` over the whole
// community) merged with what this device computed from its own documents, for a device that holds
// only part of the community. Pure.
//
// Rule: for time series, buckets (weeks, months) before the one holding `asOf` come from the
// published figures, which saw everything up to then; that bucket and later ones take the larger
// of the two, field by field (the device may have received acts since `asOf`, the server saw acts
// the device never got). Counts take the larger of the two. A figure that is not a count (a rate,
// a mean, a median) comes whole from whichever side counted more answers behind it, the published
// side on a tie. Lists keyed by item (sums per measure, survey questions, citizen results,
// high-impact items) are merged per key by the same rule.
import {
	isoWeekOf,
	monthOf,
	rankHighImpact,
	type HighImpactItem,
	type ImpactFigures,
	type Rate
} from '../../domain/impact';
import type { OutcomeSum } from '../../domain/outcomes';

type Row = Record<string, unknown>;

/** Field-wise larger of two rows of numbers (other fields from `a`). */
function larger<T extends object>(a: T, b: T): T {
	const out = { ...a } as Row;
	for (const [key, value] of Object.entries(b))
		if (typeof value === 'number' && typeof out[key] === 'number') out[key] = Math.max(out[key] as number, value);
	return out as T;
}

/**
 * One time series: the union of both sides' buckets from `first` on (the period's first bucket,
 * or none for all time), published before `cut`, the larger from `cut` on.
 */
function series<T extends object>(
	published: readonly T[],
	local: readonly T[],
	keyOf: (row: T) => string,
	cut: string,
	first: string | null
): T[] {
	const p = new Map(published.map((row) => [keyOf(row), row]));
	const l = new Map(local.map((row) => [keyOf(row), row]));
	const keys = [...new Set([...p.keys(), ...l.keys()])].filter((k) => first === null || k >= first).sort();
	return keys.map((k) => {
		const [a, b] = [p.get(k), l.get(k)];
		if (!a || !b) return (a ?? b)!;
		return k < cut ? a : larger(a, b);
	});
}

/** Per key, the side whose `weight` is larger (published on a tie); keys of either side kept in order. */
function byKey<T>(published: readonly T[], local: readonly T[], keyOf: (row: T) => string, weight: (row: T) => number) {
	const out = new Map(published.map((row) => [keyOf(row), row]));
	for (const row of local) {
		const held = out.get(keyOf(row));
		if (!held || weight(row) > weight(held)) out.set(keyOf(row), row);
	}
	return [...out.values()];
}

const moreAnswers = (a: Rate, b: Rate): Rate => (b.answers > a.answers ? b : a);
const sumKey = (s: OutcomeSum) => `${s.metric}\u0000${s.unit}`;
const sums = (a: OutcomeSum[], b: OutcomeSum[]) => byKey(a, b, sumKey, (s) => s.count);

function highImpact(published: readonly HighImpactItem[], local: readonly HighImpactItem[]): HighImpactItem[] {
	const items = new Map(published.map((i) => [i.id, i]));
	for (const item of local) {
		const held = items.get(item.id);
		if (!held) items.set(item.id, item);
		else {
			const merged = larger(held, item);
			merged.meanRating = item.ratings > held.ratings ? item.meanRating : held.meanRating;
			items.set(item.id, merged);
		}
	}
	return rankHighImpact([...items.values()]);
}

export function mergeImpact(published: ImpactFigures, local: ImpactFigures, asOf: string): ImpactFigures {
	const [week, month] = [isoWeekOf(asOf), monthOf(asOf)];
	const from = local.period.from;
	const [firstWeek, firstMonth] = from ? [isoWeekOf(from), monthOf(from)] : [null, null];
	const months = <T extends { month: string }>(p: readonly T[], l: readonly T[]) =>
		series(p, l, (r) => r.month, month, firstMonth);
	const [pe, le] = [published.engagement, local.engagement];
	const [pp, lp] = [published.practices, local.practices];
	const [pi, li] = [published.improvements, local.improvements];
	const [ps, ls] = [published.satisfaction, local.satisfaction];
	const citizen = byKey(
		pi.citizen.items,
		li.citizen.items,
		(i) => `${i.id}\u0000${i.metric}\u0000${i.label}`,
		() => 0
	);
	return {
		period: local.period,
		engagement: {
			activeByWeek: series(pe.activeByWeek, le.activeByWeek, (r) => r.week, week, firstWeek),
			activeByMonth: months(pe.activeByMonth, le.activeByMonth),
			newMembersByMonth: months(pe.newMembersByMonth, le.newMembersByMonth),
			contributionsByMonth: months(pe.contributionsByMonth, le.contributionsByMonth),
			eventsHeld: Math.max(pe.eventsHeld, le.eventsHeld),
			attendance: Math.max(pe.attendance, le.attendance)
		},
		practices: {
			publishedByMonth: months(pp.publishedByMonth, lp.publishedByMonth),
			adoptionsByStatus: larger(pp.adoptionsByStatus, lp.adoptionsByStatus),
			medianDaysToFirstAdoption: pp.medianDaysToFirstAdoption ?? lp.medianDaysToFirstAdoption
		},
		improvements: {
			stories: sums(pi.stories, li.stories),
			adoptions: sums(pi.adoptions, li.adoptions),
			all: sums(pi.all, li.all),
			citizen: { items: citizen, respondents: citizen.reduce((n, i) => n + (i.sampleSize ?? 0), 0) }
		},
		satisfaction: {
			overall: moreAnswers(ps.overall, ls.overall),
			byKind: byKey(
				ps.byKind,
				ls.byKind,
				(r) => r.kind,
				(r) => r.answers
			),
			ratings: ls.ratings.count > ps.ratings.count ? ls.ratings : ps.ratings,
			surveys: byKey(
				ps.surveys,
				ls.surveys,
				(s) => `${s.survey}\u0000${s.question}`,
				(s) => s.responses
			),
			nps: ls.nps.responses > ps.nps.responses ? ls.nps : ps.nps
		},
		highImpact: highImpact(published.highImpact, local.highImpact)
	};
}

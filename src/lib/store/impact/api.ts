// The impact part of the Store (store.impact): the dashboard's figures, computed on the device from
// the community replica's documents with the shared rules (domain/impact.ts), so it works offline.
import type { StoreContext } from '../context';
import { CHECKPOINT_KEY } from '../db';
import {
	computeImpact,
	impactChoices,
	periodStart,
	type ImpactChoices,
	type ImpactFigures,
	type ImpactPeriod
} from '../../domain/impact';
import { impactId } from '../../domain/ids';
import { impactSchema } from '../../domain/schemas';
import * as v from 'valibot';
import { createDocumentCache } from './queries';
import { mergeImpact } from './merge';

export type {
	ImpactChoices,
	ImpactFigures,
	ImpactPeriod,
	HighImpactItem,
	SurveyScaleFigure,
	NpsFigure,
	CitizenFeedbackFigure,
	Rate,
	ContributionKind,
	FeedbackKind
} from '../../domain/impact';

export interface ImpactFilters {
	/** Default: the last 12 months. */
	period?: ImpactPeriod;
	region?: string;
	sector?: string;
	/** A forum category slug. */
	category?: string;
}

/**
 * Where the figures come from: the server's figures for the whole community published at `asOf`,
 * with what this device received since (mergeImpact); or this device's documents alone.
 */
export type ImpactSource = { kind: 'published'; asOf: string } | { kind: 'device' };

export interface ImpactDashboard {
	figures: ImpactFigures;
	choices: ImpactChoices;
	source: ImpactSource;
}

/** The published figures of a period, when they are of the shape this version computes. */
function publishedOf(doc: object | undefined): { asOf: string; documents: number; figures: ImpactFigures } | null {
	if (!doc || !v.is(impactSchema, doc)) return null;
	const f = doc.figures as Partial<ImpactFigures>;
	const complete =
		f.engagement && f.practices && f.improvements?.citizen && f.satisfaction?.nps && Array.isArray(f.highImpact);
	return complete
		? { asOf: doc.asOf, documents: doc.documents, figures: doc.figures as unknown as ImpactFigures }
		: null;
}

export function createImpactApi(ctx: StoreContext) {
	const cache = createDocumentCache(ctx);
	// the last answer, reused while nothing changed: same documents, hidden items, filters and minute
	let last: { key: string; answer: ImpactDashboard } | null = null;
	return {
		/** Every figure of the dashboard for the filters, and what the filters offer. */
		dashboard: async (filters: ImpactFilters = {}): Promise<ImpactDashboard> => {
			const [documents, hidden] = await Promise.all([cache.documents(), cache.hidden()]);
			const now = ctx.now();
			const key = JSON.stringify([cache.version(), hidden, filters, now.slice(0, 16)]);
			if (last?.key === key) return last.answer;
			const period = filters.period ?? '12m';
			const figures = computeImpact(documents, {
				now,
				from: periodStart(period, now),
				region: filters.region || undefined,
				sector: filters.sector || undefined,
				category: filters.category || undefined,
				hidden
			});
			// the server's figures cover the whole community, but only with no filter (it publishes none)
			const filtered = Boolean(filters.region || filters.sector || filters.category);
			const published = filtered ? null : publishedOf(cache.get(impactId(period)));
			const answer: ImpactDashboard =
				published && published.documents > cache.count()
					? {
							figures: mergeImpact(published.figures, figures, published.asOf),
							choices: impactChoices(documents),
							source: { kind: 'published', asOf: published.asOf }
						}
					: { figures, choices: impactChoices(documents), source: { kind: 'device' } };
			last = { key, answer };
			return answer;
		},
		/**
		 * How far the device's projections have read the community replica: a Dexie read, so a
		 * screen can watch it in `liveQuery` and ask for the dashboard again when it moves (the
		 * dashboard itself reads the replica, which `liveQuery` does not observe).
		 */
		progress: async (): Promise<string> => String((await ctx.db.meta.get(CHECKPOINT_KEY))?.value ?? 0)
	};
}

export type ImpactApi = ReturnType<typeof createImpactApi>;

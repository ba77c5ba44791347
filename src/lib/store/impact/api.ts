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
import { createDocumentCache } from './queries';

export type {
	ImpactChoices,
	ImpactFigures,
	ImpactPeriod,
	HighImpactItem,
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

export interface ImpactDashboard {
	figures: ImpactFigures;
	choices: ImpactChoices;
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
			const figures = computeImpact(documents, {
				now,
				from: periodStart(filters.period ?? '12m', now),
				region: filters.region || undefined,
				sector: filters.sector || undefined,
				category: filters.category || undefined,
				hidden
			});
			const answer = { figures, choices: impactChoices(documents) };
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

// Suggestion queries over Dexie: the list with counted votes and the member's own vote, filtered
// by status and area and sorted (domain/suggestions.ts), and one suggestion.
import { countedVotes, sortSuggestions } from '../../domain/suggestions';
import type { StoreContext } from '../context';
import { suggestionTables, type SuggestionRow } from './tables';
import type { SuggestionFilters, SuggestionView } from './views';
import { suggestionIdOf } from './writes';

async function withVotes(ctx: StoreContext, rows: readonly SuggestionRow[]): Promise<SuggestionView[]> {
	const votes = rows.length
		? await ctx.db.votes
				.where('target')
				.anyOf(rows.map((r) => r.id))
				.toArray()
		: [];
	const byTarget = new Map<string, typeof votes>();
	for (const vote of votes) byTarget.set(vote.target, [...(byTarget.get(vote.target) ?? []), vote]);
	const me = ctx.member.name;
	return rows.map((row) => {
		const mine = byTarget.get(row.id) ?? [];
		return {
			id: row.id,
			ulid: row.id.slice('suggestion:'.length),
			area: row.area,
			title: row.title,
			body: row.body,
			status: row.status,
			author: row.author,
			createdAt: row.createdAt,
			...(row.updatedAt ? { updatedAt: row.updatedAt } : {}),
			...(row.response ? { response: row.response } : {}),
			votes: countedVotes(mine, row.author),
			myVote: mine.some((v) => v.author === me && v.value === 1),
			mine: row.author === me
		};
	});
}

export async function listSuggestions(ctx: StoreContext, filters: SuggestionFilters = {}): Promise<SuggestionView[]> {
	const { suggestions } = suggestionTables(ctx.db);
	let rows = filters.status
		? await suggestions.where('status').equals(filters.status).toArray()
		: await suggestions.toArray();
	if (filters.area) rows = rows.filter((r) => r.area === filters.area);
	return sortSuggestions(await withVotes(ctx, rows), filters.sort ?? 'votes');
}

/** Undefined when it is not on this device. */
export async function getSuggestion(ctx: StoreContext, idOrUlid: string): Promise<SuggestionView | undefined> {
	const row = await suggestionTables(ctx.db).suggestions.get(suggestionIdOf(idOrUlid));
	return row ? (await withVotes(ctx, [row]))[0] : undefined;
}

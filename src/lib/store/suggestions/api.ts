// The suggestion box part of the Store (`store.suggestions`): what the suggestion screens call.
import type { SuggestionStatus } from '../../domain/schemas';
import type { StoreContext } from '../context';
import * as q from './queries';
import type { SuggestionFilters, SuggestionView } from './views';
import * as w from './writes';

export type * from './views';
export type { SuggestionRow } from './tables';
export type { SuggestionInput } from './writes';

export interface SuggestionsApi {
	/** Sorted by votes (then newest) unless `sort: 'status'`; filtered by status and area. */
	list(filters?: SuggestionFilters): Promise<SuggestionView[]>;
	/** By id or ulid; undefined when not on this device. */
	get(idOrUlid: string): Promise<SuggestionView | undefined>;

	/** A new open suggestion; returns its id. */
	create(input: w.SuggestionInput): Promise<string>;
	/** The author's edit of area, title and text. */
	edit(idOrUlid: string, input: w.SuggestionInput): Promise<void>;
	/** Votes for it (true) or takes the vote back (false). */
	vote(idOrUlid: string, on: boolean): Promise<void>;
	/** Moderators: the status and the reply to the member. */
	setStatus(idOrUlid: string, status: SuggestionStatus, reply: string): Promise<void>;
}

export function createSuggestionsApi(ctx: StoreContext): SuggestionsApi {
	return {
		list: (filters) => q.listSuggestions(ctx, filters),
		get: (id) => q.getSuggestion(ctx, id),
		create: (input) => w.createSuggestion(ctx, input),
		edit: (id, input) => w.editSuggestion(ctx, id, input),
		vote: (id, on) => w.voteForSuggestion(ctx, id, on),
		setStatus: (id, status, reply) => w.setSuggestionStatus(ctx, id, status, reply)
	};
}

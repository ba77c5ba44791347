// What the suggestion screens get from the store: one suggestion with its counted votes and the
// member's own vote, and the list's filters.
import type { SuggestionStatus } from '../../domain/schemas';
import type { SuggestionArea, SuggestionSort } from '../../domain/suggestions';

export interface SuggestionView {
	id: string;
	/** The id without its `suggestion:` prefix: `/suggestions/{ulid}`. */
	ulid: string;
	area: SuggestionArea;
	title: string;
	body: string;
	status: SuggestionStatus;
	author: string;
	createdAt: string;
	updatedAt?: string;
	/** The moderators' answer with the current status. */
	response?: { text: string; by: string; at: string };
	/** Votes from members other than the author. */
	votes: number;
	/** The member voted for it (their own suggestion's vote is kept but not counted). */
	myVote: boolean;
	/** The member made it: no vote button, an "Edit" link. */
	mine: boolean;
}

export interface SuggestionFilters {
	status?: SuggestionStatus;
	area?: SuggestionArea;
	/** Most votes (then newest), the default; or by status. */
	sort?: SuggestionSort;
}

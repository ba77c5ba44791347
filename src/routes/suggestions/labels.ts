// The suggestion screens' words for statuses, areas and sort orders, read in the interface
// language when shown (the domain's own words stay English for notifications and tests).
import { t } from '../../lib/i18n';
import { SUGGESTION_AREAS, type SuggestionStatus } from '../../lib/domain/schemas';
import type { SuggestionArea, SuggestionSort } from '../../lib/domain/suggestions';

export const statusLabel = (status: SuggestionStatus): string => t(`suggestions:status.${status}`);

export const AREAS: readonly SuggestionArea[] = SUGGESTION_AREAS;
export const areaLabel = (area: SuggestionArea): string => t(`suggestions:area.${area}`);

export const SORTS: readonly SuggestionSort[] = ['votes', 'status'];
export const sortLabel = (sort: SuggestionSort): string => t(`suggestions:sort.${sort}`);

// The parts of a MiniSearch instance (7.x) that the lean ranker (ranker.ts) and the sliced
// serialization (serialize.ts) read directly. Both check the shape first and fall back to
// MiniSearch's public API when it does not look right (another MiniSearch version).

/** A term's postings: field id → (short document id → term frequency). */
export type FieldTermData = Map<number, Map<number, number>>;

/** MiniSearch's per-document and per-field state (its `_index` is checked by each reader). */
export interface MiniSearchState {
	_documentIds: Map<number, string>;
	_fieldIds: Record<string, number>;
	_fieldLength: Map<number, number[]>;
	_avgFieldLength: number[];
	_documentCount: number;
	_nextId: number;
	/** Documents discarded whose postings are not vacuumed yet. */
	_dirtCount: number;
	_storedFields: Map<number, Record<string, unknown>>;
}

/** Whether `m` carries MiniSearchState with the expected types. */
export function hasState(m: Partial<MiniSearchState>): m is MiniSearchState {
	return (
		m._documentIds instanceof Map &&
		m._fieldLength instanceof Map &&
		m._storedFields instanceof Map &&
		Array.isArray(m._avgFieldLength) &&
		typeof m._fieldIds === 'object' &&
		m._fieldIds !== null &&
		typeof m._documentCount === 'number' &&
		typeof m._nextId === 'number' &&
		typeof m._dirtCount === 'number'
	);
}

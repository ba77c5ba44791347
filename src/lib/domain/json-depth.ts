// JSON nesting depth, measured on the text before it is parsed (request bodies on the server,
// updates files everywhere): a document nested a few thousand levels deep parses, but every
// recursive walk after it (validation, sizes, the canonical form signatures cover) overflows
// the stack. No Praxis document needs more than a handful of levels; requests deeper than
// MAX_JSON_DEPTH are refused with 400, updates files as a whole.
export const MAX_JSON_DEPTH = 64;

/** True when `text` opens more than `max` nested arrays or objects (strings are skipped). */
export function tooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i);
		if (inString) {
			if (ch === 0x5c)
				i++; // backslash: skip the escaped character
			else if (ch === 0x22) inString = false;
		} else if (ch === 0x22) inString = true;
		else if (ch === 0x7b || ch === 0x5b) {
			if (++depth > max) return true;
		} else if (ch === 0x7d || ch === 0x5d) depth--;
	}
	return false;
}

export const TOO_DEEP_REASON = `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`;

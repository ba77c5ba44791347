// The pseudo-locale: English with every letter swapped for an accented look-alike and each string
// bracketed. A page shown in it that still has plain ASCII words has a string that bypasses `t`.
// Placeholders ({{name}}), markup tags (<link>) and nesting ($t(...)) are kept as they are.

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀćđéƒĝĥíĵķĺɱńóƥǫŕšţúʋŵẋýžÁƁĆĐÉƑĜĤÍĴĶĹḾŃÓƤǪŔŠŢÚƲŴẊÝŽ';
const MAP = new Map([...PLAIN].map((c, i) => [c, [...ACCENTED][i]]));
const KEEP = /(\{\{[^}]*\}\}|<\/?[a-zA-Z0-9]+>|\$t\([^)]*\))/;

export function pseudoString(text: string): string {
	const parts = text.split(KEEP);
	const swapped = parts.map((part, i) => (i % 2 === 1 ? part : [...part].map((c) => MAP.get(c) ?? c).join('')));
	return `⟦${swapped.join('')}⟧`;
}

function pseudoValue(value: unknown): unknown {
	if (typeof value === 'string') return pseudoString(value);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, pseudoValue(inner)]));
	}
	return value;
}

export function pseudoResources(resources: Record<string, object>): Record<string, Record<string, unknown>> {
	return pseudoValue(resources) as Record<string, Record<string, unknown>>;
}

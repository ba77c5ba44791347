// Splits "Read the <link>privacy notice</link> first." into plain and tagged parts (one level, no
// attributes), for Trans.svelte.

export interface TaggedPart {
	text: string;
	tag?: string;
}

const TAGGED = /<([a-zA-Z][a-zA-Z0-9]*)>([\s\S]*?)<\/\1>/g;

export function splitTagged(message: string): TaggedPart[] {
	const parts: TaggedPart[] = [];
	let last = 0;
	for (const match of message.matchAll(TAGGED)) {
		const at = match.index ?? 0;
		if (at > last) parts.push({ text: message.slice(last, at) });
		parts.push({ tag: match[1], text: match[2] });
		last = at + match[0].length;
	}
	if (last < message.length) parts.push({ text: message.slice(last) });
	return parts;
}

// The link a meetup hub prints (as text and QR code) for attendees: it opens the member's own
// Praxis — on the central server's origin, where their account, device key and hub pass live —
// at /hub with the hub's address, and the page there offers to connect. Scanning the hub's bare
// address would open the hub's origin instead, where no sign-in can work.

/** `{home}/hub?connect={hub}`: what attendees scan or open. */
export function hubJoinLink(home: string, hubAddress: string): string {
	const url = new URL('/hub', home.replace(/\/+$/, '') + '/');
	url.searchParams.set('connect', hubAddress);
	return url.toString();
}

/**
 * The hub address in what a member scanned or pasted: the `connect` of a join link, else the text
 * itself (a bare address typed by hand or printed by an older hub).
 */
export function hubAddressFrom(text: string): string {
	const trimmed = text.trim();
	try {
		const connect = new URL(trimmed).searchParams.get('connect');
		if (connect) return connect.trim();
	} catch {
		// not a URL at all: the parser of hub addresses says what is wrong with it
	}
	return trimmed;
}

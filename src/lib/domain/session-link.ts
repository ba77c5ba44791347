// What a device signs to tell the server which session it is signed in with: the server then
// ends the device's certificate with that session ("Sign out this device"). The challenge comes
// from the server (GET /api/devices) and is tied to the session, so a signature is good for
// that session only.
export const SESSION_LINK_CONTEXT = 'praxis-session-device';

export function sessionLinkBytes(device: string, challenge: string): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(`${SESSION_LINK_CONTEXT}\n${device}\n${challenge}`);
}

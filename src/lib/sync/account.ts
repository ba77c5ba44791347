// "Download my data": asks the server for the member's ZIP (GET /api/account/export) and hands
// it back with the file name the server chose, or a sentence saying why not.
type Fetch = typeof fetch;

export type Download = { ok: true; blob: Blob; filename: string } | { ok: false; reason: string };

const FALLBACK_NAME = 'praxis-data.zip';

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
export function attachmentName(header: string | null): string {
	const match = /filename="([^"]+)"/.exec(header ?? '');
	return match && /^[\w.-]+$/.test(match[1]) ? match[1] : FALLBACK_NAME;
}

export async function downloadMyData(fetchFn: Fetch = fetch): Promise<Download> {
	let response: Response;
	try {
		response = await fetchFn('/api/account/export', { credentials: 'include', headers: { accept: 'application/zip' } });
	} catch {
		return { ok: false, reason: 'You are offline. Your data is put together on the server: connect to the internet and try again.' };
	}
	if (response.ok) {
		try {
			return { ok: true, blob: await response.blob(), filename: attachmentName(response.headers.get('content-disposition')) };
		} catch {
			return { ok: false, reason: 'The download was cut off. Try again.' };
		}
	}
	if (response.status === 401) return { ok: false, reason: 'Your session has expired. Sign in again, then download your data.' };
	const body = (await response.json().catch(() => null)) as { reason?: unknown } | null;
	if (typeof body?.reason === 'string') return { ok: false, reason: body.reason.charAt(0).toUpperCase() + body.reason.slice(1) + '.' };
	return { ok: false, reason: `The server could not put your data together (it answered ${response.status}). Try again later.` };
}

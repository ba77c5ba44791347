// The community's open data summary (GET /api/open-data), public: no credentials are sent.
// The answer is checked with the shared schema; a failure comes back as a sentence to show.
import * as v from 'valibot';
import { openDataSummarySchema, type OpenDataSummary } from '../domain/open-data';
import { apiPath } from './gateway';

type Fetch = typeof fetch;
export type OpenDataAnswer = { ok: true; value: OpenDataSummary } | { ok: false; reason: string };

export const OPEN_DATA_DOWNLOAD_PATH = apiPath('/open-data/download');
const UNREACHABLE =
	'The server cannot be reached now, so the list of files is not shown. Connect to the internet and try again.';

export async function fetchOpenDataSummary(fetchFn: Fetch = fetch): Promise<OpenDataAnswer> {
	let response: Response;
	try {
		response = await fetchFn(apiPath('/open-data'), { credentials: 'omit', headers: { accept: 'application/json' } });
	} catch {
		return { ok: false, reason: UNREACHABLE };
	}
	if (response.status >= 502 && response.status <= 504) return { ok: false, reason: UNREACHABLE };
	if (!response.ok)
		return { ok: false, reason: `The server could not list the files (it answered ${response.status}).` };
	const parsed = v.safeParse(openDataSummarySchema, await response.json().catch(() => null));
	return parsed.success
		? { ok: true, value: parsed.output }
		: { ok: false, reason: 'The server sent an unexpected answer.' };
}

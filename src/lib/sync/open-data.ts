// The community's open data summary (GET /api/open-data), public: no credentials are sent.
// The answer is checked with the shared schema; a failure comes back as a sentence to show.
import * as v from 'valibot';
import { openDataSummarySchema, type OpenDataSummary } from '../domain/open-data';
import { apiPath } from './gateway';
import { t } from '../i18n';

type Fetch = typeof fetch;
export type OpenDataAnswer = { ok: true; value: OpenDataSummary } | { ok: false; reason: string };

export const OPEN_DATA_DOWNLOAD_PATH = apiPath('/open-data/download');
const unreachable = (): string => t('common:net.openData.unreachable');

export async function fetchOpenDataSummary(fetchFn: Fetch = fetch): Promise<OpenDataAnswer> {
	let response: Response;
	try {
		response = await fetchFn(apiPath('/open-data'), { credentials: 'omit', headers: { accept: 'application/json' } });
	} catch {
		return { ok: false, reason: unreachable() };
	}
	if (response.status >= 502 && response.status <= 504) return { ok: false, reason: unreachable() };
	if (!response.ok) return { ok: false, reason: t('common:net.openData.failed', { status: response.status }) };
	const parsed = v.safeParse(openDataSummarySchema, await response.json().catch(() => null));
	return parsed.success ? { ok: true, value: parsed.output } : { ok: false, reason: t('common:net.unexpected') };
}

// Labels and small formatters of library resources, shared by the library, review, search,
// device and admin screens. Labels are read when shown (never at module load), so they follow
// the interface language.
import { formatDate, formatNumber, t } from '$lib/i18n';

const KINDS = ['article', 'case-study', 'research-paper', 'template', 'toolkit', 'guide'] as const;
const STATES = ['draft', 'submitted', 'published', 'returned', 'rejected'] as const;

export function kindLabel(kind: string): string {
	return (KINDS as readonly string[]).includes(kind) ? t(`library:kind.${kind as (typeof KINDS)[number]}`) : kind;
}

export function stateLabel(state: string): string {
	return (STATES as readonly string[]).includes(state) ? t(`library:state.${state as (typeof STATES)[number]}`) : state;
}

// Screens that index these by key keep working; each label is looked up when read.
function lazyLabels(keys: readonly string[], label: (key: string) => string): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const key of keys) Object.defineProperty(labels, key, { get: () => label(key), enumerable: true });
	return labels;
}

export const KIND_LABELS: Record<string, string> = lazyLabels(KINDS, kindLabel);
export const STATE_LABELS: Record<string, string> = lazyLabels(STATES, stateLabel);

/** 1536 → "1.5 KB" (binary units, one decimal). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return t('library:bytes.B', { value: formatNumber(bytes, { useGrouping: false }) });
	const units = ['KB', 'MB', 'GB'] as const;
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = value < 10 ? 1 : 0;
	const shown = formatNumber(value, {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
		useGrouping: false
	});
	return t(`library:bytes.${units[unit]}`, { value: shown });
}

export function shortDate(iso: string | undefined): string {
	if (!iso) return '';
	return formatDate(iso, { year: 'numeric', month: 'short', day: 'numeric' });
}

// Labels and small formatters of library resources, shared by the library, review, search,
// device and admin screens.
export const KIND_LABELS: Record<string, string> = {
	article: 'Article',
	'case-study': 'Case study',
	'research-paper': 'Research paper',
	template: 'Template',
	toolkit: 'Toolkit',
	guide: 'Guide'
};

export const STATE_LABELS: Record<string, string> = {
	draft: 'Draft',
	submitted: 'Submitted for review',
	published: 'Published',
	returned: 'Changes requested',
	rejected: 'Not accepted'
};

export function kindLabel(kind: string): string {
	return KIND_LABELS[kind] ?? kind;
}

/** 1536 → "1.5 KB" (binary units, one decimal). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function shortDate(iso: string | undefined): string {
	if (!iso) return '';
	return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

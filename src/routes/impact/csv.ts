// CSV for the dashboard's "Download CSV" buttons, built in the browser: RFC 4180 quoting, and
// text cells that a spreadsheet would run as a formula (=, +, -, @) prefixed with an apostrophe,
// since titles are written by members.
export type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
	return [columns, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves `csv` as `filename` through a Blob link (works offline). */
export function downloadCsv(filename: string, csv: string): void {
	const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	document.body.append(link);
	link.click();
	link.remove();
	// let the download start before the object URL goes
	setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

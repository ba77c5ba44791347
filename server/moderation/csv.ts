// The audit log as CSV (RFC 4180) for spreadsheets: a cell that a spreadsheet would read as a
// formula (starting with = + - @, or a tab or carriage return that some strip first) is prefixed
// with an apostrophe, so an entry's reason written by anyone cannot run as a formula.
import type { AuditEntry } from './audit';

export const CSV_HEADER = ['at', 'actor', 'action', 'target', 'reason', 'details'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(cells: readonly string[]): string {
	return cells.map(csvCell).join(',') + '\r\n';
}

/** `key=value; key=value`, readable in one cell. */
function detailsText(details: AuditEntry['details']): string {
	return Object.entries(details ?? {})
		.map(([key, value]) => `${key}=${value}`)
		.join('; ');
}

export function auditCsvRow(entry: AuditEntry): string {
	return csvRow([entry.at, entry.actor, entry.action, entry.target, entry.reason, detailsText(entry.details)]);
}

/** The whole log, oldest first, streamed a page at a time. */
export function auditCsvStream(entries: AsyncGenerator<AuditEntry>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let headerSent = false;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!headerSent) {
				headerSent = true;
				controller.enqueue(encoder.encode(csvRow(CSV_HEADER)));
				return;
			}
			const next = await entries.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(auditCsvRow(next.value)));
		},
		async cancel() {
			await entries.return(undefined);
		}
	});
}

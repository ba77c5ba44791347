// The operator's privacy notice: DATA_DIR/privacy.md, read on each request (it is small, and the
// operator may edit it while the server runs). Its version decides when members are asked to
// read it again: the value of a first line `version: …` when the operator writes one (so fixing
// a typo need not ask everyone again), else the first 12 hex digits of the file's SHA-256 (any
// change is a new version). Without the file, the built-in notice (default-notice.ts) is served,
// versioned the same way.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_NOTICE } from './default-notice';
import type { PrivacyNotice } from '../../src/lib/domain/privacy';

export type { PrivacyNotice };

export const PRIVACY_FILE = 'privacy.md';
/** A notice is a page of text; anything bigger is a mistake (the default is about 4 KiB). */
export const PRIVACY_MAX_BYTES = 256 * 1024;
const VERSION_LINE = /^version:[ \t]*([^\s].{0,63}?)[ \t]*$/i;

/** The version and the Markdown to show (without the version line) of a notice's text. */
export function parseNotice(text: string): { version: string; markdown: string } {
	const content = text.replace(/^\uFEFF/, '');
	const newline = content.indexOf('\n');
	const first = (newline === -1 ? content : content.slice(0, newline)).replace(/\r$/, '');
	const declared = VERSION_LINE.exec(first);
	if (declared)
		return { version: declared[1], markdown: (newline === -1 ? '' : content.slice(newline + 1)).replace(/^\s*\n/, '') };
	return { version: createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 12), markdown: content };
}

export async function readPrivacyNotice(dataDir: string): Promise<PrivacyNotice> {
	const path = join(dataDir, PRIVACY_FILE);
	try {
		const info = await stat(path);
		if (info.size > PRIVACY_MAX_BYTES) throw new Error(`${path} is over ${PRIVACY_MAX_BYTES / 1024} KiB`);
		const { version, markdown } = parseNotice(await readFile(path, 'utf8'));
		return { version, markdown, updatedAt: info.mtime.toISOString(), source: 'operator' };
	} catch (err) {
		if ((err as { code?: string }).code !== 'ENOENT') throw err;
		return { ...parseNotice(DEFAULT_NOTICE), updatedAt: null, source: 'default' };
	}
}

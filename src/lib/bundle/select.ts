// Which documents a bundle carries: those changed since a date (by `updatedAt`, else
// `createdAt`; deletions included), or all of them. Device certificates and revocations always
// travel along so the other side can verify signatures offline. Pure: the PouchDB walk that
// applies it is src/lib/pouch/bundle-docs.ts.

/** Id prefixes a bundle always carries, whatever its date. */
export const ALWAYS_BUNDLED = ['device:', 'revocation:'] as const;

/** Whether `doc` belongs in a bundle of what changed since `since` (ISO date; null for all). */
export function changedSince(doc: Readonly<Record<string, unknown>>, since: string | null): boolean {
	if (since === null) return true;
	if (ALWAYS_BUNDLED.some((p) => String(doc._id).startsWith(p))) return true;
	const at =
		typeof doc.updatedAt === 'string' ? doc.updatedAt : typeof doc.createdAt === 'string' ? doc.createdAt : null;
	return at === null || at >= since; // ISO 8601 UTC strings order as time
}

// Adoptions are recorded only of published practices: a draft, a submission or a returned
// resource or story is not yet something another organisation can adopt. Judged on creation
// only, so an adopter keeps updating their record (status, results) whatever becomes of the
// practice later. The practice may be stored, or published earlier in the same batch.
import type { JudgedDoc, WriteRule } from '../write';

const NOT_PUBLISHED = 'only a published resource or story can be adopted';

const isAdoption = (d: JudgedDoc): boolean => d.doc.type === 'adoption' && d.doc._deleted !== true;

export const adoptionRule: WriteRule = {
	async check(db, kind, docs) {
		const refused = new Map<number, string>();
		const judged = docs.flatMap((d, i) => (d.actor && isAdoption(d) ? [i] : []));
		if (kind !== 'community' || judged.length === 0) return refused;
		const ids = judged.map((i) => docs[i].doc._id);
		const practices = [...new Set(judged.map((i) => String(docs[i].doc.practice)))];
		const [stored, practiceRows] = await Promise.all([
			db.allDocs({ keys: ids }),
			db.allDocs({ keys: practices, include_docs: true })
		]);
		const existing = new Set(stored.rows.flatMap((r) => ('value' in r && !r.value.deleted ? [r.id] : [])));
		const status = new Map<string, unknown>();
		for (const row of practiceRows.rows) {
			if ('doc' in row && row.doc) status.set(row.id, (row.doc as { status?: unknown }).status);
		}
		// a practice published in this same batch counts, in batch order
		docs.forEach((d, i) => {
			if (d.doc.type === 'resource' || d.doc.type === 'story') status.set(d.doc._id, d.doc.status);
			if (judged.includes(i) && !existing.has(d.doc._id) && status.get(String(d.doc.practice)) !== 'published')
				refused.set(i, NOT_PUBLISHED);
		});
		return refused;
	}
};

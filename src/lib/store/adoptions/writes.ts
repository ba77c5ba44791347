// Adoption writes: record that the member's organisation adopted a practice (a published library
// resource or success story), change its status, dates, notes and results, delete it. Each is a
// validated put through the store's putDoc (outbox, projection); the shared permission rules are
// checked first so the member reads the reason at once, before the server would refuse it.
import { docId, isIdOf } from '../../domain/ids';
import { type DocFacts } from '../../domain/permissions';
import type { AdoptionStatus, OutcomeFigure } from '../../domain/schemas';
import { tombstoneOf } from '../../domain/tombstones';
import { type StoreContext } from '../context';
import { putDoc, currentDoc as getDoc, authorizeWrite as authorize } from '../writes';
import { t } from '../../i18n';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

/** What the adoption form edits; empty dates are left out of the document. */
export interface AdoptionInput {
	organization: string;
	status: AdoptionStatus;
	/** `YYYY-MM-DD` */
	startedOn?: string;
	/** When the current status began, `YYYY-MM-DD`. */
	statusOn?: string;
	notes: string;
	outcomes: OutcomeFigure[];
	/** Days until the reminder to report results (the schema allows 7–730; default 90). */
	remindAfterDays?: number;
}

function fieldsOf(input: AdoptionInput): Record<string, unknown> {
	const fields: Record<string, unknown> = {
		organization: input.organization.trim(),
		status: input.status,
		notes: input.notes.trim(),
		outcomes: input.outcomes
	};
	if (input.startedOn) fields.startedOn = input.startedOn;
	if (input.statusOn) fields.statusOn = input.statusOn;
	if (input.remindAfterDays !== undefined) fields.remindAfterDays = input.remindAfterDays;
	return fields;
}

/** Records an adoption of `practice` (`resource:{ulid}` or `story:{ulid}`); returns its id. */
export async function recordAdoption(ctx: StoreContext, practice: string, input: AdoptionInput): Promise<string> {
	if (!isIdOf('resource', practice) && !isIdOf('story', practice)) throw new Error(t('adoptions:errors.notAdoptable'));
	const related = await getDoc(ctx, practice);
	if (!related) throw new Error(t('adoptions:errors.notHere'));
	if (related.status !== 'published') throw new Error(t('adoptions:errors.notPublished'));
	const doc: Doc = {
		_id: docId('adoption'),
		type: 'adoption',
		author: ctx.member.name,
		createdAt: ctx.now(),
		practice,
		...fieldsOf(input)
	};
	authorize(ctx, doc, null, related);
	return putDoc(ctx, doc);
}

async function mustGetOwn(ctx: StoreContext, id: string): Promise<Doc> {
	const prev = await getDoc(ctx, id);
	if (!prev || prev.type !== 'adoption') throw new Error(t('adoptions:errors.noSuchAdoption'));
	return prev;
}

/** Changes the status, dates, notes, results or reminder of an adoption (its author's). */
export async function updateAdoption(ctx: StoreContext, id: string, input: AdoptionInput): Promise<void> {
	const prev = await mustGetOwn(ctx, id);
	// fields the form does not edit (jurisdiction, level…) are kept; the dates it cleared go
	const { startedOn, statusOn, remindAfterDays, ...kept } = prev;
	void startedOn;
	void statusOn;
	const next: Doc = {
		...kept,
		...(remindAfterDays !== undefined ? { remindAfterDays } : {}),
		...fieldsOf(input),
		updatedAt: ctx.now()
	};
	authorize(ctx, next, prev, await getDoc(ctx, String(prev.practice)));
	await putDoc(ctx, next);
}

/** Replaces the measured results only (the "Report results" form). */
export async function reportResults(ctx: StoreContext, id: string, outcomes: OutcomeFigure[]): Promise<void> {
	const prev = await mustGetOwn(ctx, id);
	const next: Doc = { ...prev, outcomes, updatedAt: ctx.now() };
	authorize(ctx, next, prev, await getDoc(ctx, String(prev.practice)));
	await putDoc(ctx, next);
}

/** Deletes an adoption; the tombstone keeps its practice so impact figures can drop it. */
export async function deleteAdoption(ctx: StoreContext, id: string): Promise<void> {
	const prev = await mustGetOwn(ctx, id);
	const tombstone: Doc = { ...tombstoneOf(prev), practice: prev.practice, _rev: prev._rev };
	authorize(ctx, tombstone as DocFacts, prev);
	await putDoc(ctx, tombstone);
}

// The "Getting started" checklist of a new member: shown while the profile is younger than
// NEW_MEMBER_MS or incomplete, until the member hides it. Each step's state comes from what the
// device holds (the profile, the member's threads) and from the list's own marks (visit.ts).
import type { StoreContext } from '../context';
import { profileId } from '../../domain/ids';
import { getCommunityDoc } from '../events/writes';
import { myProfile } from '../people/queries';
import { checklistMarks } from './visit';
import { myFollowing } from '../following';
import { hasChoices } from '../../domain/following';

export const NEW_MEMBER_MS = 14 * 24 * 60 * 60 * 1000;

export type ChecklistStep = 'profile' | 'introduce' | 'follow' | 'install';

export interface ChecklistItem {
	step: ChecklistStep;
	done: boolean;
	href: string;
}

export interface Checklist {
	/** Shown on the home page: a new member who did not hide it. */
	show: boolean;
	items: ChecklistItem[];
}

const filled = (value: unknown): boolean => typeof value === 'string' && value.trim().length > 0;

/**
 * `installed`: the app runs as an installed app (the screen knows; the store cannot). While the
 * list is not shown, "Introduce yourself" is not looked up and reads as not done.
 */
export async function checklist(ctx: StoreContext, installed: boolean): Promise<Checklist> {
	const me = ctx.member.name;
	const [marks, form, shared, following] = await Promise.all([
		checklistMarks(ctx),
		myProfile(ctx),
		// region and the creation time are on the community document only; the profile row is
		// read too (by myProfile) so a liveQuery re-runs when the profile changes
		getCommunityDoc(ctx, profileId(me)),
		myFollowing(ctx)
	]);
	const complete = filled(form.organization) && filled(shared?.region) && filled(form.bio);
	const createdAt = typeof shared?.createdAt === 'string' ? Date.parse(shared.createdAt) : NaN;
	const recent = Number.isNaN(createdAt) || Date.parse(ctx.now()) - createdAt < NEW_MEMBER_MS;
	const show = !marks.hidden && (recent || !complete);
	const started =
		show &&
		(await ctx.db.threads
			.where('author')
			.equals(me)
			.filter((t) => t.deleted === 0)
			.first()) !== undefined;
	return {
		show,
		items: [
			{ step: 'profile', done: complete, href: '/people/me' },
			{ step: 'introduce', done: started, href: '/forums/new' },
			{ step: 'follow', done: marks.forumsOpened === true || hasChoices(following), href: '/settings/following' },
			{ step: 'install', done: installed || marks.installLater === true, href: '/device' }
		]
	};
}

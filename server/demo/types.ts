// Shapes of the demo content before it becomes documents (see build.ts).
import type { AdoptionDoc, Resource, StoryDoc } from '../../src/lib/domain/schemas';

export interface DemoReply {
	by: string;
	/** Hours after the thread was opened. */
	after: number;
	body: string;
	/** Index of the earlier reply this one answers. */
	replyTo?: number;
	votes?: string[];
}

export interface DemoThread {
	category: string;
	by: string;
	daysAgo: number;
	title: string;
	tags: string[];
	body: string;
	replies: DemoReply[];
	votes?: string[];
}

export type DemoResourceFields = Pick<Resource, 'kind' | 'title' | 'summary' | 'body' | 'tags' | 'status'> &
	Partial<
		Pick<
			Resource,
			'organization' | 'jurisdiction' | 'sector' | 'problem' | 'actions' | 'outcomes' | 'lessons' | 'contact'
		>
	>;

export interface DemoResource extends DemoResourceFields {
	by: string;
	daysAgo: number;
	/** A reviewer's verdict, written a day after submission. */
	review?: { by: string; verdict: 'approve' | 'changes' | 'reject'; comments: string };
	comments?: { by: string; body: string }[];
	votes?: string[];
	/** Stars (1–5) given by other members, over the days after it was published. */
	ratings?: [member: string, stars: number][];
}

export type DemoStoryFields = Pick<StoryDoc, 'title' | 'summary' | 'problem' | 'actions' | 'outcomes' | 'tags'> &
	Partial<
		Pick<StoryDoc, 'lessons' | 'organization' | 'jurisdiction' | 'level' | 'sector' | 'region' | 'team' | 'contact'>
	>;

/** A success story; published (reviewed by maria a day after) unless `status` says otherwise. */
export interface DemoStory extends DemoStoryFields {
	/** How adoptions and challenges name it. */
	key: string;
	by: string;
	daysAgo: number;
	status?: 'published' | 'submitted';
	startedMonthsAgo?: number;
	endedMonthsAgo?: number;
	/** The challenge it was entered in. */
	challenge?: 'past' | 'running';
	votes?: string[];
}

/** What an adoption adopts: a demo story by key, or a demo resource by title. */
export type DemoPractice = { story: string } | { resource: string };

export interface DemoAdoption
	extends
		Pick<AdoptionDoc, 'organization' | 'status' | 'notes' | 'outcomes'>,
		Partial<Pick<AdoptionDoc, 'jurisdiction' | 'level' | 'sector' | 'region'>> {
	practice: DemoPractice;
	by: string;
	daysAgo: number;
	/** When the current status began, days ago. */
	statusDaysAgo?: number;
}

/** A judge's scores (one per criterion) for an entry of the past challenge. */
export interface DemoJudging {
	judge: string;
	entry: string;
	scores: number[];
	comment: string;
}

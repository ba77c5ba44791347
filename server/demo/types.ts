// Shapes of the demo content before it becomes documents (see build.ts).
import type { Resource } from '../../src/lib/domain/schemas';

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
}

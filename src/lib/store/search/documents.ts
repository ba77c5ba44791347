// What the search index holds for each replicated document: threads, posts, published resources,
// published success stories, events and members' public profiles become SearchDocs; anything else
// (and deleted or unpublished documents) is removed. A profile gives only what every member already
// sees on it (name, role, organisation, expertise, bio): the "only me" profile is another document
// type in the member's private replica and never reaches the index.
import { validateCommunityDoc } from '../../domain/validate';
import type { SearchDoc } from '../../search/index';
import { plainText } from '../../search/snippet';

/** What a post needs from its thread (read from the threads table by the caller). */
export interface ThreadFacts {
	title: string;
	category: string;
}

export type IndexOp = { upsert: SearchDoc } | { remove: string };

const INDEXED = /^(thread|post|resource|story|event|profile):/;

export function isIndexed(id: string): boolean {
	return INDEXED.test(id);
}

/** The index operation for one document (or its deletion); `thread` resolves a post's thread. */
export function indexOpFor(
	id: string,
	doc: Record<string, unknown> | undefined,
	deleted: boolean,
	thread: (id: string) => ThreadFacts | undefined,
	names: (username: string) => string | undefined
): IndexOp | null {
	if (!isIndexed(id)) return null;
	if (deleted || !doc || doc._deleted) return { remove: id };
	const checked = validateCommunityDoc(doc);
	if (!checked.ok) return null; // keeps whatever valid version was indexed
	const d = checked.doc;
	const authorName = names(d.author);
	const extra = authorName ? { authorName } : {};
	switch (d.type) {
		case 'thread':
			return {
				upsert: {
					id: d._id,
					type: 'thread',
					title: d.title,
					text: plainText(d.body),
					tags: d.tags,
					author: d.author,
					category: d.category,
					createdAt: d.createdAt,
					...extra
				}
			};
		case 'post': {
			const t = thread(d.thread);
			return {
				upsert: {
					id: d._id,
					type: 'post',
					title: t ? `Re: ${t.title}` : 'Reply',
					text: plainText(d.body),
					tags: [],
					author: d.author,
					thread: d.thread,
					...(t ? { category: t.category } : {}),
					createdAt: d.createdAt,
					...extra
				}
			};
		}
		case 'resource': {
			if (d.status !== 'published') return { remove: id };
			const prose = [
				d.summary,
				d.body,
				d.problem,
				d.actions,
				d.lessons,
				d.organization,
				d.jurisdiction,
				d.sector,
				...(d.files ?? []).map((f) => f.name)
			];
			return {
				upsert: {
					id: d._id,
					type: 'resource',
					title: d.title,
					text: plainText(prose.filter(Boolean).join('\n')),
					tags: d.tags,
					author: d.author,
					kind: d.kind,
					createdAt: d.createdAt,
					...extra
				}
			};
		}
		case 'story': {
			if (d.status !== 'published') return { remove: id };
			const prose = [
				d.summary,
				d.problem,
				d.actions,
				d.lessons,
				d.organization,
				d.jurisdiction,
				d.sector,
				d.region,
				...d.outcomes.map((o) => o.label)
			];
			return {
				upsert: {
					id: d._id,
					type: 'story',
					title: d.title,
					text: plainText(prose.filter(Boolean).join('\n')),
					tags: d.tags,
					author: d.author,
					createdAt: d.createdAt,
					...extra
				}
			};
		}
		case 'event':
			return {
				upsert: {
					id: d._id,
					type: 'event',
					title: d.title,
					text: plainText([d.description, d.location.venue, d.location.address, d.region].filter(Boolean).join('\n')),
					tags: d.tags,
					author: d.author,
					kind: d.kind,
					createdAt: d.createdAt,
					...extra
				}
			};
		case 'profile': {
			const prose = [d.role, d.organization, d.jurisdiction, d.region, d.sector, d.bio];
			return {
				upsert: {
					id: d._id,
					type: 'person',
					title: d.displayName,
					text: plainText(prose.filter(Boolean).join('\n')),
					tags: d.expertise ?? [],
					author: d.author,
					authorName: d.displayName,
					createdAt: d.createdAt
				}
			};
		}
		default:
			return null;
	}
}

/// <reference types="pouchdb-core" />
// The library part of the Store (`store.library`) and the search part (`store.search`): what
// the library, review, knowledge-base and search screens call.
import { isIdOf } from '../../domain/ids';
import type { StoreContext } from '../context';
import type { SearchFilters } from '../../search/index';
import type { SearchIndexer } from '../search/indexer';
import { search, type SearchPage } from '../search/query';
import * as device from './device';
import * as files from './files';
import * as q from './queries';
import * as w from './writes';
import type {
	CollectionView,
	LibraryFacets,
	LibraryFilters,
	ResourceCard,
	ResourceDetail,
	SubmissionView
} from './views';
import type { ResourceDocRow } from './tables';
import { eventsTables, type EventRow } from '../events/tables';

export type * from './views';
export type { CollectionInput, FileRef, Outcome, ResourceInput, Verdict } from './writes';
export type { ResourceDocRow } from './tables';
export type { SearchResultView, SearchPage } from '../search/query';

export interface LibraryApi {
	list(filters?: LibraryFilters): Promise<ResourceCard[]>;
	facets(): Promise<LibraryFacets>;
	/** The list and the facets in one read (the library page). */
	browse(filters?: LibraryFilters): Promise<{ cards: ResourceCard[]; facets: LibraryFacets }>;
	get(id: string): Promise<ResourceDetail | undefined>;
	/** Resources in the print pack, in pack order (published or not: the member chose them). */
	packResources(): Promise<ResourceDocRow[]>;
	/** Events in the print pack (their agendas print after the resources), in pack order. */
	packEvents(): Promise<EventRow[]>;
	mySubmissions(): Promise<SubmissionView[]>;
	reviewQueue(): Promise<SubmissionView[]>;
	collections(): Promise<CollectionView[]>;
	collection(slug: string): Promise<CollectionView | undefined>;

	submit(input: w.ResourceInput, id?: string): Promise<string>;
	review(resource: string, verdict: w.Verdict, comments: string): Promise<string>;
	rate(resource: string, value: number): Promise<void>;
	comment(target: string, body: string): Promise<string>;
	recordUse(resource: string, how: 'file' | 'offline' | 'pack'): Promise<void>;
	saveCollection(input: w.CollectionInput): Promise<string>;
	addToCollection(slug: string, ref: string, note?: string): Promise<void>;

	packIds(): Promise<string[]>;
	setPack(ids: readonly string[]): Promise<void>;
	togglePack(id: string, inPack?: boolean): Promise<boolean>;

	uploadFile(file: Blob, name: string): Promise<w.FileRef>;
	openFile(ref: w.FileRef): Promise<Blob>;
	isFileLocal(id: string): Promise<boolean>;
	keepOffline(resource: string): Promise<number>;
	releaseOffline(resource: string): Promise<void>;
	keepAllOnWifi(): Promise<boolean>;
	setKeepAllOnWifi(on: boolean): Promise<void>;
	keepAllIfUnmetered(): Promise<number>;
}

export interface SearchApi {
	search(q: string, filters?: SearchFilters, limit?: number): Promise<SearchPage>;
	/** Resolves once the index is loaded and caught up (search() waits for it too). */
	ready(): Promise<void>;
	/** Writes the index to Dexie now if it changed. */
	flush(): Promise<void>;
	/** Documents in the index. */
	size(): Promise<number>;
}

export function createLibraryApi(ctx: StoreContext, deps: files.FilesDeps): LibraryApi {
	return {
		list: (filters) => q.listLibrary(ctx, filters),
		facets: () => q.libraryFacets(ctx),
		browse: (filters) => q.browseLibrary(ctx, filters),
		get: (id) => q.getResource(ctx, id),
		async packResources() {
			const ids = (await device.packIds(ctx)).filter((id) => isIdOf('resource', id));
			const rows = await ctx.db.table('libResources').bulkGet(ids);
			return rows.filter((r): r is ResourceDocRow => r !== undefined);
		},
		async packEvents() {
			const ids = (await device.packIds(ctx)).filter((id) => isIdOf('event', id));
			const rows = await eventsTables(ctx.db).events.bulkGet(ids);
			return rows.filter((r): r is EventRow => r !== undefined);
		},
		mySubmissions: () => q.mySubmissions(ctx),
		reviewQueue: () => q.reviewQueue(ctx),
		collections: () => q.listCollections(ctx),
		collection: (slug) => q.getCollection(ctx, slug),

		submit: (input, id) => w.submitResource(ctx, input, id),
		review: (resource, verdict, comments) => w.reviewResource(ctx, resource, verdict, comments),
		rate: (resource, value) => w.rate(ctx, resource, value),
		comment: (target, body) => w.comment(ctx, target, body),
		recordUse: (resource, how) => w.recordUse(ctx, resource, how),
		saveCollection: (input) => w.saveCollection(ctx, input),
		addToCollection: (slug, ref, note) => w.addToCollection(ctx, slug, ref, note),

		packIds: () => device.packIds(ctx),
		setPack: (ids) => device.setPack(ctx, ids),
		togglePack: (id, inPack) => device.togglePack(ctx, id, inPack),

		uploadFile: (file, name) => files.uploadFile(ctx, deps, file, name),
		openFile: (ref) => files.openFile(deps, ref),
		isFileLocal: (id) => files.isFileLocal(deps, id),
		keepOffline: (resource) => files.keepOffline(ctx, deps, resource),
		releaseOffline: (resource) => files.releaseOffline(ctx, deps, resource),
		keepAllOnWifi: () => device.keepAllOnWifi(ctx),
		setKeepAllOnWifi: (on) => device.setKeepAllOnWifi(ctx, on),
		keepAllIfUnmetered: () => files.keepAllIfUnmetered(ctx, deps)
	};
}

export function createSearchApi(ctx: StoreContext, indexer: SearchIndexer): SearchApi {
	return {
		search: (query, filters, limit) => search(ctx.db, indexer, query, filters, limit, ctx.member),
		ready: async () => {
			await indexer.ready();
		},
		flush: () => indexer.flush(),
		size: async () => (await indexer.ready()).size
	};
}

// One build of the open data: the CSV files, their Data Package descriptor and the ZIP of both,
// and the cache that keeps the latest build for an hour. Concurrent requests wait for the same
// build; a failed build is not kept, so the next request tries again.
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import type { Storage } from '../storage/index';
import type { OpenDataLicense } from './licenses';
import { openDataRows } from './rows';
import { TABLES, type FieldDef, type Row, type TableName } from './tables';

/** How long a build is served before the next request builds again. */
export const OPEN_DATA_MAX_AGE_MS = 60 * 60 * 1000;

export interface OpenDataFile {
	/** `{table}.csv` */
	name: string;
	table: TableName;
	title: string;
	description: string;
	rows: number;
	csv: string;
}

export interface OpenDataBuild {
	builtAt: string;
	license: OpenDataLicense;
	files: OpenDataFile[];
	datapackage: DataPackage;
	zip: Uint8Array;
}

export interface DataPackage {
	name: string;
	title: string;
	description: string;
	licenses: OpenDataLicense[];
	created: string;
	resources: {
		name: string;
		title: string;
		description: string;
		path: string;
		format: 'csv';
		mediatype: 'text/csv';
		encoding: 'utf-8';
		schema: { fields: FieldDef[] };
	}[];
}

/** Spreadsheets run a cell that starts like a formula; a leading apostrophe keeps it text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Row[string], field: FieldDef): string {
	if (value === undefined || value === null || value === '') return '';
	if (field.type === 'boolean') return value ? 'true' : 'false';
	if (field.type === 'integer' || field.type === 'number') return String(value);
	const text = String(value);
	return field.type === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsv(fields: readonly FieldDef[], rows: readonly Row[]): string {
	const records = rows.map((row) => fields.map((field) => cell(row[field.name], field)));
	return stringify([fields.map((field) => field.name), ...records]);
}

function dataPackage(files: OpenDataFile[], license: OpenDataLicense, builtAt: string): DataPackage {
	return {
		name: 'praxis-open-data',
		title: 'Praxis community open data',
		description:
			'What the community published for everyone: success stories and their results, adoptions by organisation, library resources, events, monthly activity counts and the counts of closed community surveys. No personal data.',
		licenses: [license],
		created: builtAt,
		resources: TABLES.map((table) => ({
			name: table.name,
			title: table.title,
			description: table.description,
			path: `${table.name}.csv`,
			format: 'csv',
			mediatype: 'text/csv',
			encoding: 'utf-8',
			schema: { fields: [...table.fields] }
		}))
	};
}

/** Builds every file from the community database as of `now`. */
export async function buildOpenData(storage: Storage, license: OpenDataLicense, now: Date): Promise<OpenDataBuild> {
	const builtAt = now.toISOString();
	const all = await storage.db(COMMUNITY_DB).allDocs({ include_docs: true });
	const rows = openDataRows(
		all.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc] : [])),
		builtAt
	);
	const files: OpenDataFile[] = TABLES.map((table) => ({
		name: `${table.name}.csv`,
		table: table.name,
		title: table.title,
		description: table.description,
		rows: rows[table.name].length,
		csv: toCsv(table.fields, rows[table.name])
	}));
	const datapackage = dataPackage(files, license, builtAt);
	const mtime = now;
	const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
		'datapackage.json': [strToU8(JSON.stringify(datapackage, null, 2)), { mtime }]
	};
	for (const file of files) entries[file.name] = [strToU8(file.csv), { mtime }];
	return { builtAt, license, files, datapackage, zip: zipSync(entries, { level: 6 }) };
}

/** The latest build, rebuilt when a request comes an hour or more after it. */
export class OpenDataCache {
	#latest: OpenDataBuild | null = null;
	#pending: Promise<OpenDataBuild> | null = null;

	constructor(
		private readonly build: (now: Date) => Promise<OpenDataBuild>,
		private readonly clock: () => Date
	) {}

	get(): Promise<OpenDataBuild> {
		const now = this.clock();
		const latest = this.#latest;
		if (latest && now.getTime() - Date.parse(latest.builtAt) < OPEN_DATA_MAX_AGE_MS) return Promise.resolve(latest);
		this.#pending ??= this.build(now)
			.then((fresh) => {
				this.#latest = fresh;
				return fresh;
			})
			.finally(() => {
				this.#pending = null;
			});
		return this.#pending;
	}
}

// What GET /api/open-data answers: one shape for the server (server/open-data) and the public
// /open page (sync/open-data.ts), which checks what it receives.
import * as v from 'valibot';

export const openDataLicenseSchema = v.object({
	/** SPDX identifier (CC-BY-4.0). */
	name: v.string(),
	title: v.string(),
	/** The licence's text, on its publisher's site. */
	path: v.string()
});

export const openDataSummarySchema = v.object({
	/** When the files were built from the community database (at most hourly). */
	builtAt: v.string(),
	license: openDataLicenseSchema,
	/** The ZIP of every file and datapackage.json. */
	download: v.string(),
	files: v.array(
		v.object({
			/** `stories.csv` */
			name: v.string(),
			title: v.string(),
			/** What one row is, as a sentence. */
			description: v.string(),
			rows: v.pipe(v.number(), v.integer(), v.minValue(0)),
			url: v.string()
		})
	)
});

export type OpenDataLicense = v.InferOutput<typeof openDataLicenseSchema>;
export type OpenDataSummary = v.InferOutput<typeof openDataSummarySchema>;

// The licences an operator may publish the open data under (PRAXIS_OPEN_DATA_LICENSE), by their
// SPDX identifier, with the title and address a Data Package names them by. A closed list, so a
// typo in the setting stops the server at start instead of publishing under a licence nobody can read.

export interface OpenDataLicense {
	/** SPDX identifier, as Frictionless `licenses[].name` expects. */
	name: string;
	title: string;
	path: string;
}

export const OPEN_DATA_LICENSES = {
	'CC-BY-4.0': {
		name: 'CC-BY-4.0',
		title: 'Creative Commons Attribution 4.0',
		path: 'https://creativecommons.org/licenses/by/4.0/'
	},
	'CC-BY-SA-4.0': {
		name: 'CC-BY-SA-4.0',
		title: 'Creative Commons Attribution Share-Alike 4.0',
		path: 'https://creativecommons.org/licenses/by-sa/4.0/'
	},
	'CC0-1.0': {
		name: 'CC0-1.0',
		title: 'CC0 1.0 Universal (public domain dedication)',
		path: 'https://creativecommons.org/publicdomain/zero/1.0/'
	},
	'ODC-By-1.0': {
		name: 'ODC-By-1.0',
		title: 'Open Data Commons Attribution License 1.0',
		path: 'https://opendatacommons.org/licenses/by/1-0/'
	},
	'ODbL-1.0': {
		name: 'ODbL-1.0',
		title: 'Open Data Commons Open Database License 1.0',
		path: 'https://opendatacommons.org/licenses/odbl/1-0/'
	},
	'PDDL-1.0': {
		name: 'PDDL-1.0',
		title: 'Open Data Commons Public Domain Dedication and License 1.0',
		path: 'https://opendatacommons.org/licenses/pddl/1-0/'
	}
} as const satisfies Record<string, OpenDataLicense>;

export type OpenDataLicenseId = keyof typeof OPEN_DATA_LICENSES;
export const OPEN_DATA_LICENSE_DEFAULT: OpenDataLicenseId = 'CC-BY-4.0';

export function isOpenDataLicense(id: string): id is OpenDataLicenseId {
	return Object.hasOwn(OPEN_DATA_LICENSES, id);
}

// Demo adoptions ("we adopted this") of the demo stories and resources, each by a member who
// did not write the practice, in every status; several report results, one was abandoned.
import type { DemoAdoption } from './types';

export const ADOPTIONS: readonly DemoAdoption[] = [
	{
		practice: { story: 'cloud-framework' },
		by: 'piotr',
		daysAgo: 40,
		statusDaysAgo: 12,
		organization: 'Association of Small Municipalities',
		status: 'implemented',
		notes:
			'Six of our member towns called off hosting from the Eastvale framework instead of tendering alone. The exit clause was accepted by every supplier.',
		outcomes: [
			{ metric: 'cost-saved', label: 'Hosting costs saved by six towns', value: 22000, unit: 'EUR', period: 'a year' }
		],
		jurisdiction: 'Northern region',
		level: 'regional',
		sector: 'Procurement',
		region: 'North'
	},
	{
		practice: { story: 'open-data-requests' },
		by: 'maria',
		daysAgo: 30,
		statusDaysAgo: 10,
		organization: 'City of Norrvik',
		status: 'piloting',
		notes: 'We published the 15 datasets behind most of our requests and link them from the request form.',
		outcomes: [
			{ metric: 'staff-hours-saved', label: 'Staff time saved on requests so far', value: 150, unit: 'hours' }
		],
		jurisdiction: 'Norrvik',
		level: 'local',
		sector: 'Open data',
		region: 'North'
	},
	{
		practice: { story: 'eid-sign-in' },
		by: 'siobhan',
		daysAgo: 32,
		statusDaysAgo: 8,
		organization: 'Harbour City Council',
		status: 'implemented',
		notes:
			'Residents now sign in to the council’s e-services with the national eID. We kept our own accounts for one year.',
		outcomes: [
			{
				metric: 'satisfaction',
				label: 'Residents satisfied with signing in',
				before: 3.4,
				after: 4.2,
				unit: 'out of 5'
			},
			{
				metric: 'citizen-satisfaction',
				label: 'Residents satisfied with the council’s e-services',
				before: 62,
				after: 81,
				unit: '%',
				source: 'Harbour City resident survey, before the switch and six months after',
				sampleSize: 412
			},
			{
				metric: 'staff-hours-saved',
				label: 'Help desk time on password resets',
				value: 300,
				unit: 'hours',
				period: 'a year'
			}
		],
		jurisdiction: 'Harbour City',
		level: 'local',
		sector: 'Digital identity',
		region: 'West'
	},
	{
		practice: { story: 'service-desk-booking' },
		by: 'maria',
		daysAgo: 3,
		organization: 'City of Norrvik',
		status: 'planning',
		notes: 'We plan bookings for the citizen office from the spring, keeping walk-in afternoons as Harbour City did.',
		outcomes: [],
		jurisdiction: 'Norrvik',
		level: 'local',
		sector: 'Citizen services',
		region: 'North'
	},
	{
		practice: { story: 'shared-security-officer' },
		by: 'ana',
		daysAgo: 16,
		statusDaysAgo: 4,
		organization: 'Eastvale Regional Procurement Office',
		status: 'abandoned',
		notes:
			'Abandoned: our 23 municipalities could not agree how to split one officer’s time, and the largest ones already had staff. We bought a managed security service under the framework instead.',
		outcomes: [],
		jurisdiction: 'Eastvale region',
		level: 'regional',
		sector: 'Cybersecurity',
		region: 'East'
	},
	{
		practice: { resource: 'Open data publishing checklist for small municipalities' },
		by: 'piotr',
		daysAgo: 18,
		statusDaysAgo: 6,
		organization: 'Association of Small Municipalities',
		status: 'implemented',
		notes: 'Nine small towns used the checklist to publish their first datasets.',
		outcomes: [{ metric: 'people-served', label: 'Towns that published open data', value: 9, unit: 'towns' }],
		level: 'regional',
		sector: 'Open data',
		region: 'North'
	},
	{
		practice: { resource: 'Requirements template: procuring cloud services' },
		by: 'maria',
		daysAgo: 14,
		statusDaysAgo: 5,
		organization: 'City of Norrvik',
		status: 'implemented',
		notes: 'We used the template for our backup and storage tender.',
		outcomes: [{ metric: 'processing-time', label: 'Time to write the tender', before: 6, after: 2, unit: 'weeks' }],
		jurisdiction: 'Norrvik',
		level: 'local',
		sector: 'Procurement',
		region: 'North'
	},
	{
		practice: { resource: 'Cyber hygiene baseline: 8 measures for small municipalities' },
		by: 'siobhan',
		daysAgo: 6,
		organization: 'Harbour City Council',
		status: 'piloting',
		notes: 'Trying measures 1 to 4 in two departments before the whole council.',
		outcomes: [],
		level: 'local',
		sector: 'Cybersecurity',
		region: 'West'
	}
];

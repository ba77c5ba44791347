// Demo members: believable public servants with full profiles. They share one password,
// printed when the server starts, so anyone trying Praxis can sign in as any of them.
import type { NewMember } from '../auth/members';
import { DEMO_PASSWORD, MORE_MEMBERS } from './members-more';

export { DEMO_PASSWORD };

/**
 * The six members README names and the server prints at start (some with roles). Fictional
 * people agreed to nothing: seed.ts creates them with no privacy consent.
 */
export const FEATURED_DEMO_MEMBERS: readonly Omit<NewMember, 'privacy'>[] = [
	{
		username: 'maria',
		password: DEMO_PASSWORD,
		displayName: 'Maria Lindqvist',
		organization: 'City of Norrvik',
		roles: ['reviewer'],
		profile: {
			jurisdiction: 'Norrvik (municipality, 48,000 residents)',
			region: 'North',
			sector: 'IT and digital services',
			role: 'Head of IT and digital services',
			expertise: ['cloud', 'digital-services', 'e-permits', 'architecture'],
			bio: 'Runs a team of nine that keeps 60 systems and 140 e-services going. Moved the city from two server rooms to a mix of cloud and shared regional hosting. Happy to review anything about infrastructure, migrations and vendor contracts.',
			mentor: true
		}
	},
	{
		username: 'james',
		password: DEMO_PASSWORD,
		displayName: 'James Okafor',
		organization: 'Department for Digital Government',
		profile: {
			jurisdiction: 'National',
			region: 'Capital',
			sector: 'Digital identity',
			role: 'Senior policy officer, digital identity',
			expertise: ['digital-identity', 'policy', 'data-protection'],
			bio: 'Works on the national eID programme and the rules municipalities must follow when they connect to it. Previously a caseworker in a local benefits office.',
			mentor: false
		}
	},
	{
		username: 'ana',
		password: DEMO_PASSWORD,
		displayName: 'Ana Ferreira',
		organization: 'Eastvale Regional Procurement Office',
		profile: {
			jurisdiction: 'Eastvale region (23 municipalities)',
			region: 'East',
			sector: 'Procurement',
			role: 'Procurement specialist, ICT',
			expertise: ['procurement', 'cloud', 'contracts', 'framework-agreements'],
			bio: 'Buys software and cloud services on behalf of 23 municipalities. Interested in exit clauses, open standards in tenders, and making small suppliers able to bid.',
			mentor: true
		}
	},
	{
		username: 'thi',
		password: DEMO_PASSWORD,
		displayName: 'Thi Nguyen',
		organization: 'Riverside County',
		profile: {
			jurisdiction: 'Riverside County',
			region: 'South',
			sector: 'Open data',
			role: 'Data officer',
			expertise: ['open-data', 'data-quality', 'gtfs', 'dcat'],
			bio: 'Looks after the county open data portal (310 datasets) and the data-sharing agreements behind it. Believes a boring, well-documented CSV beats a shiny dashboard.',
			mentor: false
		}
	},
	{
		username: 'piotr',
		password: DEMO_PASSWORD,
		displayName: 'Piotr Kowalski',
		organization: 'Association of Small Municipalities',
		roles: ['moderator', 'reviewer'],
		profile: {
			jurisdiction: 'Northern region',
			region: 'North',
			sector: 'Cybersecurity',
			role: 'Regional digitalisation coordinator',
			expertise: ['cybersecurity', 'small-municipalities', 'shared-services'],
			bio: 'Helps 31 municipalities with fewer than 10,000 residents share IT staff, contracts and know-how. Organises the quarterly meetups in the region. Moderates the forums here.',
			mentor: true
		}
	},
	{
		username: 'siobhan',
		password: DEMO_PASSWORD,
		displayName: 'Siobhan Brennan',
		organization: 'Harbour City Council',
		profile: {
			jurisdiction: 'Harbour City',
			region: 'West',
			sector: 'Citizen services',
			role: 'Service design and accessibility lead',
			expertise: ['accessibility', 'service-design', 'plain-language', 'citizen-engagement'],
			bio: 'Leads user research for resident-facing services. Has run more than 40 usability sessions with residents who use screen readers, magnifiers or who read with difficulty.',
			mentor: false
		}
	}
];

/** Everyone the demo creates: the featured six, then the rest of the community. */
export const DEMO_MEMBERS: readonly Omit<NewMember, 'privacy'>[] = [...FEATURED_DEMO_MEMBERS, ...MORE_MEMBERS];

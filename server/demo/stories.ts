// Demo success stories: eight published (reviewed by maria, who wrote none of them) and one
// waiting for review, with measured results, across sectors, regions and levels of government.
// Three were entries of last quarter's challenge, two are entries of the running one.
import type { DemoStory } from './types';

export const STORIES: readonly DemoStory[] = [
	{
		key: 'cloud-framework',
		by: 'ana',
		daysAgo: 55,
		challenge: 'past',
		title: 'Eastvale: one cloud framework agreement for 23 municipalities',
		summary:
			'Instead of 23 separate tenders, the regional procurement office ran one framework agreement for cloud hosting. Tendering time fell from nine months to four, and the municipalities save about EUR 85,000 a year together.',
		problem:
			'Each municipality tendered its own hosting every four years. Small ones had no procurement staff, copied old requirements, and ended up with contracts that had no exit clause and prices far above the market.',
		actions:
			'We gathered requirements from 23 municipalities in three workshops, wrote one requirements document with exit and data-return clauses, and ran an open framework tender with four lots so that small regional suppliers could bid. Municipalities call off with a two-page mini-competition.',
		outcomes: [
			{
				metric: 'cost-saved',
				label: 'Hosting costs saved across the region',
				value: 85000,
				unit: 'EUR',
				period: 'a year'
			},
			{ metric: 'processing-time', label: 'Time to a signed hosting contract', before: 9, after: 4, unit: 'months' },
			{ metric: 'people-served', label: 'Municipalities using the framework', value: 19, unit: 'municipalities' }
		],
		lessons:
			'Agree the exit clause first: it shaped every other requirement. Small suppliers bid when lots are small and the paperwork is short.',
		organization: 'Eastvale Regional Procurement Office',
		jurisdiction: 'Eastvale region (23 municipalities)',
		level: 'regional',
		sector: 'Procurement',
		region: 'East',
		team: [
			{ name: 'Ana Ferreira', role: 'Procurement specialist', member: 'ana' },
			{ name: 'Jonas Berg', role: 'Legal adviser' }
		],
		startedMonthsAgo: 20,
		endedMonthsAgo: 8,
		tags: ['procurement', 'cloud', 'framework-agreements'],
		contact: 'Ana Ferreira, procurement specialist (through Praxis messages)',
		votes: ['maria', 'piotr', 'thi', 'siobhan', 'james']
	},
	{
		key: 'open-data-requests',
		by: 'thi',
		daysAgo: 45,
		challenge: 'past',
		title: 'Riverside County: publishing the data people kept asking for',
		summary:
			'We published the 40 datasets behind most freedom-of-information requests. Requests fell by 60 % and staff saved about 1,200 hours a year.',
		problem:
			'Staff answered around 640 information requests a year, most of them for the same tables: permits, inspections, budgets. Each answer took a day of searching and redacting.',
		actions:
			'We ranked requests of the last three years by topic, published the top 40 datasets as CSV with plain descriptions, and linked them from the request form so people find them before they ask.',
		outcomes: [
			{
				metric: 'staff-hours-saved',
				label: 'Staff time no longer spent on requests',
				value: 1200,
				unit: 'hours',
				period: 'a year'
			},
			{ metric: 'other', label: 'Information requests received', before: 640, after: 260, unit: 'requests a year' }
		],
		lessons: 'Publish what people ask for, not what is easy to publish. A boring, well-described CSV is enough.',
		organization: 'Riverside County',
		jurisdiction: 'Riverside County',
		level: 'local',
		sector: 'Open data',
		region: 'South',
		team: [{ name: 'Thi Nguyen', role: 'Data officer', member: 'thi' }],
		startedMonthsAgo: 14,
		endedMonthsAgo: 6,
		tags: ['open-data', 'foi', 'data-quality'],
		votes: ['maria', 'james', 'ana', 'piotr']
	},
	{
		key: 'eid-sign-in',
		by: 'james',
		daysAgo: 38,
		challenge: 'past',
		title: 'National eID sign-in for 180,000 residents of small municipalities',
		summary:
			'A shared sign-in service lets residents of 31 small municipalities use the national eID for local e-services. Satisfaction with signing in rose from 3.1 to 4.4 out of 5.',
		problem:
			'Small municipalities each ran their own accounts and passwords. Residents forgot them, help desks reset hundreds a month, and none of the systems met the national security level.',
		actions:
			'The department built one connector to the national eID and offered it free to municipalities, with a template agreement and a two-day setup guide. The regional association helped the first ten connect.',
		outcomes: [
			{
				metric: 'satisfaction',
				label: 'Residents satisfied with signing in',
				before: 3.1,
				after: 4.4,
				unit: 'out of 5',
				source: 'Sign-in feedback form, first year',
				sampleSize: 2340
			},
			{ metric: 'people-served', label: 'Residents who can sign in with eID', value: 180000, unit: 'residents' },
			{
				metric: 'staff-hours-saved',
				label: 'Help desk time on password resets',
				value: 900,
				unit: 'hours',
				period: 'a year'
			}
		],
		lessons: 'A template agreement mattered more than the technology: lawyers were the bottleneck, not developers.',
		organization: 'Department for Digital Government',
		jurisdiction: 'National',
		level: 'national',
		sector: 'Digital identity',
		region: 'North',
		team: [
			{ name: 'James Okafor', role: 'Senior policy officer', member: 'james' },
			{ name: 'Piotr Kowalski', role: 'Regional coordinator', member: 'piotr' }
		],
		startedMonthsAgo: 18,
		endedMonthsAgo: 5,
		tags: ['digital-identity', 'e-services', 'shared-services'],
		votes: ['maria', 'siobhan', 'piotr', 'ana', 'thi']
	},
	{
		key: 'shared-security-officer',
		by: 'piotr',
		daysAgo: 20,
		title: 'One security officer shared by 12 small municipalities',
		summary:
			'Twelve municipalities of under 10,000 residents share one information security officer. Phishing clicks fell from 18 % to 4 %, at a fraction of the cost of hiring one each.',
		problem:
			'None of the twelve could afford or find a security officer. Incidents went unreported and the national baseline was not met anywhere.',
		actions:
			'The association employs the officer and charges each municipality by population. The officer runs quarterly phishing exercises, keeps one shared incident log and visits each town hall twice a year.',
		outcomes: [
			{ metric: 'error-rate', label: 'Staff clicking phishing test links', before: 18, after: 4, unit: '%' },
			{
				metric: 'cost-saved',
				label: 'Saved compared with a part-time officer in each municipality',
				value: 140000,
				unit: 'EUR',
				period: 'a year'
			}
		],
		lessons: 'Start with the towns that ask; the others joined after the first incident report was shared.',
		organization: 'Association of Small Municipalities',
		jurisdiction: 'Northern region',
		level: 'regional',
		sector: 'Cybersecurity',
		region: 'North',
		startedMonthsAgo: 12,
		tags: ['cybersecurity', 'small-municipalities', 'shared-services'],
		votes: ['maria', 'ana', 'siobhan']
	},
	{
		key: 'service-desk-booking',
		by: 'siobhan',
		daysAgo: 5,
		challenge: 'running',
		title: 'Harbour City: waiting at the service desk down from 45 to 12 minutes',
		summary:
			'Residents book a time for the service desk online or by phone. The average wait fell from 45 to 12 minutes and satisfaction rose.',
		problem:
			'Queues at the council service desk reached an hour on Mondays. Staff could not prepare, and people with disabilities found the wait hardest.',
		actions:
			'We tested a booking page with 12 residents, kept walk-in hours every afternoon, and send a reminder text the day before with the documents to bring.',
		outcomes: [
			{ metric: 'waiting-time', label: 'Average wait at the service desk', before: 45, after: 12, unit: 'minutes' },
			{ metric: 'people-served', label: 'Visits booked', value: 26000, unit: 'visits', period: 'a year' },
			{ metric: 'satisfaction', label: 'Visitors satisfied with the visit', before: 3.4, after: 4.3, unit: 'out of 5' }
		],
		lessons: 'Keep walk-in hours: some residents will never book, and they should not wait longer because others do.',
		organization: 'Harbour City Council',
		jurisdiction: 'Harbour City',
		level: 'local',
		sector: 'Citizen services',
		region: 'West',
		team: [
			{ name: 'Siobhan Brennan', role: 'Service design lead', member: 'siobhan' },
			{ name: 'Declan Moore', role: 'Service desk manager' }
		],
		startedMonthsAgo: 9,
		endedMonthsAgo: 2,
		tags: ['service-design', 'citizen-engagement', 'accessibility'],
		contact: 'Siobhan Brennan, service design lead (through Praxis messages)',
		votes: ['maria', 'james', 'thi']
	},
	{
		key: 'permit-case-file',
		by: 'thi',
		daysAgo: 1,
		challenge: 'running',
		status: 'submitted',
		title: 'Riverside County: building permits in 9 days instead of 21',
		summary:
			'One shared case file for the planning, environment and fire departments cut the time to decide a building permit from 21 to 9 days.',
		problem:
			'Each department kept its own copy of a permit application and passed paper between offices. Applicants phoned to ask where their file was.',
		actions:
			'We moved the three departments onto one case file with a shared checklist, and publish each application’s stage on the county website.',
		outcomes: [
			{ metric: 'processing-time', label: 'Time to decide a building permit', before: 21, after: 9, unit: 'days' },
			{
				metric: 'other',
				label: 'Phone calls asking about an application',
				before: 300,
				after: 80,
				unit: 'calls a month'
			}
		],
		organization: 'Riverside County',
		jurisdiction: 'Riverside County',
		level: 'local',
		sector: 'Building and planning',
		region: 'South',
		startedMonthsAgo: 10,
		endedMonthsAgo: 1,
		tags: ['e-permits', 'case-management', 'process-automation']
	},
	{
		key: 'repairs-reporting',
		by: 'mateo',
		daysAgo: 100,
		title: 'Eastmoor: tenants report repairs online, and more are fixed first time',
		summary:
			'A repair reporting form built with tenants, with photos and a choice of common problems, raised the share of repairs fixed on the first visit from 68% to 84%.',
		problem:
			'Tenants reported repairs by phone, and operatives often arrived without the right part because the problem had been described in a few words. A third of repairs needed a second visit.',
		actions:
			'We designed the form with 20 tenants: pictures of common problems, an optional photo, and questions that tell the operative what to bring. Phone reporting stayed, using the same questions.',
		outcomes: [
			{ metric: 'other', label: 'Repairs fixed on the first visit', before: 68, after: 84, unit: '%' },
			{ metric: 'people-served', label: 'Repairs reported online', value: 5400, unit: 'repairs', period: 'a year' },
			{ metric: 'satisfaction', label: 'Tenants satisfied with the repair', before: 3.2, after: 4.1, unit: 'out of 5' }
		],
		lessons:
			'Photos helped less than good questions. Operatives wrote the questions; tenants made them understandable.',
		organization: 'Eastmoor District Council',
		jurisdiction: 'Eastmoor district',
		level: 'local',
		sector: 'Housing',
		region: 'East',
		team: [{ name: 'Mateo García', role: 'Housing repairs service lead', member: 'mateo' }],
		startedMonthsAgo: 16,
		endedMonthsAgo: 7,
		tags: ['housing', 'repairs', 'service-design'],
		votes: ['hoa', 'sean', 'siobhan', 'olga']
	},
	{
		key: 'contact-centre-callback',
		by: 'ingrid',
		daysAgo: 33,
		title: 'Islands Council: a callback option cut abandoned calls from 18% to 6%',
		summary:
			'Callers who have waited two minutes can ask to be called back. Abandoned calls fell by two thirds, and Monday morning peaks moved to quiet afternoons.',
		problem:
			'On Monday mornings almost one caller in five hung up before reaching the contact centre, many of them calling from ferries and remote farms with poor signal.',
		actions:
			'We switched on the callback option of our telephony system, offered only after two minutes of waiting, and planned afternoon staff to return the calls within four hours.',
		outcomes: [
			{ metric: 'error-rate', label: 'Callers who hung up before an answer', before: 18, after: 6, unit: '%' },
			{ metric: 'waiting-time', label: 'Longest wait on Monday mornings', before: 25, after: 8, unit: 'minutes' }
		],
		lessons: 'Offer it only after a wait, or everyone takes it and the afternoon fills up.',
		organization: 'Islands Council',
		jurisdiction: 'Islands',
		level: 'local',
		sector: 'Citizen services',
		region: 'Islands',
		startedMonthsAgo: 8,
		endedMonthsAgo: 3,
		tags: ['contact-centre', 'citizen-services', 'waiting-time'],
		votes: ['siobhan', 'hoa', 'erik', 'lars']
	},
	{
		key: 'shared-location-data',
		by: 'kwame',
		daysAgo: 74,
		title: 'One location for fire, ambulance and police: faster dispatch to rural addresses',
		summary:
			'Three control rooms now share the same address and location data. Time to confirm the location of a rural incident fell from 3 minutes 40 seconds to 1 minute 50 seconds.',
		problem:
			'Each service kept its own address data. Farms and holiday homes were found in one system and not another, and calls were transferred with a location that had to be confirmed again.',
		actions:
			'We agreed one address dataset from the national register, added grid references for places without an address, and pass the location with every transferred call.',
		outcomes: [
			{
				metric: 'processing-time',
				label: 'Time to confirm a rural location',
				before: 220,
				after: 110,
				unit: 'seconds'
			},
			{
				metric: 'people-served',
				label: 'Calls transferred with a shared location',
				value: 14000,
				unit: 'calls',
				period: 'a year'
			}
		],
		lessons: 'Agreeing whose data is right took longer than connecting the systems.',
		organization: 'National Fire and Rescue Service',
		jurisdiction: 'National',
		level: 'national',
		sector: 'Emergency services',
		region: 'Capital',
		team: [
			{ name: 'Kwame Mensah', role: 'Control room systems lead', member: 'kwame' },
			{ name: 'Luis Navarro', role: 'Operations analyst', member: 'luis' }
		],
		startedMonthsAgo: 22,
		endedMonthsAgo: 9,
		tags: ['emergency-services', 'gis', 'data-sharing'],
		votes: ['luis', 'marcus', 'arjun', 'lars']
	}
];

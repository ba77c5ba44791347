// Demo forum threads, part two: identity, transport data, introductions, invoices, DPIAs.
import type { DemoThread } from './types';

export const THREADS_B: readonly DemoThread[] = [
	{
		category: 'digital-services',
		by: 'james',
		daysAgo: 24,
		title: 'Resident sign-in: national eID or our own accounts?',
		tags: ['digital-identity', 'eid', 'e-services'],
		body: `We keep hearing from municipalities that still run their own username/password accounts for e-services alongside the national eID.

For anyone who has switched fully to eID: what happened to residents who cannot use it (no smartphone, guardianship, foreign residents waiting for a number)? Did you keep a fallback, and how is it secured?`,
		votes: ['maria', 'siobhan'],
		replies: [
			{
				by: 'maria',
				after: 8,
				body: 'We switched in 2023. Fallback is a staffed service desk that can act *on behalf of* a resident with a written mandate. Roughly 2% of transactions go that way.'
			},
			{
				by: 'siobhan',
				after: 29,
				body: `Please do not forget people acting for someone else: carers, parents of adult children with disabilities. Mandates in the eID system were the most requested feature in our research.`,
				votes: ['james', 'maria']
			}
		]
	},
	{
		category: 'open-data',
		by: 'maria',
		daysAgo: 9,
		title: 'Publishing real-time bus data (GTFS-RT) on a small budget',
		tags: ['gtfs', 'transport', 'open-data'],
		body: `Our bus operator has vehicle positions but only shows them in their own app. We would like a public GTFS-Realtime feed so journey planners can use it.

The operator says it needs a new module from their vendor. Has anyone written the requirement into the operating contract instead, at renewal?`,
		votes: ['thi'],
		replies: [
			{
				by: 'thi',
				after: 6,
				body: 'We did at contract renewal: "static GTFS and GTFS-RT trip updates and vehicle positions, openly licensed, with 99% monthly availability". The operator priced it at less than 1% of the contract.'
			},
			{
				by: 'ana',
				after: 27,
				body: 'Happy to share the clause text. Also worth requiring that the feed URL stays stable when the vendor changes.'
			}
		]
	},
	{
		category: 'general',
		by: 'piotr',
		daysAgo: 30,
		title: 'Introductions: who is here and what are you working on?',
		tags: ['introductions'],
		body: `Welcome to Praxis! Say hello: where you work, what you are working on this year, and one thing you would like to learn from others here.

I coordinate digitalisation for 31 small municipalities in the northern region. This year: shared cyber security support and a common open data top 10.`,
		votes: ['maria', 'james', 'ana', 'thi', 'siobhan'],
		replies: [
			{
				by: 'maria',
				after: 2,
				body: 'Maria, head of IT in Norrvik. This year: finishing our move out of the server rooms. Want to learn: how others budget for cloud costs that grow every month.'
			},
			{
				by: 'ana',
				after: 4,
				body: 'Ana, ICT procurement for Eastvale. Renewing our office software agreement. Want to learn: exit clauses that actually work.'
			},
			{
				by: 'thi',
				after: 7,
				body: 'Thi, data officer at Riverside County. Cleaning up metadata on 310 datasets. Want to learn: how to get departments to own their data quality.'
			},
			{
				by: 'siobhan',
				after: 22,
				body: 'Siobhan, service design in Harbour City. Rewriting our top 20 services in plain language. Want to learn: measuring whether it worked.'
			},
			{
				by: 'james',
				after: 27,
				body: 'James, national digital identity policy. Want to learn what stops municipalities from connecting to the eID, straight from you.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'ana',
		daysAgo: 6,
		title: 'Automating invoice matching: RPA, or fix the process first?',
		tags: ['rpa', 'finance', 'e-invoicing'],
		body: `Our finance team spends two days a month matching supplier invoices to purchase orders by hand. A consultant proposes software robots (RPA).

My instinct is that most mismatches come from orders raised after the invoice arrives. Has anyone looked at the root causes before automating?`,
		votes: ['maria', 'piotr'],
		replies: [
			{
				by: 'maria',
				after: 5,
				body: 'We found 40% of mismatches came from three suppliers sending PDFs instead of e-invoices. A letter from the finance director fixed more than the robot would have.'
			},
			{
				by: 'piotr',
				after: 20,
				body: 'RPA bots break whenever the screen they click through changes. If your finance system has an API, ask for an integration instead.'
			},
			{
				by: 'ana',
				after: 44,
				replyTo: 0,
				body: 'Ha, that matches our numbers. Starting with a supplier clean-up; will report back in the spring.'
			}
		]
	},
	{
		category: 'cybersecurity-privacy',
		by: 'james',
		daysAgo: 4,
		title: 'Who writes the DPIA for a new case management system: us or the vendor?',
		tags: ['dpia', 'gdpr', 'data-protection'],
		body: `A data protection impact assessment is required for our new case management system. The vendor offers a "DPIA package", but the controller is us.

How do you split the work? Did a vendor-written DPIA ever pass your data protection officer?`,
		replies: [
			{
				by: 'thi',
				after: 3,
				body: 'Use the vendor text for the technical description and security measures, but write the necessity, proportionality and risk to residents yourselves. Our DPO rejected a DPIA that described risks to "the customer" instead of to the people in the files.'
			},
			{
				by: 'maria',
				after: 18,
				body: 'Ask the vendor for their records of processing and subprocessor list as annexes, with dates. They change often.'
			}
		]
	}
];

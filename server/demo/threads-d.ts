// Demo forum threads, part four: open data, procurement and process automation, from
// transport, environment, finance and social care as well as IT.
import type { DemoThread } from './types';

export const THREADS_D: readonly DemoThread[] = [
	{
		category: 'open-data',
		by: 'rafael',
		daysAgo: 115,
		title: 'Publishing air quality sensor data: raw readings or validated only?',
		tags: ['air-quality', 'sensors', 'open-data'],
		body: `We have 45 low-cost air quality sensors. Their raw readings are noisy: a sensor next to a bus stop can spike for ten minutes and look alarming.

Do you publish raw readings in real time, validated data a month later, or both? How do you explain the difference to residents?`,
		votes: ['thi', 'leila', 'kenji'],
		replies: [
			{
				by: 'thi',
				after: 6,
				body: 'Both, as two clearly named datasets: "provisional, real time" and "validated, monthly". The description of the provisional one says in the first sentence that values may change.',
				votes: ['rafael', 'leila']
			},
			{
				by: 'leila',
				after: 30,
				body: 'Add the sensor type and calibration date to the metadata. Researchers asked us for it every time.'
			},
			{
				by: 'rafael',
				after: 54,
				replyTo: 0,
				body: 'Two datasets it is. Thank you, Thi.'
			}
		]
	},
	{
		category: 'open-data',
		by: 'kenji',
		daysAgo: 98,
		title: 'Step-free access data for stations: who keeps it up to date?',
		tags: ['transport', 'accessibility', 'data-quality'],
		body: `Journey planners show step-free routes using our station data, but lifts break and the data does not know. A wheelchair user travelled to a station last month and could not get off the platform.

Who in your organisation owns lift status, and is it published in real time?`,
		votes: ['siobhan', 'mei', 'nadia', 'thi'],
		replies: [
			{
				by: 'mei',
				after: 4,
				body: 'Our lifts report faults to the maintenance system automatically. We added a feed from that system to the open data portal: twenty lines of code once the owner agreed.'
			},
			{
				by: 'siobhan',
				after: 20,
				body: 'Please also publish planned lift works a week ahead. People plan trips days in advance.'
			}
		]
	},
	{
		category: 'open-data',
		by: 'leila',
		daysAgo: 80,
		title: 'Energy use of public buildings as open data: any privacy issues?',
		tags: ['energy', 'climate', 'open-data'],
		body: `We want to publish half-hourly electricity and gas readings for our 140 public buildings. Some are small: a library with two staff, a day centre.

Could half-hourly data reveal when a specific person is in the building? Should we aggregate to daily for small sites?`,
		votes: ['hannah', 'rafael'],
		replies: [
			{
				by: 'hannah',
				after: 10,
				body: 'For a building with one or two staff, yes, half-hourly data can show when someone arrives and leaves. Daily totals for sites with fewer than five staff is a reasonable rule.'
			},
			{
				by: 'thi',
				after: 22,
				body: 'We did exactly that split. Nobody has asked for half-hourly data of the small sites in two years.'
			}
		]
	},
	{
		category: 'open-data',
		by: 'oluwaseun',
		daysAgo: 55,
		title: 'Small numbers in children’s services statistics: suppress or round?',
		tags: ['statistics', 'data-protection', 'social-care'],
		body: `Our published tables of children in care by neighbourhood have cells with 1, 2 or 3 children. We currently suppress anything under 5, but then totals can be used to work the missing cells back out.

What rules do you use?`,
		votes: ['thi', 'hannah'],
		replies: [
			{
				by: 'thi',
				after: 7,
				body: 'Suppress under 5 and also suppress the next smallest cell in the same row and column, so it cannot be worked back out. Or round everything to the nearest 5 and say so under the table.'
			},
			{
				by: 'hannah',
				after: 15,
				body: 'For children’s services I would publish at district level only. Neighbourhoods are too small, whatever the rounding.',
				votes: ['oluwaseun', 'thi', 'fatima']
			},
			{
				by: 'oluwaseun',
				after: 40,
				replyTo: 1,
				body: 'Agreed. Moving to district level from the next release.'
			}
		]
	},
	{
		category: 'open-data',
		by: 'elena',
		daysAgo: 13,
		title: 'Waste collection calendars as open data',
		tags: ['waste', 'open-data', 'calendars'],
		body: `Residents keep asking for their bin collection days in their phone calendar. We have the rounds in our routing system.

Has anyone published collection calendars per address as iCalendar or CSV? Any standard format?`,
		votes: ['piotr', 'thi'],
		replies: [
			{
				by: 'piotr',
				after: 5,
				body: 'Collection days are on our shared top 10 list. We publish a CSV of address, waste type and date, and an .ics link per address generated from it. No national standard that I know of.'
			},
			{
				by: 'rafael',
				after: 28,
				body: 'Southport does the same. Include holiday changes in the file: that is the week people need it most.'
			}
		]
	},
	{
		category: 'open-data',
		by: 'thi',
		daysAgo: 0,
		title: 'Getting departments to own their data quality',
		tags: ['data-quality', 'data-governance', 'open-data'],
		body: `After a year, most of our datasets are updated on time, but quality issues reported by users sit in my inbox because no department feels responsible.

Has anyone made data stewards in departments work? Did they have time set aside in their job description?`,
		replies: []
	},
	{
		category: 'procurement',
		by: 'priya',
		daysAgo: 118,
		title: 'E-invoicing deadline: what is stopping your suppliers?',
		tags: ['e-invoicing', 'suppliers', 'finance'],
		body: `From next year all public bodies must accept and process structured e-invoices. In our survey, 40% of small suppliers still send PDFs.

What have you heard from your suppliers? We are writing guidance and want to answer the real objections.`,
		votes: ['noah', 'yusuf', 'ana'],
		replies: [
			{
				by: 'yusuf',
				after: 8,
				body: 'Small suppliers say their accounting software does not do it, or charges extra. A free web form on the national portal for suppliers sending fewer than 50 invoices a year solved most of it for us.',
				votes: ['priya', 'noah']
			},
			{
				by: 'noah',
				after: 26,
				body: 'The other objection: they do not know our purchase order numbers. Put the PO number on every order in big letters and reject nothing in the first three months.'
			},
			{
				by: 'ana',
				after: 50,
				body: 'Add the e-invoicing requirement to every new contract from now on, with the portal link. Suppliers read contracts more closely than newsletters.'
			}
		]
	},
	{
		category: 'procurement',
		by: 'fatima',
		daysAgo: 90,
		title: 'Replacing a social care case management system: lessons from the tender',
		tags: ['case-management', 'social-care', 'tendering'],
		body: `We are about to tender for a new adult social care system. The current one is 14 years old and the contract ends in 30 months.

For those who have done this recently: how long did it really take, and what would you do differently in the requirements?`,
		votes: ['ana', 'oluwaseun', 'david'],
		replies: [
			{
				by: 'ana',
				after: 9,
				body: 'Allow 9 months for the tender and 18 for implementation and data migration. 30 months is tight; start the market engagement now.'
			},
			{
				by: 'oluwaseun',
				after: 28,
				body: 'Write requirements as scenarios with real (anonymised) cases, not feature lists. Suppliers demonstrated our scenarios and it showed very quickly who could do what.',
				votes: ['fatima', 'ana', 'david']
			},
			{
				by: 'david',
				after: 52,
				body: 'Budget and plan the data migration as a separate workstream with its own lead. It is the part that goes wrong most often in the projects we audit.'
			},
			{
				by: 'fatima',
				after: 75,
				replyTo: 1,
				body: 'Scenarios are a great idea. We have case studies from our training programme we can anonymise for this.'
			}
		]
	},
	{
		category: 'procurement',
		by: 'erik',
		daysAgo: 70,
		title: 'Buying a ferry booking system with two other councils',
		tags: ['joint-procurement', 'ferries', 'booking'],
		body: `Three island councils each run their own ferry bookings on old systems. We are talking about one joint procurement.

Practical question: who signs the contract? One council on behalf of the others, or a new joint body?`,
		votes: ['ana', 'ingrid'],
		replies: [
			{
				by: 'ana',
				after: 11,
				body: 'The simplest is a lead authority with a collaboration agreement between the three: who pays what, who decides, what happens if one leaves. We do that for 23 municipalities.',
				votes: ['erik', 'ingrid']
			},
			{
				by: 'ingrid',
				after: 40,
				body: 'We are one of the three. Happy for the Islands Council to lead if the agreement covers support hours for each island.'
			}
		]
	},
	{
		category: 'procurement',
		by: 'lars',
		daysAgo: 45,
		title: 'Market engagement before a tender: how early, and how open?',
		tags: ['market-engagement', 'tendering', 'small-suppliers'],
		body: `For our new rural broadband voucher scheme we want to talk to suppliers before we write the tender. Our legal team worries it will give some suppliers an advantage.

How do you run market engagement that stays fair?`,
		votes: ['ana', 'priya'],
		replies: [
			{
				by: 'ana',
				after: 5,
				body: 'Announce it publicly, meet everyone who asks on the same terms, and publish a summary of what you heard and any documents you shared. Then nobody has an advantage.'
			}
		]
	},
	{
		category: 'procurement',
		by: 'maria',
		daysAgo: 33,
		title: 'Software licence audits: how do you prepare?',
		tags: ['licences', 'contracts', 'audit'],
		body: `A large software vendor has announced a licence audit. Last time it ended in a settlement we did not budget for.

What do you keep ready, and have you ever pushed back on the audit scope?`,
		votes: ['ana', 'noah', 'david'],
		replies: [
			{
				by: 'ana',
				after: 4,
				body: 'Read the audit clause first: notice period, who pays for the auditor, how often. Many contracts allow one audit a year with 30 days notice, and vendors ask for more.'
			},
			{
				by: 'noah',
				after: 20,
				body: 'Keep an up-to-date licence register with the contract, the count, and where each licence is used. When we had one, the audit took two weeks instead of three months.'
			},
			{
				by: 'david',
				after: 44,
				body: 'From the audit side: boards should hear about software licence risk once a year, with the register. It is one of the most common unplanned costs we see.'
			}
		]
	},
	{
		category: 'procurement',
		by: 'mateo',
		daysAgo: 20,
		title: 'Repairs contracts: can we require the contractor to share appointment data?',
		tags: ['housing', 'contracts', 'data-sharing'],
		body: 'Our repairs contract is up for renewal next year. I want to require the contractor to publish available appointment slots through an API we can use in our tenant portal. Has anyone written such a clause?',
		replies: [
			{
				by: 'ana',
				after: 12,
				body: 'Yes, similar to the GTFS-RT clause in the bus thread: name the data, the format, the availability and say the data is yours. Then score the quality of their API documentation in the evaluation.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'yusuf',
		daysAgo: 108,
		title: 'Month-end close in six days: what we automated and what we did not',
		tags: ['finance', 'automation', 'month-end'],
		body: `Our month-end close took eleven working days. It now takes six. What made the difference:

- Bank reconciliation rules in the finance system (it was there, nobody had switched it on)
- Accruals from purchase orders calculated automatically
- One shared checklist with owners and deadlines

What we did **not** automate: journal approvals. A person still looks at every journal above EUR 10,000.

What does your close look like?`,
		votes: ['noah', 'priya', 'ana', 'david'],
		replies: [
			{
				by: 'noah',
				after: 6,
				body: 'Eight days for us across 14 agencies. The shared checklist idea is good: we have one per agency, all different.'
			},
			{
				by: 'david',
				after: 31,
				body: 'Good to see the approval threshold stays with a person. Auditors will ask how the automatic accruals are checked; keep a monthly sample review documented.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'luis',
		daysAgo: 78,
		title: 'Automatic hospital handover times from ambulance GPS',
		tags: ['emergency-services', 'health', 'data-analysis'],
		body: `Crews press a button when they hand a patient over at hospital. Half the time they forget, so our handover figures are guesswork.

We are testing handover times derived from GPS: the ambulance arrives in the hospital bay and leaves it. Early results match the button within 4 minutes when the button is pressed. Anyone else doing this?`,
		votes: ['kwame', 'amina', 'grace'],
		replies: [
			{
				by: 'kwame',
				after: 10,
				body: 'Fire service does the same for arrival on scene. Draw the geofence generously: GPS in covered bays drifts.'
			},
			{
				by: 'amina',
				after: 24,
				body: 'Please share the results with hospitals before the board sees them. Our emergency department would want to check a few days against their own records first.'
			},
			{
				by: 'luis',
				after: 60,
				replyTo: 1,
				body: 'Good advice. We will run a month in parallel and review it with each hospital.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'noah',
		daysAgo: 52,
		title: 'Supplier bank detail changes: how do you stop payment fraud?',
		tags: ['finance', 'fraud', 'payments'],
		body: 'Twice this year we received convincing emails asking to change a supplier’s bank account. Both were caught, one only by luck. What checks do you have in place before a bank detail change is processed?',
		votes: ['yusuf', 'arjun', 'priya', 'maria'],
		replies: [
			{
				by: 'yusuf',
				after: 3,
				body: 'We call the supplier back on the number we already have, never the one in the email, and a second person approves the change. The first payment after a change is held for review.',
				votes: ['noah', 'arjun']
			},
			{
				by: 'arjun',
				after: 15,
				body: 'Also report the attempts. Fraudsters reuse the same templates across many public bodies, and a warning from us can stop the next one.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'zofia',
		daysAgo: 38,
		title: 'Applying retention schedules automatically in case systems',
		tags: ['records-management', 'retention', 'automation'],
		body: `We have a retention schedule with 240 record types. Almost no system deletes anything automatically, so we keep everything forever, which is a risk in itself.

Has anyone got automatic deletion running in a case management system? How did you convince the service teams?`,
		votes: ['hannah', 'fatima'],
		replies: [
			{
				by: 'hannah',
				after: 8,
				body: 'Start with one record type where the rule is simple and the volume high, show a report of what would be deleted for three months, then switch it on. Nobody objected after seeing the list.'
			},
			{
				by: 'fatima',
				after: 30,
				body: 'We did it for closed adult care cases after 8 years. The supplier had the feature; it needed a date field we were not filling in consistently. Fixing the data took longer than the deletion.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'rafael',
		daysAgo: 3,
		title: 'Route optimisation for waste collection: worth the licence?',
		tags: ['waste', 'routing', 'optimisation'],
		body: 'A supplier offers our waste team route optimisation software for the collection rounds at EUR 30,000 a year. The rounds were last redrawn by hand in 2019. Has anyone measured savings in fuel or hours after optimising rounds?',
		replies: [
			{
				by: 'elena',
				after: 5,
				body: 'We redrew ours from a year of the trucks’ own GPS traces, with the crews, and saved a truck and 9% of fuel without buying a licence. The case study is in the library: "Redrawing waste collection rounds with GPS data". Ask the supplier what it would add to that.'
			}
		]
	}
];

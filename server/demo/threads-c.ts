// Demo forum threads, part three: digital services, citizen engagement and general questions
// from members across regions and sectors, over the last four months.
import type { DemoThread } from './types';

export const THREADS_C: readonly DemoThread[] = [
	{
		category: 'digital-services',
		by: 'amina',
		daysAgo: 112,
		title: 'Appointment reminders by text: how many no-shows did you save?',
		tags: ['health', 'appointments', 'sms'],
		body: `Our outpatient clinics lose about 9% of appointments to no-shows. We are about to send text reminders three days before each appointment, with a link to cancel or rebook.

For those who already do this: what reduction did you see, and did the "cancel" link cause a wave of late cancellations?`,
		votes: ['grace', 'aroha', 'maria'],
		replies: [
			{
				by: 'aroha',
				after: 5,
				body: 'We went from 11% to 6% no-shows in community clinics. Late cancellations went up a little, but we could fill most slots from a short-notice list.',
				votes: ['amina', 'grace']
			},
			{
				by: 'grace',
				after: 26,
				body: 'Check that the text does not reveal the clinic type ("Sexual health clinic, Tuesday 10:00"). Phones are shared more than you think. Say "your appointment at Capital Hospital" and no more.'
			},
			{
				by: 'amina',
				after: 50,
				replyTo: 1,
				body: 'Very good point, Grace. We had the specialty in the draft template. Removed.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'olga',
		daysAgo: 104,
		title: 'How many of your e-forms could be retired?',
		tags: ['e-services', 'forms', 'service-design'],
		body: `We have 85 forms on our platform. Last month I looked at submissions: 31 forms had fewer than 20 submissions in a year, and 9 had none.

I want to retire or merge them, but every form has an owner who says it is essential. How did you decide which forms to retire, and who had the final word?`,
		votes: ['siobhan', 'chloe', 'mateo', 'nadia'],
		replies: [
			{
				by: 'siobhan',
				after: 4,
				body: 'We published the usage figures per department on the intranet. Nobody wanted to be top of the "unused" list; owners retired 20 forms themselves in a month.',
				votes: ['olga', 'maria', 'nadia']
			},
			{
				by: 'chloe',
				after: 22,
				body: 'Nous avons fusionné les formulaires de demande d’attestation en un seul parcours. Fewer forms, one question at the start to route the request. Owners kept their back-office process.'
			},
			{
				by: 'maria',
				after: 30,
				body: 'Also check which forms a law requires. Those can often become a page with an email address instead of a form.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'lars',
		daysAgo: 96,
		title: 'E-services that work on a weak mobile connection',
		tags: ['rural-connectivity', 'performance', 'e-services'],
		body: `In half of our villages the mobile signal is one bar on a good day. Our new housing benefit form is 4 MB of JavaScript before the first question appears.

Does anyone set a performance budget in contracts with suppliers? What numbers did you choose?`,
		votes: ['ingrid', 'erik', 'olga', 'ahmed'],
		replies: [
			{
				by: 'ahmed',
				after: 6,
				body: `Our budget: first question visible within 5 seconds on a slow 3G profile, under 300 KB of JavaScript. We test it in the pipeline, so the build fails when someone adds a heavy library.

And the form must work with JavaScript switched off, at least to submit.`,
				votes: ['lars', 'olga', 'maria']
			},
			{
				by: 'ingrid',
				after: 28,
				body: 'The islands have the same problem. Saving answers on the device between pages helped more than anything: people lost the whole form when the signal dropped.'
			},
			{
				by: 'ana',
				after: 48,
				body: 'You can write the budget in as a must requirement with a named test tool and network profile. Without the test method it cannot be enforced.'
			},
			{
				by: 'lars',
				after: 70,
				replyTo: 0,
				body: 'Thank you. Taking the 5 seconds and 300 KB figures to our supplier meeting on Thursday.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'sofia',
		daysAgo: 88,
		title: 'School admissions online: what do you do for parents without eID?',
		tags: ['education', 'admissions', 'digital-identity'],
		body: `About 6% of our applications come from parents who have no national eID yet, mostly families who arrived recently.

Right now they fill in paper and we type it in. Is there a better way that keeps the application safe?`,
		votes: ['james', 'isabel'],
		replies: [
			{
				by: 'james',
				after: 8,
				body: 'The national eID rules allow a verified email plus an identity check at the service desk for services at a lower assurance level. School admissions usually qualify. Talk to your DPO about the level first.'
			},
			{
				by: 'isabel',
				after: 30,
				body: 'Our adult education centres help parents fill in the online form during the admissions weeks, with an interpreter on two evenings. It turned the paper pile into a queue at the centre, but a shorter one.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'mei',
		daysAgo: 75,
		title: 'Concession passes: proving eligibility without uploading documents',
		tags: ['transport', 'ticketing', 'data-sharing'],
		body: `Older and disabled passengers apply for a free travel pass by uploading a proof of age or a disability assessment. Staff check 1,500 uploads a month.

Has anyone checked eligibility against a register instead (with consent), so the applicant uploads nothing?`,
		votes: ['kenji', 'fatima', 'grace'],
		replies: [
			{
				by: 'fatima',
				after: 10,
				body: 'Social care can confirm "eligible: yes/no" without sharing the assessment itself. That is what we agreed with the transport team last year, under a data-sharing agreement. It took four months, mostly legal review.'
			},
			{
				by: 'kenji',
				after: 24,
				body: 'Age is easier: the population register answer is enough, and most people over 66 applied in one weekend when we switched.'
			},
			{
				by: 'mei',
				after: 40,
				replyTo: 0,
				body: '@fatima could you share the agreement template? Happy to strip the names.'
			},
			{
				by: 'fatima',
				after: 55,
				replyTo: 2,
				body: 'Sent you a message with it. The key clause is that only the yes/no answer leaves our system.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'ahmed',
		daysAgo: 41,
		title: 'Design system for a city of 400,000: build our own or adopt the national one?',
		tags: ['design-system', 'accessibility', 'development'],
		body: `Our services look like they come from six different organisations. The national design system covers most components we need, but our brand team wants the city colours and font.

If you adopted the national design system, how much did you customise, and did you regret it?`,
		votes: ['olga', 'siobhan', 'nadia'],
		replies: [
			{
				by: 'olga',
				after: 7,
				body: 'We adopted it with only the logo and one accent colour changed. Upgrades take a day instead of a month. The brand team got used to it.'
			},
			{
				by: 'siobhan',
				after: 19,
				body: 'The national components are tested with assistive technology. Every customisation loses a bit of that. Keep a list of what you changed and retest those parts.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'mateo',
		daysAgo: 2,
		title: 'Letting tenants choose a repair appointment slot online',
		tags: ['housing', 'repairs', 'appointments'],
		body: `Tenants can report a repair online, but then we phone them to agree a time. Three calls on average.

We want to show available slots right after the report. Our repairs contractor's system has slots, but no API. Has anyone got this working with a contractor?`,
		replies: []
	},
	{
		category: 'citizen-engagement',
		by: 'jamal',
		daysAgo: 110,
		title: 'Participatory budgeting: how do you reach people who never vote?',
		tags: ['participatory-budget', 'citizen-engagement', 'inclusion'],
		body: `Last round 31,000 residents voted in our participatory budget. Turnout in the two poorest districts was under 4%, against 14% city-wide.

What actually raised participation in under-represented areas for you?`,
		votes: ['siobhan', 'nadia', 'chloe', 'tomas'],
		replies: [
			{
				by: 'nadia',
				after: 3,
				body: 'Paper ballots and tablets in libraries, schools and the market on Saturday, with staff who speak the main community languages. Our turnout in those districts tripled.',
				votes: ['jamal', 'siobhan']
			},
			{
				by: 'tomas',
				after: 20,
				body: 'En nuestra región funcionó reservar una parte del presupuesto para cada barrio. People vote when they know the money stays close to home.'
			},
			{
				by: 'siobhan',
				after: 27,
				body: 'Ask who proposed the projects, not only who voted. If nobody from the district proposes, there is nothing there people want to vote for.'
			},
			{
				by: 'jamal',
				after: 72,
				replyTo: 0,
				body: 'We will try the library tablets and the market stall this round. Will report the numbers here.'
			}
		]
	},
	{
		category: 'citizen-engagement',
		by: 'hoa',
		daysAgo: 92,
		title: 'Rewriting housing letters in plain language: before and after examples',
		tags: ['plain-language', 'housing', 'letters'],
		body: `We rewrote the 14 letters the allocations team sends. The old offer letter opened with "Pursuant to the council's allocation scheme...". The new one opens with "We can offer you a home at 14 Mill Road."

Complaints fell by a third in six months. Happy to share all 14 before/after pairs if useful. Which letters would you want first?`,
		votes: ['siobhan', 'ingrid', 'sean', 'mateo', 'maria'],
		replies: [
			{
				by: 'sean',
				after: 2,
				body: 'The refusal letters, please. That is where people call us in tears because they do not understand whether they can appeal.'
			},
			{
				by: 'ingrid',
				after: 16,
				body: 'Yes please. Our contact centre could use the same wording for the phone scripts, so the letter and the call say the same thing.'
			},
			{
				by: 'hoa',
				after: 40,
				body: 'Posted the set in the library as a template. Refusal letters are first.'
			}
		]
	},
	{
		category: 'citizen-engagement',
		by: 'nadia',
		daysAgo: 67,
		title: 'Digital help in libraries: what do residents actually ask for?',
		tags: ['digital-inclusion', 'libraries', 'assisted-digital'],
		body: `We logged 9,000 help sessions in libraries last year. Top five:

1. Signing in with the national eID (23%)
2. Uploading a document or a photo of one (17%)
3. Benefits and housing forms (15%)
4. Booking health appointments (11%)
5. Email: creating one, or getting back into it (9%)

Do other councils see the same? We want to give this list to the teams that build these services.`,
		votes: ['james', 'isabel', 'olga', 'siobhan', 'amina'],
		replies: [
			{
				by: 'isabel',
				after: 5,
				body: 'Almost the same list in our courses, with "uploading a document" first. People photograph documents fine; the form then refuses the file type.'
			},
			{
				by: 'james',
				after: 21,
				body: 'Very useful for the eID team. Could you split the first item into "never had eID" and "had it, cannot get in"? The fixes are different.'
			},
			{
				by: 'olga',
				after: 35,
				body: 'We now accept HEIC and any image format and convert it ourselves. Upload help requests dropped noticeably within a month.'
			}
		]
	},
	{
		category: 'citizen-engagement',
		by: 'hoa',
		daysAgo: 49,
		title: 'Callback instead of queueing: does it reduce abandoned calls?',
		tags: ['contact-centre', 'citizen-services', 'telephony'],
		body: `Our housing advice line loses about one caller in five in the queue on Monday mornings. The telephony supplier offers a "we will call you back" option.

Did it work for you, or did it only move the queue to the afternoon?`,
		votes: ['siobhan', 'sean'],
		replies: [
			{
				by: 'ingrid',
				after: 3,
				body: 'It worked for the Islands contact centre: abandoned calls went from 18% to 6%. It does move work to the afternoon, so plan staff to return calls within a few hours. Offer it only after two minutes of waiting, or everyone takes it.',
				votes: ['hoa', 'siobhan']
			},
			{
				by: 'siobhan',
				after: 9,
				body: 'Same in Harbour City, from 15% to 5%. Tell callers when to expect the call ("this afternoon"), or they call again and join the queue twice.'
			}
		]
	},
	{
		category: 'citizen-engagement',
		by: 'chloe',
		daysAgo: 63,
		title: 'Consultation en ligne\u00a0: comment toucher les habitants des petites communes\u00a0?',
		tags: ['consultation', 'citizen-engagement', 'small-municipalities'],
		body: `Bonjour à tous,

Nous préparons une consultation régionale sur les transports scolaires. Lors de la précédente, 70\u00a0% des contributions venaient de la métropole, alors que la moitié des familles concernées vit dans des communes de moins de 2\u00a0000 habitants.

Avez-vous des retours d’expérience pour mieux associer les habitants des zones rurales\u00a0? Réunions publiques, questionnaires papier en mairie, relais des associations de parents\u00a0?

Merci d’avance.`,
		votes: ['tomas', 'lars', 'jamal'],
		replies: [
			{
				by: 'lars',
				after: 12,
				body: 'In the Highlands we left paper questionnaires at schools and village shops, with a prepaid envelope. A third of the answers came that way.'
			},
			{
				by: 'jamal',
				after: 30,
				body: 'Parent associations were our best channel too. Give them a short text they can forward as is, with the link and the deadline.'
			},
			{
				by: 'chloe',
				after: 52,
				body: 'Merci à vous deux. Nous allons combiner les questionnaires papier dans les écoles et un message type pour les associations de parents. Je partagerai les chiffres de participation.'
			}
		]
	},
	{
		category: 'citizen-engagement',
		by: 'tomas',
		daysAgo: 58,
		title: 'Cita previa en línea: ¿cómo evitar que los gestores acaparen las citas?',
		tags: ['appointments', 'citizen-services', 'fraud'],
		body: `Buenos días,

Desde que abrimos la cita previa en línea para trámites de extranjería, las citas se agotan en minutos. Sospechamos que algunas gestorías usan programas automáticos para reservarlas y luego las revenden.

¿Alguien ha conseguido frenarlo sin complicar la reserva a los ciudadanos? Hemos pensado en exigir identificación al reservar, en liberar las citas a horas distintas cada día y en limitar las reservas por persona.

Gracias.`,
		votes: ['ingrid', 'arjun', 'james'],
		replies: [
			{
				by: 'arjun',
				after: 6,
				body: 'Requiring the identity number of the person who will attend, checked at the desk, stopped resale for one agency we advised. Captchas alone did not: the bots solved them.'
			},
			{
				by: 'james',
				after: 25,
				body: 'If the national eID is available for that service, booking with it makes bulk booking impossible. Keep a phone line for people without it.'
			}
		]
	},
	{
		category: 'general',
		by: 'isabel',
		daysAgo: 100,
		title: 'Which training actually improved your team’s digital skills?',
		tags: ['digital-skills', 'training', 'learning'],
		body: `We have a training budget for 40 staff this year. Past e-learning courses had a 20% completion rate and nobody could name one thing they learned.

What worked in your organisation?`,
		votes: ['noah', 'olga', 'zofia'],
		replies: [
			{
				by: 'olga',
				after: 8,
				body: 'Pairing: one person from the service team spends two days a month with the digital team on a real piece of work. Slow, but it sticks.'
			},
			{
				by: 'noah',
				after: 26,
				body: 'Short sessions on our own tools, run by colleagues, recorded. The spreadsheet session has been watched 900 times.'
			},
			{
				by: 'piotr',
				after: 49,
				body: 'For small municipalities: a shared half-day every quarter across towns. People learn as much from each other in the breaks as from the sessions.'
			}
		]
	},
	{
		category: 'general',
		by: 'david',
		daysAgo: 85,
		title: 'What auditors look for in a large IT project (and what they wish they saw)',
		tags: ['audit', 'project-management', 'benefits-realisation'],
		body: `I audit IT projects for a living, and every year we write the same findings. Here are the five we write most often, so you can avoid them:

1. No baseline: the benefit cannot be shown because nobody measured before
2. Benefits owned by the project, not by the business, so they vanish when the project ends
3. Contingency spent on scope nobody approved
4. The risk register is updated, but no risk ever changes what anyone does
5. Exit and data return not tested before the contract is signed

Questions welcome, here or by message.`,
		votes: ['priya', 'noah', 'maria', 'ana', 'lars', 'yusuf'],
		replies: [
			{
				by: 'priya',
				after: 4,
				body: 'Number 1 is painful and true. We now measure a baseline in the business case template: no baseline, no approval.'
			},
			{
				by: 'maria',
				after: 20,
				body: 'On number 5: how do you test an exit before the contract is signed? A trial export during the evaluation?'
			},
			{
				by: 'david',
				after: 30,
				replyTo: 1,
				body: 'Yes: ask bidders to export a sample dataset in the required format during the evaluation, and check it imports. It takes a week and says more than any answer in the bid.',
				votes: ['maria', 'ana', 'priya']
			}
		]
	},
	{
		category: 'general',
		by: 'sean',
		daysAgo: 35,
		title: 'Using data to prevent homelessness: where is the line?',
		tags: ['homelessness', 'data-protection', 'ethics'],
		body: `We could spot households at risk earlier by combining rent arrears, council tax debt and benefit changes. The earlier we contact them, the more homes we save.

But contacting someone because "the data says you might lose your home" can feel like surveillance. How have others handled this?`,
		votes: ['hannah', 'fatima', 'grace', 'hoa'],
		replies: [
			{
				by: 'hannah',
				after: 5,
				body: 'Do the DPIA before any matching and involve people with lived experience in it. Be clear about the lawful basis and let people say no to further contact.'
			},
			{
				by: 'fatima',
				after: 21,
				body: 'Our letters offer help without saying how we found them: "Many households are struggling with rising costs. Here is who to talk to." Uptake was good and nobody complained.'
			},
			{
				by: 'hoa',
				after: 45,
				body: 'Make sure a person decides who gets contacted, not only the score. And check who the model misses.'
			}
		]
	},
	{
		category: 'general',
		by: 'kwame',
		daysAgo: 1,
		title: 'Anyone going to the resilience conference in March?',
		tags: ['emergency-services', 'resilience', 'conference'],
		body: 'The national resilience conference has opened registration. Is anyone from local government going? It would be good to meet before and compare how councils and control rooms share location data during floods.',
		replies: [
			{
				by: 'marcus',
				after: 3,
				body: 'I will be there. @kwame let us book a table at lunch on the first day, and invite @luis too.'
			}
		]
	}
];

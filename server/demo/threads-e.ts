// Demo forum threads, part five: security and privacy, health and emergency services, and
// posts in French and Arabic (right-to-left) from members who write in them.
import type { DemoThread } from './types';

export const THREADS_E: readonly DemoThread[] = [
	{
		category: 'cybersecurity-privacy',
		by: 'arjun',
		daysAgo: 116,
		title: 'Lessons from three ransomware recoveries this year',
		tags: ['ransomware', 'incident-response', 'backups'],
		body: `I helped three councils recover from ransomware this year. The same things decided how fast they recovered:

1. **Backups the attacker could not reach.** Two had them; one had backups on the same domain, encrypted with everything else.
2. **A printed contact list.** Email and phones on the network were down for days.
3. **Knowing which systems matter first.** Payments to vulnerable residents and child protection records came before the website.

If you do one thing this month: restore one critical system from backup and time it.`,
		votes: ['piotr', 'maria', 'kwame', 'marcus', 'lars', 'zofia'],
		replies: [
			{
				by: 'piotr',
				after: 2,
				body: 'This matches our baseline almost point by point. Could you join our regional meetup to tell it in person?'
			},
			{
				by: 'marcus',
				after: 18,
				body: 'Point 3 belongs in the emergency plan, not only the IT plan. We added a "which services first" list to our business continuity plan and had the chief executive sign it.',
				votes: ['arjun', 'kwame']
			},
			{
				by: 'arjun',
				after: 26,
				replyTo: 0,
				body: '@piotr gladly. Send me the date.'
			}
		]
	},
	{
		category: 'cybersecurity-privacy',
		by: 'hannah',
		daysAgo: 102,
		title: 'Schools using free apps: how do you keep track of data protection?',
		tags: ['education', 'data-protection', 'apps'],
		body: `Teachers discover a useful free app and start using it with a class the next day. Some of those apps collect far more than they need.

We are building a list of approved apps for 120 school boards. How do you keep such a list current without becoming the department that says no to everything?`,
		votes: ['sofia', 'isabel', 'grace'],
		replies: [
			{
				by: 'sofia',
				after: 7,
				body: 'Three lists work better than one: approved, approved with conditions (no pupil accounts, for example) and not approved, each with the reason in one sentence. Teachers respect a reason.'
			},
			{
				by: 'isabel',
				after: 25,
				body: 'Let teachers request a review with a short form and promise an answer within two weeks. If it takes three months they will not ask.'
			}
		]
	},
	{
		category: 'cybersecurity-privacy',
		by: 'grace',
		daysAgo: 86,
		title: 'Sharing care records between hospital and home care: consent or legal duty?',
		tags: ['data-sharing', 'health', 'social-care', 'gdpr'],
		body: `When a patient leaves hospital with home care, the care team needs the discharge summary. Some organisations ask for consent every time; others share under a legal duty to provide care.

Which basis do you use, and what do you tell the person?`,
		votes: ['fatima', 'hannah', 'amina'],
		replies: [
			{
				by: 'hannah',
				after: 4,
				body: 'For direct care, the legal basis is usually the provision of health or social care, not consent. Consent is fragile: if it can be withdrawn, the care team may end up without what it needs. Tell the person clearly what is shared and why.',
				votes: ['grace', 'fatima', 'amina']
			},
			{
				by: 'fatima',
				after: 20,
				body: 'We tell people on the discharge checklist, in one sentence, and give the leaflet. In two years only a handful of people asked questions, and none objected.'
			},
			{
				by: 'grace',
				after: 48,
				replyTo: 0,
				body: 'That is the position we are taking in the national guidance. Thank you both.'
			}
		]
	},
	{
		category: 'cybersecurity-privacy',
		by: 'kwame',
		daysAgo: 60,
		title: 'Control rooms on a separate network: still realistic?',
		tags: ['emergency-services', 'network-security', 'resilience'],
		body: 'Our control rooms run on a separate network with no internet access. Suppliers now deliver everything as cloud services and ask for exceptions every month. Is anyone still running fully separated, and how do you handle updates?',
		votes: ['arjun', 'luis'],
		replies: [
			{
				by: 'arjun',
				after: 12,
				body: 'Separation is still right for dispatch. Updates go through a transfer point with scanning and a second person. For cloud services, ask what works when the connection is cut: the answer is often "nothing", which decides it.'
			},
			{
				by: 'luis',
				after: 36,
				body: 'The ambulance control room keeps dispatch separated but uses cloud tools for reporting, fed by a one-way export every hour. It is a reasonable middle ground.'
			}
		]
	},
	{
		category: 'cybersecurity-privacy',
		by: 'zofia',
		daysAgo: 27,
		title: 'Email retention: how long do you keep staff mailboxes after they leave?',
		tags: ['email', 'retention', 'records-management'],
		body: 'We keep leavers’ mailboxes forever, just in case. Our retention schedule says 2 years unless records were moved to the case system. What do others do, and who signs off the deletion?',
		votes: ['hannah'],
		replies: [
			{
				by: 'hannah',
				after: 9,
				body: 'Ninety days after leaving, then deleted, with the line manager confirming that records were moved. Longer than that and mailboxes become an unmanaged archive that every access request has to search.'
			}
		]
	},
	{
		category: 'cybersecurity-privacy',
		by: 'olga',
		daysAgo: 9,
		title: 'Analytics on e-services without cookies',
		tags: ['analytics', 'privacy', 'cookies'],
		body: 'We want to know where people drop out of our forms, without a cookie banner and without sending data to a big analytics company. What do you use?',
		votes: ['ahmed', 'siobhan'],
		replies: [
			{
				by: 'ahmed',
				after: 4,
				body: 'We count page views and form steps on our own server, without identifiers, and keep only daily totals. It answers "where do people stop" and needs no banner. Ask your DPO to confirm for your case.'
			},
			{
				by: 'siobhan',
				after: 30,
				body: 'Numbers tell you where people stop; five user sessions tell you why. Do both.'
			}
		]
	},
	{
		category: 'general',
		by: 'aroha',
		daysAgo: 94,
		title: 'Telehealth on islands: what made nurses trust it?',
		tags: ['telehealth', 'health', 'rural-services'],
		body: `We introduced video consultations for follow-up appointments. Residents loved not taking the ferry. Nurses were reluctant at first.

What changed their minds: a nurse on each island chose the equipment, and we kept a phone fallback when the video froze. What helped in your services?`,
		votes: ['amina', 'lars', 'ingrid'],
		replies: [
			{
				by: 'amina',
				after: 6,
				body: 'Letting clinicians decide which appointments suit video. When it was imposed on whole clinics, they found every reason it failed.'
			},
			{
				by: 'lars',
				after: 30,
				body: 'We put a tablet and a good headset in village halls, for residents without a device or a signal at home. A volunteer opens the hall on clinic mornings.'
			}
		]
	},
	{
		category: 'general',
		by: 'marcus',
		daysAgo: 72,
		title: 'Flood warnings: which channel reached residents fastest?',
		tags: ['floods', 'emergency-planning', 'communications'],
		body: `During last winter's storms we warned residents by text, the council website, social media, local radio and door knocking.

Our survey afterwards: text messages reached most people, local radio reached the older residents the text missed, and the website crashed under load. What worked for you?`,
		votes: ['kwame', 'ingrid', 'elena'],
		replies: [
			{
				by: 'ingrid',
				after: 8,
				body: 'A static page for emergencies, hosted separately from the main website. It held when our main site went down during the ferry cancellations.'
			},
			{
				by: 'kwame',
				after: 26,
				body: 'Cell broadcast, if your country has it. It reaches every phone in the area without a subscription. We used it twice this year.'
			}
		]
	},
	{
		category: 'general',
		by: 'noah',
		daysAgo: 44,
		title: 'Shared services: when did merging back offices save money?',
		tags: ['shared-services', 'finance', 'efficiency'],
		body: 'We run payroll and payables for 14 agencies. Two more want to join. Before we say yes: in your experience, when did shared services save money, and when did they just move the cost around?',
		votes: ['priya', 'piotr'],
		replies: [
			{
				by: 'piotr',
				after: 10,
				body: 'They save when processes are standardised first. Our shared IT service for small municipalities saved nothing in year one, because every town kept its own way of doing things.'
			},
			{
				by: 'priya',
				after: 22,
				body: 'Agree a standard process as a condition of joining, and price the exceptions. Then the choice is theirs.'
			}
		]
	},
	{
		category: 'general',
		by: 'luis',
		daysAgo: 16,
		title: 'A weekly performance report the board actually reads',
		tags: ['reporting', 'data-analysis', 'dashboards'],
		body: `Our board report was 40 pages. I cut it to one page: five measures, each with the trend over 13 weeks, a target line and two sentences on why it moved.

The board now discusses the report instead of skipping it. Happy to share the layout.`,
		votes: ['david', 'oluwaseun', 'yusuf', 'noah'],
		replies: [
			{
				by: 'david',
				after: 5,
				body: 'This is what good looks like. Keep a note of how each measure is calculated behind the page: auditors and new board members will ask.'
			},
			{
				by: 'oluwaseun',
				after: 20,
				body: 'Please share it. Our statutory returns have 90 measures; choosing five would be a useful fight to have.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'chloe',
		daysAgo: 30,
		title: 'Dématérialisation des actes d’état civil\u00a0: retours d’expérience\u00a0?',
		tags: ['etat-civil', 'dematerialisation', 'e-services'],
		body: `Bonjour,

Plusieurs communes de la région souhaitent proposer la demande d’actes d’état civil (naissance, mariage, décès) entièrement en ligne, avec envoi par voie électronique lorsque c’est possible.

Les questions qui reviennent\u00a0:

- Comment vérifier l’identité du demandeur sans imposer un déplacement en mairie\u00a0?
- Quel délai de traitement annoncer aux usagers\u00a0?
- Faut-il conserver un accueil physique pour les personnes éloignées du numérique\u00a0?

Vos retours nous seraient précieux, même partiels.`,
		votes: ['tomas', 'olga', 'james'],
		replies: [
			{
				by: 'olga',
				after: 7,
				body: 'Not French, but we did the same for birth certificates: eID sign-in for the requester, a certificate delivered as a signed PDF, and the desk kept for anyone who asks. 80% go online after a year.'
			},
			{
				by: 'tomas',
				after: 20,
				body: 'Nosotros anunciamos un plazo de 5 días hábiles y lo cumplimos el 95 % de las veces. Better to announce a realistic delay than a fast one you miss.'
			},
			{
				by: 'chloe',
				after: 45,
				body: 'Merci beaucoup. Nous retenons l’identification par la connexion nationale, un délai annoncé de cinq jours ouvrés et le maintien de l’accueil en mairie.'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'ahmed',
		daysAgo: 24,
		title: 'نماذج إلكترونية باللغة العربية: تجربتنا مع الكتابة من اليمين إلى اليسار',
		tags: ['arabic', 'rtl', 'accessibility'],
		body: `مرحباً بالجميع،

أضفنا هذا العام النسخة العربية من خمسة نماذج إلكترونية للمقيمين في المدينة، منها طلب بطاقة الإقامة وتسجيل الأطفال في المدارس.

أهم ما تعلمناه:

- يجب ضبط اتجاه الصفحة كاملة من اليمين إلى اليسار، لا النصوص فقط.
- أرقام الهواتف والمبالغ تبقى من اليسار إلى اليمين داخل النص العربي.
- اختبرنا النماذج مع عشرة من السكان الناطقين بالعربية قبل نشرها.

هل لدى أحدكم تجربة مماثلة مع لغات أخرى تُكتب من اليمين إلى اليسار؟`,
		votes: ['nadia', 'fatima', 'siobhan'],
		replies: [
			{
				by: 'nadia',
				after: 6,
				body: 'We offer Arabic and Farsi help sessions in two libraries. Residents told us the translated forms were the first time they could apply without a relative. Thank you for sharing this.'
			},
			{
				by: 'fatima',
				after: 18,
				body: 'شكراً أحمد. نحن في قسم الرعاية الاجتماعية نحتاج إلى نفس الشيء لنماذج طلب المساعدة المنزلية. هل يمكنك مشاركة قائمة الاختبار؟'
			},
			{
				by: 'ahmed',
				after: 30,
				replyTo: 1,
				body: 'بكل سرور، سأضعها في المكتبة هذا الأسبوع. (Will post the test checklist in the library this week, in Arabic and English.)'
			}
		]
	},
	{
		category: 'digital-services',
		by: 'erik',
		daysAgo: 10,
		title: 'Ferry booking changes: how do you tell residents about timetable changes?',
		tags: ['ferries', 'notifications', 'transport'],
		body: 'When a ferry is cancelled for weather, we post on the website and social media. Residents with a booking want a text. Does anyone send automatic notifications to booked passengers, and from which system?',
		votes: ['kenji', 'ingrid'],
		replies: [
			{
				by: 'kenji',
				after: 6,
				body: 'Our buses publish disruptions in GTFS-RT service alerts, and the booking system sends texts to affected passengers from the same feed. One place to enter the change, every channel updated.'
			}
		]
	},
	{
		category: 'general',
		by: 'isabel',
		daysAgo: 7,
		title: 'Teaching residents to spot scam messages that copy council services',
		tags: ['digital-skills', 'fraud', 'digital-inclusion'],
		body: 'Our learners get texts pretending to be from the council about unpaid tax. We want to add a short session on spotting scams. Does anyone have material that is plain, not frightening, and up to date?',
		votes: ['arjun', 'nadia'],
		replies: [
			{
				by: 'arjun',
				after: 8,
				body: 'The cyber security centre has a one-page guide for residents, in eight languages. The main message: the council never asks you to pay through a link in a text. I will add it to the library.'
			},
			{
				by: 'nadia',
				after: 22,
				body: 'We use real examples (with the links removed) and ask learners which ones are fake. They remember it much better than a list of rules.'
			}
		]
	},
	{
		category: 'process-automation',
		by: 'hoa',
		daysAgo: 4,
		title: 'Automatic housing register renewals: who drops off, and should they?',
		tags: ['housing', 'allocations', 'automation'],
		body: 'We ask 6,800 households to renew their housing application every year. About 20% do not respond and are removed. I suspect many still need a home but missed the letter. Has anyone replaced yearly renewals with checks against other data?',
		replies: []
	},
	{
		category: 'open-data',
		by: 'kenji',
		daysAgo: 62,
		title: 'Passenger counts by stop: open data or commercially sensitive?',
		tags: ['transport', 'open-data', 'ridership'],
		body: 'Researchers and the planning department ask for passenger counts by stop and hour. Our operator says the data is commercially sensitive. Who owns this data in your contracts?',
		votes: ['thi', 'mei'],
		replies: [
			{
				by: 'thi',
				after: 9,
				body: 'In our contract all data produced while running the service belongs to the county. The operator may use it, but cannot refuse to share it. Worth checking your clause before the next renewal.'
			},
			{
				by: 'mei',
				after: 24,
				body: 'We publish monthly counts by stop with a three-month delay. The operator agreed once the tender results were no longer at stake.'
			}
		]
	}
];

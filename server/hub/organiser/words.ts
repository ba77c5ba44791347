// The words of the hub's own pages (the landing page and the organiser's page) in English, French
// and Spanish, chosen from the browser's Accept-Language. The hub serves no app, so these pages
// are rendered on the server; the menu names they point to ("Hub", "Exchange") are read from the
// app's own strings so the two never disagree. French and Spanish must have every English entry
// (the type says so).
import enCommon from '../../../src/lib/i18n/locales/en/common.json';
import frCommon from '../../../src/lib/i18n/locales/fr/common.json';
import esCommon from '../../../src/lib/i18n/locales/es/common.json';

export const PAGE_LANGUAGES = ['en', 'fr', 'es'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** The first language of Accept-Language (by q weight) that the pages speak, else English. */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
	const ranked = (acceptLanguage ?? '')
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
			return { base: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
		})
		.filter((l) => l.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	return (
		ranked.map((l) => l.base).find((b): b is PageLanguage => (PAGE_LANGUAGES as readonly string[]).includes(b)) ?? 'en'
	);
}

const en = {
	hubFor: (host: string) => `Meetup hub for ${host}`,
	whatHeading: 'What is this?',
	what: (host: string) =>
		`This laptop is a meetup hub. It passes the community’s posts between the people here, and on to the central server ${host} whenever it can reach it. What you write here is not lost when the hall has no internet: it goes up later.`,
	joinHeading: 'Join from your own Praxis',
	joinButton: 'Open my Praxis and connect',
	joinNote: (host: string) =>
		`This opens Praxis at ${host}, where your account is, and asks whether to connect to this hub. It works if Praxis is installed on your phone or was opened there before.`,
	typeAddress: (menu: string) => `Or, in Praxis under ${menu}, type this address:`,
	fileHeading: 'Cannot connect?',
	fileExchange: (menu: string) =>
		`Use the file exchange: in Praxis, open ${menu}, save an updates file, and bring it to the organiser on a USB stick. The organiser opens it on this hub, and your posts travel with everyone else’s.`,
	organiserLink: 'Organiser’s page',
	aboutLink: 'About this hub',
	organiserTitle: 'Organiser’s page',
	signInIntro: 'Type the organiser code this hub printed when it started (its hub credential works too).',
	codeLabel: 'Organiser code',
	signInButton: 'Open the organiser’s page',
	wrongCode: 'That is not the organiser code. Check the code printed where the hub was started.',
	tooManyCodes: (minutes: number) =>
		`Too many wrong codes from this device. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
	crossSite: 'This form must be sent from the hub’s own page. Open the organiser’s page again and retry.',
	nowHeading: 'Right now',
	attendees: (n: number) =>
		n === 0 ? 'No attendee is connected now.' : n === 1 ? '1 attendee connected now:' : `${n} attendees connected now:`,
	received: (n: number) =>
		n === 1
			? '1 document received from attendees this evening.'
			: `${n} documents received from attendees this evening.`,
	relayed: (n: number) =>
		n === 1 ? '1 document sent up to the central server.' : `${n} documents sent up to the central server.`,
	waiting: (n: number) =>
		n === 0
			? 'Nothing is waiting to go up.'
			: n === 1
				? '1 document is waiting to go up.'
				: `${n} documents are waiting to go up.`,
	messages: (passed: number, waiting: number) =>
		[
			passed > 0
				? passed === 1
					? '1 direct message passed on, sealed: the hub cannot read it.'
					: `${passed} direct messages passed on, sealed: the hub cannot read them.`
				: '',
			waiting > 0
				? waiting === 1
					? '1 sealed message is waiting for its recipient.'
					: `${waiting} sealed messages are waiting for their recipients.`
				: ''
		]
			.filter(Boolean)
			.join(' '),
	refusedUp: (n: number) =>
		n === 1
			? 'The central server refused 1 document (the hub’s log says why).'
			: `The central server refused ${n} documents (the hub’s log says why).`,
	updatedAt: (time: string) => `Updated at ${time}.`,
	upNotStarted: (host: string) => `The link to the central server ${host} has not started yet.`,
	upConnecting: (host: string) => `Connecting to the central server ${host}…`,
	upToDate: (host: string) => `Connected to the central server ${host}; everything is up to date.`,
	upConnectedWaiting: (host: string, n: number) =>
		`Connected to the central server ${host}; ${n === 1 ? '1 document is' : `${n} documents are`} waiting to go up.`,
	upSending: (host: string, n: number) =>
		n === 1
			? `Sending 1 document to the central server ${host}…`
			: n > 1
				? `Sending ${n} documents to the central server ${host}…`
				: `Exchanging documents with the central server ${host}…`,
	upUnreachable: (host: string, n: number) =>
		`The central server ${host} is unreachable; ${n === 0 ? 'nothing is' : n === 1 ? '1 document is' : `${n} documents are`} waiting to go up.`,
	nextTry: (time: string, seconds: number) => `Next try at ${time} (in ${seconds} s).`,
	syncHeading: 'Sync with the central server',
	syncButton: 'Sync now',
	syncStarted: 'Trying the central server now.',
	syncNothing: 'No try was waiting: the hub is connected or already trying.',
	importHeading: 'Import an updates file',
	importIntro: 'A file an attendee saved in Praxis under Exchange (it ends in .praxis).',
	fileLabel: 'Updates file (.praxis)',
	importButton: 'Import the file',
	importing: 'Checking the file…',
	chooseFile: 'Choose a file first.',
	importReport: (stored: number | string, held: number | string, refused: number | string) =>
		`${stored} new, ${held} already here, ${refused} refused.`,
	/** A string `n` (the page script's placeholder) reads as a plural. */
	nothingNew: (n: number | string) =>
		n === 0
			? 'Nothing new: the file holds no documents.'
			: `Nothing new: ${n === 1 ? 'the 1 document was' : `all ${n} documents were`} already here.`,
	refusedItem: (id: string, reason: string) => `${id}: ${reason}`,
	fileRefused: (reason: string) => `This file was refused: ${reason}`,
	failed: 'The hub did not answer. Is this page still connected to it?',
	sessionOver: 'Your organiser session has ended: reload the page and type the code again.',
	saveHeading: 'Save an updates file',
	saveIntro: 'Everything this hub holds, in one file signed by this hub, to carry to a place the hub cannot reach.',
	saveButton: 'Save an updates file',
	signOut: 'Close the organiser’s page'
};

type Words = typeof en;

const fr: Words = {
	hubFor: (host) => `Relais de rencontre pour ${host}`,
	whatHeading: 'Qu’est-ce que c’est ?',
	what: (host) =>
		`Cet ordinateur est un relais de rencontre. Il fait passer les messages de la communauté entre les personnes présentes, et jusqu’au serveur central ${host} dès qu’il peut l’atteindre. Ce que vous écrivez ici n’est pas perdu quand la salle n’a pas internet : il part plus tard.`,
	joinHeading: 'Rejoindre depuis votre Praxis',
	joinButton: 'Ouvrir mon Praxis et me connecter',
	joinNote: (host) =>
		`Cela ouvre Praxis sur ${host}, où se trouve votre compte, qui vous demande s’il faut se connecter à ce relais. Cela marche si Praxis est installé sur votre téléphone ou y a déjà été ouvert.`,
	typeAddress: (menu) => `Ou, dans Praxis, sous ${menu}, tapez cette adresse :`,
	fileHeading: 'Impossible de vous connecter ?',
	fileExchange: (menu) =>
		`Passez par l’échange de fichiers : dans Praxis, ouvrez ${menu}, enregistrez un fichier de mises à jour et apportez-le à l’organisateur sur une clé USB. L’organisateur l’ouvre sur ce relais, et vos messages partent avec ceux des autres.`,
	organiserLink: 'Page de l’organisateur',
	aboutLink: 'À propos de ce relais',
	organiserTitle: 'Page de l’organisateur',
	signInIntro:
		'Tapez le code organisateur que ce relais a affiché à son démarrage (son identifiant de relais fonctionne aussi).',
	codeLabel: 'Code organisateur',
	signInButton: 'Ouvrir la page de l’organisateur',
	wrongCode: 'Ce n’est pas le code organisateur. Vérifiez le code affiché là où le relais a été démarré.',
	tooManyCodes: (minutes) =>
		`Trop de codes erronés depuis cet appareil. Réessayez dans ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
	crossSite:
		'Ce formulaire doit être envoyé depuis la page du relais lui-même. Rouvrez la page de l’organisateur et réessayez.',
	nowHeading: 'En ce moment',
	attendees: (n) =>
		n === 0
			? 'Aucun participant n’est connecté.'
			: n === 1
				? '1 participant connecté en ce moment :'
				: `${n} participants connectés en ce moment :`,
	received: (n) =>
		n === 1 ? '1 document reçu des participants ce soir.' : `${n} documents reçus des participants ce soir.`,
	relayed: (n) => (n === 1 ? '1 document envoyé au serveur central.' : `${n} documents envoyés au serveur central.`),
	waiting: (n) =>
		n === 0
			? 'Rien n’attend d’être envoyé.'
			: n === 1
				? '1 document attend d’être envoyé.'
				: `${n} documents attendent d’être envoyés.`,
	messages: (passed, waiting) =>
		[
			passed > 0
				? passed === 1
					? '1 message privé transmis, scellé : le relais ne peut pas le lire.'
					: `${passed} messages privés transmis, scellés : le relais ne peut pas les lire.`
				: '',
			waiting > 0
				? waiting === 1
					? '1 message scellé attend son destinataire.'
					: `${waiting} messages scellés attendent leurs destinataires.`
				: ''
		]
			.filter(Boolean)
			.join(' '),
	refusedUp: (n) =>
		n === 1
			? 'Le serveur central a refusé 1 document (le journal du relais dit pourquoi).'
			: `Le serveur central a refusé ${n} documents (le journal du relais dit pourquoi).`,
	updatedAt: (time) => `Mis à jour à ${time}.`,
	upNotStarted: (host) => `La liaison avec le serveur central ${host} n’a pas encore démarré.`,
	upConnecting: (host) => `Connexion au serveur central ${host}…`,
	upToDate: (host) => `Connecté au serveur central ${host} ; tout est à jour.`,
	upConnectedWaiting: (host, n) =>
		`Connecté au serveur central ${host} ; ${n === 1 ? '1 document attend d’être envoyé' : `${n} documents attendent d’être envoyés`}.`,
	upSending: (host, n) =>
		n === 1
			? `Envoi d’1 document au serveur central ${host}…`
			: n > 1
				? `Envoi de ${n} documents au serveur central ${host}…`
				: `Échange de documents avec le serveur central ${host}…`,
	upUnreachable: (host, n) =>
		`Le serveur central ${host} est injoignable ; ${n === 0 ? 'rien n’attend d’être envoyé' : n === 1 ? '1 document attend d’être envoyé' : `${n} documents attendent d’être envoyés`}.`,
	nextTry: (time, seconds) => `Prochain essai à ${time} (dans ${seconds} s).`,
	syncHeading: 'Synchroniser avec le serveur central',
	syncButton: 'Synchroniser maintenant',
	syncStarted: 'Nouvel essai vers le serveur central.',
	syncNothing: 'Aucun essai n’était en attente : le relais est connecté ou essaie déjà.',
	importHeading: 'Importer un fichier de mises à jour',
	importIntro: 'Un fichier qu’un participant a enregistré dans Praxis sous Échange (il finit par .praxis).',
	fileLabel: 'Fichier de mises à jour (.praxis)',
	importButton: 'Importer le fichier',
	importing: 'Vérification du fichier…',
	chooseFile: 'Choisissez d’abord un fichier.',
	importReport: (stored, held, refused) => `${stored} nouveaux, ${held} déjà présents, ${refused} refusés.`,
	nothingNew: (n) =>
		n === 0
			? 'Rien de nouveau : le fichier ne contient aucun document.'
			: `Rien de nouveau : ${n === 1 ? 'le document était' : `les ${n} documents étaient`} déjà ici.`,
	refusedItem: (id, reason) => `${id} : ${reason}`,
	fileRefused: (reason) => `Ce fichier a été refusé : ${reason}`,
	failed: 'Le relais n’a pas répondu. Cette page y est-elle encore connectée ?',
	sessionOver: 'Votre session d’organisateur est terminée : rechargez la page et tapez de nouveau le code.',
	saveHeading: 'Enregistrer un fichier de mises à jour',
	saveIntro:
		'Tout ce que ce relais contient, dans un fichier signé par ce relais, à porter là où le relais ne peut pas aller.',
	saveButton: 'Enregistrer un fichier de mises à jour',
	signOut: 'Fermer la page de l’organisateur'
};

const es: Words = {
	hubFor: (host) => `Nodo del encuentro para ${host}`,
	whatHeading: '¿Qué es esto?',
	what: (host) =>
		`Este ordenador es un nodo del encuentro. Pasa las publicaciones de la comunidad entre las personas presentes, y al servidor central ${host} cuando puede alcanzarlo. Lo que escribe aquí no se pierde si la sala no tiene internet: se envía más tarde.`,
	joinHeading: 'Conectarse desde su Praxis',
	joinButton: 'Abrir mi Praxis y conectar',
	joinNote: (host) =>
		`Esto abre Praxis en ${host}, donde está su cuenta, que le pregunta si desea conectarse a este nodo. Funciona si Praxis está instalado en su teléfono o se abrió allí antes.`,
	typeAddress: (menu) => `O, en Praxis, en ${menu}, escriba esta dirección:`,
	fileHeading: '¿No puede conectarse?',
	fileExchange: (menu) =>
		`Use el intercambio de archivos: en Praxis, abra ${menu}, guarde un archivo de actualizaciones y llévelo al organizador en una memoria USB. El organizador lo abre en este nodo y sus publicaciones viajan con las de los demás.`,
	organiserLink: 'Página del organizador',
	aboutLink: 'Acerca de este nodo',
	organiserTitle: 'Página del organizador',
	signInIntro:
		'Escriba el código de organizador que este nodo mostró al arrancar (su credencial de nodo también sirve).',
	codeLabel: 'Código de organizador',
	signInButton: 'Abrir la página del organizador',
	wrongCode: 'Ese no es el código de organizador. Compruebe el código mostrado donde se arrancó el nodo.',
	tooManyCodes: (minutes) =>
		`Demasiados códigos erróneos desde este dispositivo. Vuelva a intentarlo en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}.`,
	crossSite: 'Este formulario debe enviarse desde la página del propio nodo. Abra de nuevo la página del organizador.',
	nowHeading: 'Ahora mismo',
	attendees: (n) =>
		n === 0
			? 'No hay ningún asistente conectado.'
			: n === 1
				? '1 asistente conectado ahora:'
				: `${n} asistentes conectados ahora:`,
	received: (n) =>
		n === 1
			? '1 documento recibido de los asistentes esta tarde.'
			: `${n} documentos recibidos de los asistentes esta tarde.`,
	relayed: (n) =>
		n === 1 ? '1 documento enviado al servidor central.' : `${n} documentos enviados al servidor central.`,
	waiting: (n) =>
		n === 0
			? 'No hay nada pendiente de envío.'
			: n === 1
				? '1 documento pendiente de envío.'
				: `${n} documentos pendientes de envío.`,
	messages: (passed, waiting) =>
		[
			passed > 0
				? passed === 1
					? '1 mensaje directo entregado, sellado: el hub no puede leerlo.'
					: `${passed} mensajes directos entregados, sellados: el hub no puede leerlos.`
				: '',
			waiting > 0
				? waiting === 1
					? '1 mensaje sellado espera a su destinatario.'
					: `${waiting} mensajes sellados esperan a sus destinatarios.`
				: ''
		]
			.filter(Boolean)
			.join(' '),
	refusedUp: (n) =>
		n === 1
			? 'El servidor central rechazó 1 documento (el registro del nodo dice por qué).'
			: `El servidor central rechazó ${n} documentos (el registro del nodo dice por qué).`,
	updatedAt: (time) => `Actualizado a las ${time}.`,
	upNotStarted: (host) => `El enlace con el servidor central ${host} aún no ha empezado.`,
	upConnecting: (host) => `Conectando con el servidor central ${host}…`,
	upToDate: (host) => `Conectado al servidor central ${host}; todo está al día.`,
	upConnectedWaiting: (host, n) =>
		`Conectado al servidor central ${host}; ${n === 1 ? '1 documento pendiente' : `${n} documentos pendientes`} de envío.`,
	upSending: (host, n) =>
		n === 1
			? `Enviando 1 documento al servidor central ${host}…`
			: n > 1
				? `Enviando ${n} documentos al servidor central ${host}…`
				: `Intercambiando documentos con el servidor central ${host}…`,
	upUnreachable: (host, n) =>
		`No se puede alcanzar el servidor central ${host}; ${n === 0 ? 'no hay nada pendiente' : n === 1 ? '1 documento pendiente' : `${n} documentos pendientes`} de envío.`,
	nextTry: (time, seconds) => `Próximo intento a las ${time} (en ${seconds} s).`,
	syncHeading: 'Sincronizar con el servidor central',
	syncButton: 'Sincronizar ahora',
	syncStarted: 'Intentando ahora con el servidor central.',
	syncNothing: 'No había ningún intento en espera: el nodo está conectado o ya lo está intentando.',
	importHeading: 'Importar un archivo de actualizaciones',
	importIntro: 'Un archivo que un asistente guardó en Praxis en Intercambio (termina en .praxis).',
	fileLabel: 'Archivo de actualizaciones (.praxis)',
	importButton: 'Importar el archivo',
	importing: 'Comprobando el archivo…',
	chooseFile: 'Elija primero un archivo.',
	importReport: (stored, held, refused) => `${stored} nuevos, ${held} ya estaban aquí, ${refused} rechazados.`,
	nothingNew: (n) =>
		n === 0
			? 'Nada nuevo: el archivo no contiene documentos.'
			: `Nada nuevo: ${n === 1 ? 'el documento ya estaba' : `los ${n} documentos ya estaban`} aquí.`,
	refusedItem: (id, reason) => `${id}: ${reason}`,
	fileRefused: (reason) => `Este archivo fue rechazado: ${reason}`,
	failed: 'El nodo no respondió. ¿Sigue esta página conectada a él?',
	sessionOver: 'Su sesión de organizador terminó: recargue la página y escriba de nuevo el código.',
	saveHeading: 'Guardar un archivo de actualizaciones',
	saveIntro: 'Todo lo que tiene este nodo, en un archivo firmado por este nodo, para llevarlo donde el nodo no llega.',
	saveButton: 'Guardar un archivo de actualizaciones',
	signOut: 'Cerrar la página del organizador'
};

export const WORDS: Record<PageLanguage, Words> = { en, fr, es };
export type { Words };

/** The app's own menu names, so the pages name the screens exactly as Praxis shows them. */
export const MENU: Record<PageLanguage, { hub: string; exchange: string }> = {
	en: enCommon.nav,
	fr: frCommon.nav,
	es: esCommon.nav
};

// The hub's own HTML pages, rendered on the server (a hub serves no app: nothing there can sign
// a member in). Every value is escaped; the pages load one stylesheet and, on the organiser's
// page, one script, both from the hub itself (the CSP allows no inline script).
import { hubJoinLink } from '../../../src/lib/domain/hub-link';
import { MENU, WORDS, type PageLanguage } from './words';
import type { OrganiserStatus } from './status';

export const HUB_STYLESHEET_PATH = '/hub/hub.css';
export const ORGANISER_SCRIPT_PATH = '/hub/organiser.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string | number): string {
	return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function page(lang: PageLanguage, title: string, body: string, script = false): string {
	return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${HUB_STYLESHEET_PATH}">
${script ? `<script src="${ORGANISER_SCRIPT_PATH}" defer></script>\n` : ''}</head>
<body>
${body}
</body>
</html>
`;
}

const hostOf = (url: string): string => new URL(url).host;

/** GET / (and any page path) on a hub: what this is, how to join it, and the file exchange. */
export function landingPage(lang: PageLanguage, upstream: string, origin: string): string {
	const w = WORDS[lang];
	const menu = MENU[lang];
	const host = hostOf(upstream);
	return page(
		lang,
		w.hubFor(host),
		`<main>
<h1>${escapeHtml(w.hubFor(host))}</h1>
<section aria-labelledby="what">
<h2 id="what">${escapeHtml(w.whatHeading)}</h2>
<p>${escapeHtml(w.what(host))}</p>
</section>
<section aria-labelledby="join">
<h2 id="join">${escapeHtml(w.joinHeading)}</h2>
<p><a class="button primary" href="${escapeHtml(hubJoinLink(upstream, origin))}">${escapeHtml(w.joinButton)}</a></p>
<p>${escapeHtml(w.joinNote(host))}</p>
<p>${escapeHtml(w.typeAddress(menu.hub))}</p>
<p class="address"><code translate="no">${escapeHtml(origin)}</code></p>
</section>
<section aria-labelledby="file">
<h2 id="file">${escapeHtml(w.fileHeading)}</h2>
<p>${escapeHtml(w.fileExchange(menu.exchange))}</p>
</section>
</main>
<footer><a href="/hub">${escapeHtml(w.organiserLink)}</a></footer>`
	);
}

export type SignInProblem = { kind: 'wrong' } | { kind: 'too-many'; minutes: number } | { kind: 'cross-site' };

/** GET /hub without an organiser session: the code, and nothing else. */
export function signInPage(lang: PageLanguage, upstream: string, problem: SignInProblem | null = null): string {
	const w = WORDS[lang];
	const message =
		problem === null
			? ''
			: problem.kind === 'wrong'
				? w.wrongCode
				: problem.kind === 'too-many'
					? w.tooManyCodes(problem.minutes)
					: w.crossSite;
	return page(
		lang,
		`${w.organiserTitle} · ${w.hubFor(hostOf(upstream))}`,
		`<main>
<h1>${escapeHtml(w.organiserTitle)}</h1>
<p>${escapeHtml(w.signInIntro)}</p>
<form method="post" action="/hub" class="stack">
<label for="code">${escapeHtml(w.codeLabel)}</label>
<input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required${problem ? ' aria-invalid="true" aria-describedby="code-problem" autofocus' : ''}>
${message ? `<p id="code-problem" class="problem" role="alert">${escapeHtml(message)}</p>\n` : ''}<button type="submit" class="primary">${escapeHtml(w.signInButton)}</button>
</form>
</main>
<footer><a href="/">${escapeHtml(w.aboutLink)}</a></footer>`
	);
}

function liveFigures(s: OrganiserStatus): string {
	const names = s.attendees
		.map(
			(a) =>
				`<li translate="no">${escapeHtml(a.displayName)}${a.displayName !== a.name ? ` <span class="quiet">(${escapeHtml(a.name)})</span>` : ''}</li>`
		)
		.join('');
	return `<div id="live" role="status">
<p class="upstream" data-field="upstream">${escapeHtml(s.text.upstream)}</p>
<p data-field="attendees">${escapeHtml(s.text.attendees)}</p>
<ul class="names" data-field="names"${s.attendees.length ? '' : ' hidden'}>${names}</ul>
<p data-field="received">${escapeHtml(s.text.received)}</p>
<p data-field="relayed">${escapeHtml(s.text.relayed)}</p>
<p data-field="waiting">${escapeHtml(s.text.waiting)}</p>
<p data-field="refused"${s.text.refused ? '' : ' hidden'}>${escapeHtml(s.text.refused)}</p>
<p data-field="messages"${s.text.messages ? '' : ' hidden'}>${escapeHtml(s.text.messages)}</p>
</div>`;
}

/** The sentences the page's script needs, as a JSON data block (not executed; `<` escaped). */
function scriptWords(lang: PageLanguage): string {
	const w = WORDS[lang];
	const words = {
		syncStarted: w.syncStarted,
		syncNothing: w.syncNothing,
		importing: w.importing,
		chooseFile: w.chooseFile,
		report: w.importReport('{stored}', '{held}', '{refused}'),
		nothingNew: w.nothingNew('{received}'),
		nothingNewOne: w.nothingNew(1),
		nothingAtAll: w.nothingNew(0),
		fileRefused: w.fileRefused('{reason}'),
		failed: w.failed,
		sessionOver: w.sessionOver
	};
	return JSON.stringify(words).replace(/</g, '\\u003c');
}

/** GET /hub with an organiser session. */
export function organiserPage(lang: PageLanguage, upstream: string, status: OrganiserStatus, filename: string): string {
	const w = WORDS[lang];
	const host = hostOf(upstream);
	return page(
		lang,
		`${w.organiserTitle} · ${w.hubFor(host)}`,
		`<main>
<p class="eyebrow">${escapeHtml(w.hubFor(host))}</p>
<h1>${escapeHtml(w.organiserTitle)}</h1>
<section aria-labelledby="now" class="card">
<h2 id="now">${escapeHtml(w.nowHeading)}</h2>
${liveFigures(status)}
<p data-field="nextTry"${status.text.nextTry ? '' : ' hidden'}>${escapeHtml(status.text.nextTry)}</p>
<p class="quiet" data-field="updated">${escapeHtml(status.text.updated)}</p>
</section>
<section aria-labelledby="sync" class="card">
<h2 id="sync">${escapeHtml(w.syncHeading)}</h2>
<button type="button" id="sync-now" class="primary">${escapeHtml(w.syncButton)}</button>
<p id="sync-result" role="status"></p>
</section>
<section aria-labelledby="import" class="card">
<h2 id="import">${escapeHtml(w.importHeading)}</h2>
<p>${escapeHtml(w.importIntro)}</p>
<form id="import-form" class="stack">
<label for="bundle-file">${escapeHtml(w.fileLabel)}</label>
<input id="bundle-file" name="file" type="file" accept=".praxis,application/gzip">
<button type="submit">${escapeHtml(w.importButton)}</button>
</form>
<div id="import-result" role="status"></div>
</section>
<section aria-labelledby="save" class="card">
<h2 id="save">${escapeHtml(w.saveHeading)}</h2>
<p>${escapeHtml(w.saveIntro)}</p>
<p><a class="button" href="/api/hub/organiser/export" download="${escapeHtml(filename)}">${escapeHtml(w.saveButton)}</a></p>
</section>
<form method="post" action="/hub/sign-out"><button type="submit" class="link">${escapeHtml(w.signOut)}</button></form>
</main>
<footer><a href="/">${escapeHtml(w.aboutLink)}</a></footer>
<script type="application/json" id="organiser-words">${scriptWords(lang)}</script>`,
		true
	);
}

// The organiser's page in the browser (served by the hub as /hub/organiser.js; no build step, no
// inline script): refreshes the live figures every few seconds, and drives "Sync now" and the
// import of an updates file. Figures are rewritten only when their text changes, so a screen
// reader hears a change, not a tick; the clock-like lines sit outside the status region.
'use strict';

(function () {
	const REFRESH_MS = 5000;
	const wordsEl = document.getElementById('organiser-words');
	if (!wordsEl) return;
	const words = JSON.parse(wordsEl.textContent || '{}');
	const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

	function setText(field, text) {
		const el = document.querySelector('[data-field="' + field + '"]');
		if (!el) return;
		if (el.textContent !== text) el.textContent = text;
		el.hidden = text === '';
	}

	function setNames(attendees) {
		const list = document.querySelector('[data-field="names"]');
		if (!list) return;
		const labels = attendees.map((a) => (a.displayName === a.name ? a.name : a.displayName + ' (' + a.name + ')'));
		const current = Array.from(list.children).map((li) => li.textContent);
		if (current.join('\n') === labels.join('\n')) return;
		list.replaceChildren(
			...attendees.map((a) => {
				const li = document.createElement('li');
				li.translate = false;
				li.append(a.displayName);
				if (a.displayName !== a.name) {
					const span = document.createElement('span');
					span.className = 'quiet';
					span.textContent = '(' + a.name + ')';
					li.append(' ', span);
				}
				return li;
			})
		);
		list.hidden = attendees.length === 0;
	}

	let sessionOver = false;
	function endSession() {
		sessionOver = true;
		setText('updated', words.sessionOver);
	}

	async function refresh() {
		if (sessionOver) return;
		try {
			const res = await fetch('/api/hub/organiser/status', { headers: { accept: 'application/json' } });
			if (res.status === 401) return endSession();
			if (!res.ok) return;
			const status = await res.json();
			for (const field of [
				'upstream',
				'attendees',
				'received',
				'relayed',
				'waiting',
				'refused',
				'messages',
				'nextTry',
				'updated'
			])
				setText(field, status.text[field]);
			setNames(status.attendees);
		} catch {
			setText('updated', words.failed);
		}
	}

	setInterval(() => {
		if (!document.hidden) void refresh();
	}, REFRESH_MS);
	document.addEventListener('visibilitychange', () => {
		if (!document.hidden) void refresh();
	});

	const syncButton = document.getElementById('sync-now');
	const syncResult = document.getElementById('sync-result');
	syncButton?.addEventListener('click', async () => {
		syncButton.disabled = true;
		try {
			const res = await fetch('/api/hub/organiser/sync', { method: 'POST' });
			if (res.status === 401) {
				endSession();
				syncResult.textContent = words.sessionOver;
				return;
			}
			const body = await res.json();
			syncResult.textContent = res.ok ? (body.started ? words.syncStarted : words.syncNothing) : body.reason;
			await refresh();
		} catch {
			syncResult.textContent = words.failed;
		} finally {
			syncButton.disabled = false;
		}
	});

	const form = document.getElementById('import-form');
	const input = document.getElementById('bundle-file');
	const report = document.getElementById('import-result');

	function showReport(outcome) {
		const p = document.createElement('p');
		const refused = outcome.refused || [];
		if (outcome.stored === 0 && refused.length === 0) {
			p.textContent =
				outcome.received === 0
					? words.nothingAtAll
					: outcome.received === 1
						? words.nothingNewOne
						: fill(words.nothingNew, { received: outcome.received });
			report.replaceChildren(p);
			return;
		}
		p.textContent = fill(words.report, { stored: outcome.stored, held: outcome.held, refused: refused.length });
		const parts = [p];
		if (refused.length > 0) {
			const ul = document.createElement('ul');
			for (const r of refused) {
				const li = document.createElement('li');
				const id = document.createElement('code');
				id.translate = false;
				id.textContent = r.id;
				li.append(id, ': ' + r.reason);
				ul.append(li);
			}
			parts.push(ul);
		}
		report.replaceChildren(...parts);
	}

	function say(text, problem) {
		const p = document.createElement('p');
		p.textContent = text;
		if (problem) p.className = 'problem';
		report.replaceChildren(p);
	}

	form?.addEventListener('submit', async (event) => {
		event.preventDefault();
		const file = input.files && input.files[0];
		if (!file) return say(words.chooseFile, true);
		const button = form.querySelector('button');
		button.disabled = true;
		say(words.importing, false);
		try {
			const res = await fetch('/api/bundles', {
				method: 'POST',
				headers: { 'content-type': 'application/octet-stream' },
				body: file
			});
			const body = await res.json();
			if (res.status === 401) say(words.sessionOver, true);
			else if (res.ok) showReport(body);
			else say(fill(words.fileRefused, { reason: body.reason }), true);
			await refresh();
		} catch {
			say(words.failed, true);
		} finally {
			button.disabled = false;
		}
	});
})();

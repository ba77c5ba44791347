// Renders the app icons (static/icons/*.png) from one SVG drawing with the local Chromium.
// Run once by hand (`node scripts/icons.mjs`) when the drawing changes; the PNGs are committed.
import { chromium } from 'playwright-core';
import { writeFile, mkdir } from 'node:fs/promises';

const BRAND = '#1d4e89';

/** The mark: a "P" whose bowl is a speech bubble. `inset` (0..1) shrinks it for maskable icons. */
function drawing(size, { rounded, inset }) {
	const s = size;
	const pad = s * inset;
	const g = s - pad * 2;
	const r = rounded ? s * 0.18 : 0;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
	<rect width="${s}" height="${s}" rx="${r}" fill="${BRAND}"/>
	<g transform="translate(${pad} ${pad}) scale(${g / 100})">
		<path d="M30 82 V20 H56 a20 20 0 0 1 0 40 H42" fill="none" stroke="#fff" stroke-width="11" stroke-linecap="round" stroke-linejoin="round"/>
		<circle cx="70" cy="76" r="7" fill="#f2b233"/>
	</g>
</svg>`;
}

const targets = [
	{ file: 'icons/icon-192.png', size: 192, rounded: true, inset: 0.1 },
	{ file: 'icons/icon-512.png', size: 512, rounded: true, inset: 0.1 },
	{ file: 'icons/icon-maskable-512.png', size: 512, rounded: false, inset: 0.22 }
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
	const page = await browser.newPage();
	await mkdir('static/icons', { recursive: true });
	for (const t of targets) {
		await page.setViewportSize({ width: t.size, height: t.size });
		await page.setContent(`<html><body style="margin:0;background:transparent">${drawing(t.size, t)}</body></html>`);
		const png = await page.locator('svg').screenshot({ omitBackground: true });
		await writeFile(`static/${t.file}`, png);
		console.log(`static/${t.file}`, png.length, 'bytes');
	}
	await writeFile('static/favicon.svg', drawing(64, { rounded: true, inset: 0.05 }) + '\n');
} finally {
	await browser.close();
}

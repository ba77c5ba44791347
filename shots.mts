import { openDevice, signIn, waitUpToDate } from './tests/e2e/support/browser.ts';
const url = 'http://localhost:3999';
const d = await openDevice();
await signIn(d.page, url, 'james', 'praxis-demo-2026');
await waitUpToDate(d.page, 60_000);
const shots: Array<[string, string, number]> = [
	['/stories', 'stories', 1280],
	['/stories', 'stories-360', 360],
	['/recognition', 'recognition', 1280],
	['/challenges', 'challenges', 1280],
	['/people/maria', 'maria', 1280],
	['/adoptions', 'adoptions', 1280]
];
for (const [path, name, width] of shots) {
	await d.page.setViewportSize({ width, height: 900 });
	await d.page.goto(url + path);
	await d.page.waitForTimeout(1500);
	await d.page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
}
// first story, first challenge
await d.page.setViewportSize({ width: 1280, height: 900 });
await d.page.goto(url + '/stories');
await d.page.waitForTimeout(1000);
await d.page.locator('main a[href^="/stories/0"]').first().click();
await d.page.waitForTimeout(1500);
await d.page.screenshot({ path: `/tmp/shot-story.png`, fullPage: true });
await d.page.setViewportSize({ width: 360, height: 740 });
await d.page.waitForTimeout(500);
await d.page.screenshot({ path: `/tmp/shot-story-360.png`, fullPage: true });
await d.page.setViewportSize({ width: 1280, height: 900 });
await d.page.goto(url + '/challenges');
await d.page.waitForTimeout(1000);
for (const [i, n] of [[0, 'open'], [1, 'past']] as const) {
	await d.page.goto(url + '/challenges');
	await d.page.waitForTimeout(800);
	await d.page.locator('main a[href^="/challenges/0"]').nth(i).click();
	await d.page.waitForTimeout(1500);
	await d.page.screenshot({ path: `/tmp/shot-challenge-${n}.png`, fullPage: true });
}
await d.page.goto(url + '/forums');
await d.page.waitForTimeout(800);
await d.dispose();

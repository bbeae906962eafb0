// The contractor's overview in a real browser (Debian's Chromium through playwright-core), driven by
// DashboardBrowserIT over stdin/stdout: it loads the overview in two windows, says "ready", waits for the test to
// kill a kiosk ("killed <deviceId>"), measures how long until the kiosk shows up as broken without a reload,
// acknowledges it in one window and measures until the other window shows it acknowledged; then follows the
// kiosk's link to its device page, and opens a live kiosk's page until its charts show data. One JSON line out.
import { chromium } from 'playwright-core';
import readline from 'node:readline';

const [hub, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = {};
let desk;
let phone;
try {
  desk = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  for (const page of [desk, phone]) {
    page.on('pageerror', (e) => console.error('page error: ' + e.message));
    await page.addInitScript(() => localStorage.setItem('kioskops.actor', 'li.na@contractor.example'));
    await page.goto(hub + '/ui/index.html');
    await page.waitForSelector('#live[data-state="live"]', { timeout: 15000 });
  }
  result.phoneHeading = await phone.textContent('h1');
  console.log('ready');

  const lines = readline.createInterface({ input: process.stdin });
  const [, device, alive] = (await new Promise((resolve) => lines.once('line', resolve))).split(' ');
  const killedAt = Date.now();
  const row = `li[data-device="${device}"]`;
  await Promise.all([desk.waitForSelector(row, { timeout: 30000 }), phone.waitForSelector(row, { timeout: 30000 })]);
  result.appearedMs = Date.now() - killedAt;
  result.deskText = await desk.textContent(row);
  result.phoneText = await phone.textContent(row);
  await desk.screenshot({ path: shots + '/overview-desk.png', fullPage: true });
  await phone.screenshot({ path: shots + '/overview-phone.png', fullPage: true });

  const clickedAt = Date.now();
  await desk.click(row + ' button.acknowledge');
  await phone.waitForSelector(row + '[data-status="acknowledged"]', { timeout: 15000 });
  result.acknowledgedSeenMs = Date.now() - clickedAt;
  result.phoneAfter = await phone.textContent(row);
  await phone.screenshot({ path: shots + '/overview-phone-acknowledged.png', fullPage: true });

  // assigned and commented from the phone: the desk sees the assignee (comments are on the alert, DashboardBrowserIT reads them)
  phone.once('dialog', (d) => d.accept('wang.qiang'));
  await phone.click(row + ' button.assign');
  phone.once('dialog', (d) => d.accept('power cable unplugged by cleaners'));
  await phone.click(row + ' button.comment');
  await desk.waitForFunction((sel) => (document.querySelector(sel)?.textContent || '').includes('wang.qiang'), row, { timeout: 15000 });
  result.deskAfterAssign = await desk.textContent(row);

  await desk.click(row + ' a.device');
  await desk.waitForSelector('#facts[data-connection="offline"]', { timeout: 15000 });
  result.deadPage = await desk.textContent('#facts');
  await desk.goto(hub + '/ui/device.html?id=' + encodeURIComponent(alive));
  await desk.waitForFunction(() => ['uptime_seconds', 'lockers_occupancy_pct', 'cpu_temp_c'].every((m) =>
    Number(document.querySelector('.chart[data-metric="' + m + '"]').dataset.points || 0) > 0), null, { timeout: 20000 });
  result.charted = await desk.evaluate(() => [...document.querySelectorAll('.chart')].map((c) => c.dataset.metric + '=' + (c.dataset.points || 0)));
  result.compartments = await desk.locator('.compartment').count();
  await desk.screenshot({ path: shots + '/device-desk.png', fullPage: true });

  // the site tree, opened all the way down: the dead kiosk is listed under its site, offline
  await desk.goto(hub + '/ui/index.html');
  await desk.waitForSelector('#live[data-state="live"]', { timeout: 15000 });
  await desk.evaluate(() => document.querySelectorAll('details.place').forEach((d) => { d.open = true; }));
  const box = `ul.boxes li:has(a[href$="${encodeURIComponent(device)}"])`;
  await desk.waitForSelector(box, { timeout: 15000 });
  result.treeBox = await desk.textContent(box);
  await desk.screenshot({ path: shots + '/site-tree-desk.png', fullPage: true });
  lines.close();
} catch (e) {
  result.error = String(e && e.message || e);
  console.error('failed: ' + result.error);
  for (const [name, page] of [['desk', desk], ['phone', phone]]) {
    if (page) console.error(name + ': ' + (await page.textContent('#broken').catch(() => '?')));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

// A hub with users: the overview sends a stranger to the login page, and back to the overview, live, after a
// wrong and then the right password; lists the broken boxes and places it then shows (DashboardLoginBrowserIT).
import { chromium } from 'playwright-core';

const [hub, user, password, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  await page.goto(hub + '/ui/index.html');
  await page.waitForURL(/login\.html/, { timeout: 15000 });
  result.sentToLogin = page.url();
  await page.fill('#username', user);
  await page.fill('#password', 'not the password');
  await page.click('button[type=submit]');
  await page.waitForSelector('#problem:not([hidden])', { timeout: 10000 });
  result.problem = await page.textContent('#problem');
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('#live[data-state="live"]', { timeout: 15000 });
  result.landedOn = page.url();
  result.online = await page.textContent('#online');
  await page.waitForFunction(() => document.querySelectorAll('li.alert').length > 0, null, { timeout: 15000 });
  result.rows = await page.evaluate(() => [...document.querySelectorAll('li.alert')].map((li) => li.dataset.device));
  result.places = await page.evaluate(() => [...document.querySelectorAll('.place')].map((p) => p.dataset.site));
  await page.screenshot({ path: shot, fullPage: true });
} catch (e) {
  result.error = String(e && e.message || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

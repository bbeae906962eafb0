// Loads the overview of a large fleet (DashboardScaleIT) in Debian's Chromium and measures, three times, the time
// from navigation to the first complete overview (every broken box listed, the place counts drawn). One JSON line.
import { chromium } from 'playwright-core';

const [hub, expected, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const result = { runsMs: [] };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  for (let i = 0; i < 4; i++) {
    await page.goto(hub + '/ui/index.html');
    await page.waitForFunction((n) => document.querySelectorAll('li.alert').length === n && window.kioskopsFirstRenderMs !== undefined,
      Number(expected), { timeout: 30000 });
    const ms = await page.evaluate(() => window.kioskopsFirstRenderMs);
    // the first load warms the hub's and the browser's caches; the three after it are the figures
    if (i > 0) result.runsMs.push(Math.round(ms));
  }
  result.rows = await page.locator('li.alert').count();
  result.places = await page.locator('.place').count();
  await page.screenshot({ path: shot, fullPage: false });
} catch (e) {
  result.error = String(e && e.message || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

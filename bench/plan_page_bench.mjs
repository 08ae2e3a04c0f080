// How fast the plan page is ready on loopback, in Debian's headless chromium: the median
// over RUNS loads of GET /plan until the page's script has built the form
// (DOMContentLoaded: the script is deferred), with an empty cache (a fresh browser context
// per load) and with a warm one (reloads, which revalidate the page with its ETag); and, for
// comparison, an empty page in a fresh context: what the browser alone costs on this machine.
//
//   node bench/plan_page_bench.mjs [RUNS]        (default 20; BREVGEN_BINARY=build/brevgen)
//
// Needs what the browser test needs (scripts/install-deps.sh). Only loopback traffic.
import { startServer, launchBrowser } from '../tests/js/support.mjs';

const runs = Number(process.argv[2] || 20);
const server = await startServer();
const browser = await launchBrowser();

async function timing(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const form = document.querySelectorAll('#case-form [name^="/"]').length;
    return { ready: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, bytes: nav.transferSize, form };
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [];
const warm = [];
const blank = [];  // the same steps for an empty page: what the browser alone costs
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${server.origin}/plan`, { waitUntil: 'load' });
    const t = await timing(page);
    if (t.form < 10) throw new Error('the form was not built');
    cold.push(t);
    await page.reload({ waitUntil: 'load' });
    warm.push(await timing(page));
    await context.close();
    const other = await browser.createBrowserContext();
    const empty = await other.newPage();
    await empty.goto('data:text/html,<!doctype html><html lang="da"><title>tom</title>', { waitUntil: 'load' });
    blank.push(await empty.evaluate(() => ({ ready: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd })));
    await other.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
const summary = (xs) => ({
  ready_ms: +median(xs.map((t) => t.ready)).toFixed(1),
  load_ms: +median(xs.map((t) => t.load)).toFixed(1),
  max_ready_ms: +Math.max(...xs.map((t) => t.ready)).toFixed(1),
});
console.log(JSON.stringify({
  runs,
  cold: summary(cold),
  warm: summary(warm),
  empty_page_cold_ready_ms: +median(blank.map((t) => t.ready)).toFixed(1),
}));

// Takes the screenshots in docs/plan-page.md: the plan page empty, with a case open, with
// a warning next to a week's hours, and with the PDF made. Not a test; run it after changing the page:
//   BREVGEN_BINARY=build/brevgen node tests/js/plan_screenshots.mjs [OUTDIR]   (default docs/img)
import path from 'node:path';
import { repo, startServer, launchBrowser } from './support.mjs';

const out = path.resolve(process.argv[2] || path.join(repo, 'docs/img'));
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 760, deviceScaleFactor: 1 });
  await page.goto(`${server.origin}/plan`, { waitUntil: 'networkidle0' });
  await page.screenshot({ path: path.join(out, 'plan-empty.png') });

  await (await page.$('#case-file')).uploadFile(path.join(repo, 'examples/optrapningsplan.json'));
  const week1 = 'input[name="/optrapningsplan/uger/0/timer"]';
  await page.waitForFunction((s) => document.querySelector(s).value === '12', {}, week1);
  await page.waitForFunction(() => /ingen fejl/.test(document.getElementById('status').textContent));
  await page.screenshot({ path: path.join(out, 'plan-case.png'), clip: { x: 0, y: 0, width: 1000, height: 1250 } });

  await page.click(week1, { clickCount: 3 });
  await page.type(week1, '35');
  await page.waitForFunction(() => /Advarsel/.test(document.getElementById('status').textContent));
  await page.$eval('#h-uger', (h) => h.scrollIntoView());
  await page.screenshot({ path: path.join(out, 'plan-warning.png') });

  await page.click('#make-pdf');
  await page.waitForSelector('#pdf-section:not([hidden])');
  await new Promise((r) => setTimeout(r, 1500));  // the browser's PDF viewer draws the pages
  await page.mouse.move(0, 0);  // no hover underline on the button in the picture
  await page.$eval('#h-pdf', (h) => h.scrollIntoView());
  await page.screenshot({ path: path.join(out, 'plan-pdf.png') });
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots in ${out}`);

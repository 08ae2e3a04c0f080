// The plan page (GET /plan) in a real browser: Debian's chromium driven by puppeteer-core,
// against a real `brevgen serve` on loopback. Run by ctest (tests/CMakeLists.txt):
//   BREVGEN_BINARY=build/brevgen node --test tests/js/plan_page.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repo, startServer, stopServers, launchBrowser, watchedPage, pdfText, axeViolations } from './support.mjs';

const example = path.join(repo, 'examples/optrapningsplan.json');
const exampleXml = path.join(repo, 'examples/optrapningsplan.xml');
const week1 = 'input[name="/optrapningsplan/uger/0/timer"]';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await stopServers();
  await browser?.close();
});

/** Opens /plan on a fresh server; `done()` checks what every test must hold, then stops. */
async function openPlan(serverArgs = []) {
  const server = await startServer(serverArgs);
  const watched = await watchedPage(browser, server.origin);
  const response = await watched.page.goto(`${server.origin}/plan`, { waitUntil: 'load' });
  assert.equal(response.status(), 200);
  await watched.page.waitForSelector(week1);
  return {
    ...watched,
    server,
    async done() {
      const outside = watched.requests.filter((r) => !r.includes(` ${server.origin}/`));
      assert.deepEqual(outside, [], 'every request stays on the server that served the page');
      assert.deepEqual(watched.problems, [], 'no console error and no uncaught exception');
      await watched.page.close();
      assert.equal(await server.stop(), 0);
    },
  };
}

async function openCase(page, file) {
  const input = await page.$('#case-file');
  await input.uploadFile(file);
}

/** The text shown next to the input named `pointer` (its aria-describedby element). */
function messageOf(page, pointer) {
  return page.$eval(`[name="${pointer}"]`, (input) => {
    const id = input.getAttribute('aria-describedby');
    const msg = id && document.getElementById(id);
    return msg && !msg.hidden ? msg.textContent : '';
  });
}

async function waitForMessage(page, pointer, text) {
  await page.waitForFunction((p, t) => {
    const input = document.querySelector(`[name="${p}"]`);
    const msg = input && document.getElementById(input.getAttribute('aria-describedby'));
    return msg && !msg.hidden && msg.textContent.includes(t);
  }, { timeout: 5000 }, pointer, text);
}

async function replaceText(page, selector, text) {
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

async function makePdf(page, origin) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${origin}/v1/letters/optrapningsplan` && r.request().method() === 'POST'),
    page.click('#make-pdf'),
  ]);
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  await page.waitForSelector('#pdf-section:not([hidden]) iframe[src^="blob:"]');
  assert.ok((await page.$eval('#pdf-frame', (frame) => frame.src)).startsWith(`blob:${origin}/`));
  // The browser does not hand out the body it turned into a blob (and the page's CSP keeps
  // scripts from reading blob: URLs), so ask again with the very body the page sent: brevgen
  // gives the same input the same bytes, which the length check confirms.
  const request = response.request();
  const again = await fetch(request.url(), { method: 'POST', headers: request.headers(), body: request.postData() });
  const bytes = Buffer.from(await again.arrayBuffer());
  assert.equal(String(bytes.length), response.headers()['content-length']);
  return { response, bytes, sent: JSON.parse(request.postData()) };
}

test('a case opened in the page, week 1 raised to 35 hours: the 4-hour warning, then a PDF that says 35', async () => {
  const t = await openPlan();
  const { page } = t;
  assert.equal(await page.$eval('html', (h) => h.lang), 'da');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: the empty page');

  await openCase(page, example);
  await page.waitForFunction((s) => document.querySelector(s).value === '12', {}, week1);
  assert.equal(await page.$eval('[name="/journalnummer"]', (i) => i.value), '2026-004711');
  assert.equal(await page.$eval('[name="/optrapningsplan/uger/5/timer"]', (i) => i.value), '37');
  assert.equal(await messageOf(page, '/optrapningsplan/uger/0/timer'), '');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: a case open');

  await replaceText(page, week1, '35');
  await waitForMessage(page, '/optrapningsplan/uger/0/timer', 'Advarsel (Timer): Med 35 timer i planens uge 1 (uge 49) er der kun 2 timers fravær');
  // Week 2's 16 hours now fall from 35: that warning sits next to week 2.
  await waitForMessage(page, '/optrapningsplan/uger/1/timer', 'Timerne falder fra 35');
  const status = await page.$eval('#status', (s) => ({ live: s.getAttribute('aria-live'), text: s.textContent }));
  assert.equal(status.live, 'polite');
  assert.match(status.text, /Delvise sygedagpenge kræver mindst 4 timers fravær/, 'the warning is announced');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: with warnings shown');

  const { response, bytes, sent } = await makePdf(page, t.server.origin);
  assert.equal(sent.optrapningsplan.uger[0].timer, 35);
  assert.match(response.headers()['brevgen-warnings'], /absence-below-minimum \/optrapningsplan\/uger\/0\/timer/);
  const text = pdfText(bytes);
  const row = text.split('\n').find((line) => /uge 49/.test(line));
  assert.ok(row, `the PDF has a row for uge 49:\n${text}`);
  assert.match(row, /\b35\b/, `week 1 says 35: ${row}`);
  assert.doesNotMatch(row, /\b12\b/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'h-pdf', 'focus moves to the PDF');
  await t.done();
});

test('"Gem sag" saves the edited case as JSON with the fields the page does not show', async () => {
  const t = await openPlan();
  const { page } = t;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'brevgen-downloads-'));
  try {
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await openCase(page, exampleXml);  // an XML case: the server turns it into the JSON the form edits
    await page.waitForFunction((s) => document.querySelector(s).value === '12', {}, week1);
    await replaceText(page, week1, '13,5');
    await page.click('#save-case');
    const file = path.join(downloads, 'sag-2026-004711.json');
    for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    const original = JSON.parse(fs.readFileSync(example, 'utf8'));
    assert.equal(saved.optrapningsplan.uger[0].timer, 13.5);
    saved.optrapningsplan.uger[0].timer = 12;
    assert.deepEqual(saved, original, 'everything else is the case as opened, CPR and addresses included');
  } finally {
    fs.rmSync(downloads, { recursive: true, force: true });
  }
  await t.done();
});

test('a complete plan made from an empty page, with the keyboard', async () => {
  const t = await openPlan();
  const { page } = t;
  const fill = {
    '/journalnummer': '2026-000042',
    '/medarbejder/navn': 'Trần Thị Hương',
    '/arbejdsgiver/navn': 'Smed & Søn <Aps>',
    '/arbejdsgiver/kontaktperson/navn': 'Birte Ølgaard',
    '/konsulent/navn': 'Anne-Mette Kjærgaard',
    '/konsulent/telefon': '89641234',
    '/konsulent/email': 'amkj@favrskov.dk',
    '/optrapningsplan/uger/0/timer': '10',
    '/optrapningsplan/uger/0/opgaver': 'Kontorarbejde',
  };
  for (const [pointer, value] of Object.entries(fill)) await page.type(`[name="${pointer}"]`, value);
  // Date inputs differ by locale; set them as a script would.
  await page.$eval('[name="/optrapningsplan/startdato"]', (i) => {
    i.value = '2026-11-30';
    i.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // An error shows for a field once it was edited: a malformed e-mail, in Danish.
  await replaceText(page, '[name="/konsulent/email"]', 'amkj-favrskov.dk');
  await waitForMessage(page, '/konsulent/email', 'Fejl: Skriv en e-mailadresse som navn@eksempel.dk.');
  assert.equal(await page.$eval('[name="/konsulent/email"]', (i) => i.getAttribute('aria-invalid')), 'true');
  await replaceText(page, '[name="/konsulent/email"]', 'amkj@favrskov.dk');
  await page.waitForFunction(() => !document.querySelector('[name="/konsulent/email"]').hasAttribute('aria-invalid'));

  // A second week, by keyboard: focus the button, press Enter; focus moves to its hours.
  await page.focus('#add-week');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.name), '/optrapningsplan/uger/1/timer');
  await page.keyboard.type('37');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.name), '/optrapningsplan/uger/1/opgaver');
  await page.keyboard.type('Alle opgaver');
  // A third week, then removed again: focus lands on a real control, not on the body.
  await page.click('#add-week');
  await page.click('#weeks li:nth-child(3) .remove-week');
  assert.equal(await page.$$eval('#weeks .week', (w) => w.length), 2);
  assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'BODY');
  await page.waitForFunction(() => /ingen fejl og ingen advarsler/.test(document.getElementById('status').textContent))
    .catch(async (e) => {
      await page.click('#make-pdf');  // shows every error
      await new Promise((r) => setTimeout(r, 1000));
      throw new Error(`${e.message}: ${await page.$eval('#findings', (m) => m.innerText)}`);
    });

  const { bytes } = await makePdf(page, t.server.origin);
  const text = pdfText(bytes);
  assert.match(text, /Trần Thị Hương/);
  assert.match(text, /Smed & Søn <Aps>/);
  assert.match(text.split('\n').find((l) => /uge 49/.test(l)) || '', /\b10\b/);
  assert.match(text.split('\n').find((l) => /uge 50/.test(l)) || '', /\b37\b/);
  await t.done();
});

test('every control is reached with Tab, in reading order, with a visible focus', async () => {
  const t = await openPlan();
  const { page } = t;
  await openCase(page, example);
  await page.waitForFunction((s) => document.querySelector(s).value === '12', {}, week1);
  const expected = await page.$$eval(
    'a[href], button:not([hidden]), input, textarea, select',
    (els) => els.filter((e) => !e.closest('[hidden], dialog, template') && !e.hidden && e.offsetParent !== null)
      .map((e) => e.id || e.name || e.textContent.trim()),
  );
  // A date field is several stops (day, month, year, its calendar button): one control.
  const seen = [];
  await page.evaluate(() => document.activeElement.blur());
  for (let i = 0; i < expected.length * 5 && seen.length < expected.length; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      return { key: e.id || e.name || e.textContent.trim(), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (seen[seen.length - 1] === focused.key) continue;
    assert.ok(focused.outline, `a visible focus outline on ${focused.key}`);
    seen.push(focused.key);
  }
  assert.deepEqual(seen, expected);
  await t.done();
});

test('with --token-file the page loads without a token, asks for one once, and sends it as Bearer', async () => {
  const tokens = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brevgen-tokens-')), 'tokens');
  fs.writeFileSync(tokens, 'plan-page-token-0123456789\n', { mode: 0o600 });
  const t = await openPlan(['--token-file', tokens]);
  const { page } = t;
  await page.waitForSelector('#token-dialog[open]');
  assert.deepEqual(await axeViolations(page), [], 'axe-core: the token dialog');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'token');

  await page.type('#token', 'wrong-token-0123456789');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#token-error:not([hidden])');
  assert.match(await page.$eval('#token-error', (e) => e.textContent), /ikke godkendt/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('brevgen-token')), null);

  await replaceText(page, '#token', 'plan-page-token-0123456789');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#token-dialog:not([open])');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('brevgen-token')), 'plan-page-token-0123456789');

  await openCase(page, example);
  await page.waitForFunction((s) => document.querySelector(s).value === '12', {}, week1);
  const { response } = await makePdf(page, t.server.origin);
  assert.equal(response.request().headers().authorization, 'Bearer plan-page-token-0123456789');

  // A reload in the same tab keeps the token: no second question.
  await page.reload({ waitUntil: 'networkidle0' });
  assert.equal(await page.$eval('#token-dialog', (d) => d.open), false);
  // The wrong token's 401s are expected answers, not page errors.
  t.problems.splice(0, t.problems.length, ...t.problems.filter((p) => !/status of 401/.test(p)));
  await t.done();
  fs.rmSync(path.dirname(tokens), { recursive: true, force: true });
});

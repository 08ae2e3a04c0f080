// Shared by the browser tests, the screenshots and the page-load benchmark: a real
// `brevgen serve` on a free loopback port and Debian's chromium, headless, with a fresh
// profile and every background service off (the machine has no network).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The brevgen binary: BREVGEN_BINARY, else build/brevgen in the repository. */
export function brevgenBinary() {
  const binary = process.env.BREVGEN_BINARY || path.join(repo, 'build/brevgen');
  if (!fs.existsSync(binary)) throw new Error(`no brevgen binary at ${binary}; set BREVGEN_BINARY`);
  return binary;
}

/** Starts `brevgen serve --listen 127.0.0.1:0 ARGS…`; resolves once it says its address. */
const running = new Set();
const children = new Set();
// However node ends (a failed assertion, a timeout), no server outlives it.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Stops every server startServer started that is still running (after a failed test). */
export async function stopServers() {
  await Promise.all([...running].map((s) => s.stop()));
}

export function startServer(args = []) {
  const child = spawn(brevgenBinary(), ['serve', '--listen', '127.0.0.1:0', ...args], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`brevgen serve did not start:\n${log}`));
    }, 20000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /"address":"127\.0\.0\.1:(\d+)"/.exec(log);
      if (m && timer) {
        clearTimeout(timer);
        const server = {
          origin: `http://127.0.0.1:${m[1]}`,
          log: () => log,
          stop: () => new Promise((done) => {
            running.delete(server);
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
        };
        running.add(server);
        resolve(server);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`brevgen serve exited with ${code}:\n${log}`));
    });
  });
}

/** Debian's chromium: CHROMIUM, else /usr/bin/chromium. */
export function chromiumBinary() {
  const binary = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(binary)) throw new Error(`no chromium at ${binary} (scripts/install-deps.sh installs it)`);
  return binary;
}

/** Launches headless chromium with a fresh profile that is removed on close(). */
export async function launchBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'brevgen-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromiumBinary(),
    headless: true,  // puppeteer adds --headless
    userDataDir: profile,
    env: { ...process.env, LANG: 'da_DK.UTF-8', LANGUAGE: 'da' },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', '--lang=da-DK',
    ],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return browser;
}

/** True for URLs that would go over a network (not data:, blob:, or the browser's own). */
export function isNetwork(url) {
  return /^(https?|wss?|ftp):/i.test(url);
}

/**
 * A page that records every network request it makes and aborts any that would leave
 * `origin`, and every console error and uncaught exception. (The browser's own PDF viewer
 * loads chrome-extension: and data: resources: those never leave the machine.)
 */
export async function watchedPage(browser, origin) {
  const page = await browser.newPage();
  const requests = [];
  const problems = [];
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (!isNetwork(url)) return request.continue();
    requests.push(`${request.method()} ${url}`);
    if (url.startsWith(`${origin}/`)) request.continue();
    else request.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  await page.setViewport({ width: 1100, height: 900 });
  return { page, requests, problems };
}

/** The text of a PDF as pdftotext -layout gives it. */
export function pdfText(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevgen-pdf-'));
  try {
    const file = path.join(dir, 'plan.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page; returns its violations. */
export async function axeViolations(page) {
  // Evaluated over the DevTools protocol, which the page's CSP does not govern: the page
  // itself still allows no inline script.
  const source = fs.readFileSync(path.join(repo, 'tests/js/node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  });
}

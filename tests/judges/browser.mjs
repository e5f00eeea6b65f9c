// Launches Debian's Chromium headless through playwright-core (no browser
// download) and watches pages for console errors and failed requests.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** A fresh browser context in a fresh user-data-dir; call close() when done. */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'raport-judges-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Records console errors, uncaught exceptions, failed requests and HTTP
 * errors of every page of `context` into `problems` (strings).
 */
export function watch(context, problems) {
  const onPage = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const at = msg.location()?.url;
        problems.push(`console error on ${page.url()}: ${msg.text()}${at && at !== page.url() ? ` (${at})` : ''}`);
      }
    });
    page.on('pageerror', (err) => problems.push(`uncaught exception on ${page.url()}: ${err.message}`));
    page.on('requestfailed', (req) => {
      problems.push(`request failed on ${page.url()}: ${req.url()} (${req.failure()?.errorText})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !/\/404\.html$/.test(page.url())) {
        problems.push(`HTTP ${res.status()} on ${page.url()}: ${res.url()}`);
      }
    });
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
}

/**
 * Opens `url` and waits for its `load` event. A load that times out is
 * tried once more (said on stderr): the pages are static files on
 * 127.0.0.1, so a timeout is the machine's load, and a page that never
 * loads fails the second time.
 */
export async function goto(page, url) {
  try {
    return await page.goto(url, { waitUntil: 'load' });
  } catch (err) {
    if (!/Timeout/.test(String(err && err.message))) throw err;
    console.error(`${url}: no load event in 30 s; trying once more`);
    return page.goto(url, { waitUntil: 'load', timeout: 60000 });
  }
}

/** The JSON job passed on the command line. */
export function job() {
  return JSON.parse(process.argv[2] || '{}');
}

/** Runs `main`, turning a thrown error into exit status 2 with a message. */
export function run(main) {
  main().then((code) => process.exit(code ?? 0), (err) => {
    console.log(`judge could not run: ${err && err.stack || err}`);
    process.exit(2);
  });
}

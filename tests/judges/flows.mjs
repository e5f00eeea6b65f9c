// Reader flows in headless Chromium. Each flow named in the job runs; any
// console error, uncaught exception or failed request on any visited page
// fails the run. Prints one line per flow; exit 1 if any failed.
// Usage: node flows.mjs '{"base":"http://127.0.0.1:1234/sub/","flows":{...}}'
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, watch, job, run, goto } from './browser.mjs';

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function open(page, url) {
  const res = await goto(page, url);
  check(res && res.status() === 200, `${url}: HTTP ${res && res.status()}`);
}

const FLOWS = {
  // Switch language on a brief and land on its translation.
  async language(page, base, { from, lang }) {
    await open(page, base + from);
    const expected = await page.getAttribute(`link[rel=alternate][hreflang=${lang}]`, 'href');
    check(expected, `/${from} has no hreflang=${lang} alternate`);
    const link = page.locator(`.lang-switch a[hreflang=${lang}]`);
    check(await link.count() === 1, `/${from}: no language switch link to ${lang}`);
    await Promise.all([page.waitForURL((u) => u.href !== base + from), link.click()]);
    await page.waitForLoadState('load');
    check(page.url() === expected, `switching to ${lang} on /${from} led to ${page.url()}, not the translation ${expected}`);
    check(await page.getAttribute('html', 'lang') === lang, `${page.url()} is not <html lang=${lang}>`);
    check(await page.locator('article h1').count() === 1, `${page.url()} has no brief heading`);
    return `/${from} -> ${page.url().slice(base.length - 1)}`;
  },

  // Search without diacritics and find a brief.
  async search(page, base, { page: path, query, expect }) {
    await open(page, base + path);
    const box = page.locator('main input[type=search], main input[name=q]').first();
    check(await box.count() === 1, `/${path} has no search box`);
    await box.fill(query);
    await box.press('Enter').catch(() => {});
    const hit = page.locator(`main a[href$="${expect}"]`).first();
    await hit.waitFor({ state: 'visible', timeout: 10000 }).catch(() => {
      throw new Error(`searching "${query}" on /${path} did not list /${expect}`);
    });
    const title = (await hit.innerText()).trim();
    await Promise.all([page.waitForURL((u) => u.href.endsWith(expect)), hit.click()]);
    return `"${query}" -> ${title}`;
  },

  // Search for words that are only in tracker notes, radar findings or in
  // another inflection: each expected result is listed under its kind, with
  // the matching words marked, and its link leads to an element on the page.
  async find(page, base, { page: path, queries, suggest }) {
    const seen = [];
    for (const { query, expect, kind, page: where } of queries) {
      await open(page, `${base}${where || path}?q=${encodeURIComponent(query)}`);
      const hit = page.locator(`main .search-result a[href$="${expect}"]`).first();
      await hit.waitFor({ state: 'visible', timeout: 10000 }).catch(() => {
        throw new Error(`searching "${query}" did not list ${expect}`);
      });
      const result = page.locator('main .search-result').filter({ has: page.locator(`a[href$="${expect}"]`) }).first();
      const label = ((await result.locator('.search-kind').first().textContent().catch(() => '')) || '').trim();
      check(label === kind, `"${query}" -> ${expect} is labelled "${label}", not "${kind}"`);
      const marks = await page.locator('main .search-results mark').count();
      check(marks > 0, `"${query}": no word of the results is highlighted`);
      const switched = await page.getAttribute('.lang-switch a[hreflang]', 'href');
      check(switched && new URL(switched, page.url()).searchParams.get('q') === query, `"${query}": the language switcher drops the query (${switched})`);
      const hash = expect.includes('#') ? expect.slice(expect.indexOf('#')) : '';
      await Promise.all([page.waitForURL((u) => u.href.endsWith(expect)), hit.click()]);
      if (hash) {
        const target = page.locator(':target');
        check(await target.count() === 1, `${expect} targets nothing`);
      }
      seen.push(`"${query}" -> ${label}: ${expect} (${marks} marked)`);
    }
    if (suggest) {
      // A misspelt word finds nothing and is offered the close term.
      await open(page, `${base}${path}?q=${encodeURIComponent(suggest.query)}`);
      const link = page.locator(`main #search-status a`, { hasText: suggest.term }).first();
      await link.waitFor({ state: 'visible', timeout: 10000 }).catch(() => {
        throw new Error(`"${suggest.query}" does not suggest "${suggest.term}"`);
      });
      await link.click();
      await page.locator('main .search-result').first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => {
        throw new Error(`the suggestion "${suggest.term}" finds nothing`);
      });
      seen.push(`"${suggest.query}" suggests "${suggest.term}"`);
    }
    return seen.join('; ');
  },

  // Open a tracker and follow a recommendation anchor.
  async tracker(page, base, { page: path }) {
    await open(page, base + path);
    const here = new URL(base + path).pathname;
    const anchors = await page.$$eval('main a[href*="#"]', (as, here) => as
      .map((a) => new URL(a.href))
      .filter((u) => u.pathname === here && u.hash.length > 1 && u.hash !== '#main')
      .map((u) => u.hash)
      .filter((h) => { const el = document.getElementById(decodeURIComponent(h.slice(1))); return el && !el.closest('nav.toc') && el.tagName !== 'H2'; }), here);
    check(anchors.length > 0, `/${path} has no links to recommendation anchors`);
    const hash = anchors[0];
    await page.locator(`main a[href$="${hash}"]`).first().click();
    await page.waitForFunction((h) => location.hash === h, hash);
    const target = page.locator(':target');
    check(await target.count() === 1, `following ${hash} on /${path} targets nothing`);
    check(await target.isVisible(), `${hash} on /${path} is not visible`);
    const inView = await target.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; });
    check(inView, `${hash} on /${path} is not scrolled into view`);
    return `/${path}${hash}`;
  },

  // Open a radar page and see the chart; keep a screenshot.
  async radar(page, base, { page: path, screenshot }) {
    await open(page, base + path);
    const chart = page.locator('main svg[role=img]').first();
    check(await chart.count() === 1, `/${path} has no <svg role=img> chart`);
    check(await chart.isVisible(), `the chart on /${path} is not visible`);
    const box = await chart.boundingBox();
    check(box && box.width >= 200 && box.height >= 200, `the chart on /${path} is too small: ${JSON.stringify(box)}`);
    const name = await chart.evaluate((svg) => svg.getAttribute('aria-label') || svg.querySelector('title')?.textContent || '');
    check(name.trim().length > 0, `the chart on /${path} has no accessible name`);
    if (screenshot) {
      mkdirSync(dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
    }
    return `/${path}: chart ${Math.round(box.width)}×${Math.round(box.height)}${screenshot ? `, screenshot ${screenshot}` : ''}`;
  },

  // Every response carries the Content-Security-Policy header of
  // docs/deploy.md (the judges' server sends it, as a deployer's host
  // would); the pages load (the search runs, the tracker filters work)
  // without a single securitypolicyviolation event, and the home page's
  // tracker bars keep their proportions.
  async csp(page, base, { policy, pages, search, bars }) {
    const unpoliced = [];
    page.on('response', (res) => {
      if (res.url().startsWith(base) && res.headers()['content-security-policy'] !== policy) unpoliced.push(res.url());
    });
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber}`);
      });
    });
    const violations = [];
    const visit = async (path, then) => {
      await open(page, base + path);
      check(await page.evaluate(() => document.querySelector('link[rel=stylesheet]')?.sheet?.cssRules.length > 0),
        `/${path}: the stylesheet did not load under the policy`);
      if (then) await then();
      await page.waitForTimeout(200);
      for (const v of await page.evaluate(() => window.__violations)) violations.push(`/${path}: ${v}`);
    };
    for (const path of pages) await visit(path);
    if (search) {
      await visit(`${search.page}?q=${encodeURIComponent(search.query)}`, async () => {
        await page.locator('main .search-result a').first().waitFor({ state: 'visible', timeout: 10000 }).catch(() => {
          throw new Error(`/${search.page}: "${search.query}" found nothing under the policy`);
        });
      });
    }
    if (typeof bars === 'string') {
      // Each part of a bar is as wide as its share, within rounding and the
      // parts' minimum width: compare the two widest parts of every bar.
      await visit(bars);
      const off = await page.evaluate(() => [...document.querySelectorAll('.progress')].flatMap((bar) => {
        const segs = [...bar.querySelectorAll('.seg')].map((s) => ({ n: Number(s.textContent), w: s.getBoundingClientRect().width }));
        if (segs.length < 2) return [];
        segs.sort((a, b) => b.w - a.w);
        const [a, b] = segs;
        const want = a.n / b.n;
        const got = a.w / b.w;
        return (a.n >= b.n && Math.abs(got - want) / want < 0.25) ? [] : [`${bar.parentElement.textContent}: widths ${a.w}:${b.w} for counts ${a.n}:${b.n}`];
      }));
      check(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
      check(off.length === 0, `/${bars}: bars out of proportion: ${off.join('; ')}`);
    }
    check(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
    check(unpoliced.length === 0, `served without the policy: ${unpoliced.slice(0, 3).join(', ')}`);
    return `${pages.length + (search ? 1 : 0) + (typeof bars === 'string' ? 1 : 0)} pages under "${policy.slice(0, 40)}…", no violation`;
  },
};

run(async () => {
  const { base, flows } = job();
  const { context, close } = await launch();
  const problems = [];
  watch(context, problems);
  let failed = 0;
  try {
    for (const [name, args] of Object.entries(flows)) {
      const fn = FLOWS[name];
      if (!fn) throw new Error(`unknown flow ${name}`);
      const page = await context.newPage();
      try {
        console.log(`ok   ${name}: ${await fn(page, base, args)}`);
      } catch (err) {
        failed += 1;
        console.log(`FAIL ${name}: ${err.message.split('\n')[0]}`);
      }
      await page.close();
    }
  } finally {
    await close();
  }
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(`flows: ${Object.keys(flows).length} run, ${failed} failed, ${problems.length} console errors or failed requests`);
  return failed === 0 && problems.length === 0 ? 0 : 1;
});

// The tracker matrix in headless Chromium: no sideways page scroll at phone
// and tablet widths (WCAG 1.4.10), the by-country lists on narrow screens,
// the sticky header row and recommendation column inside the labelled
// scroll region, and the filters with and without JavaScript. Prints one
// line per check; exit 1 if any failed.
// Usage: node matrix.mjs '{"base":"http://127.0.0.1:1234/sub/","pages":["trackers/x/"],"screenshots":"target/judges"}'
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watch, job, run, goto } from './browser.mjs';

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function open(page, url) {
  const res = await goto(page, url);
  check(res && res.status() === 200, `${url}: HTTP ${res && res.status()}`);
}

const visible = (page, sel) => page.$$eval(sel, (els) => els.filter((e) => e.getClientRects().length > 0).length);

const CHECKS = {
  // No page scroll sideways at 320, 390 and 768; the list view below 40rem.
  async reflow(page, url, { shots, name }) {
    const out = [];
    for (const width of [320, 390, 768, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await open(page, url);
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      check(sw <= width, `${url} at ${width}px is ${sw}px wide: the page scrolls sideways`);
      const table = await visible(page, '.matrix-scroll');
      const lists = await visible(page, '.by-country');
      if (width < 640) check(table === 0 && lists === 1, `${url} at ${width}px: the by-country lists do not replace the table`);
      else check(table === 1 && lists === 0, `${url} at ${width}px: the table is not shown`);
      if (shots && (width === 390 || width === 1280)) {
        await page.screenshot({ path: join(shots, `tracker-${name}-${width}.png`), fullPage: true });
      }
      out.push(`${width}:${sw}`);
    }
    return `page width ${out.join(' ')}`;
  },

  // The region is labelled and focusable; scrolled, its header row and first column stay put.
  async sticky(page, url) {
    await page.setViewportSize({ width: 768, height: 600 });
    await open(page, url);
    const region = page.locator('.matrix-scroll');
    check(await region.getAttribute('role') === 'region', 'the matrix region has no role=region');
    check(await region.getAttribute('tabindex') === '0', 'the matrix region is not keyboard-focusable (tabindex=0)');
    check((await region.getAttribute('aria-label') || '').trim().length > 0, 'the matrix region has no aria-label');
    const r = await region.evaluate((el) => {
      const overflow = { x: el.scrollWidth > el.clientWidth, y: el.scrollHeight > el.clientHeight };
      el.scrollTop = el.scrollHeight;
      el.scrollLeft = el.scrollWidth;
      const box = el.getBoundingClientRect();
      const head = el.querySelector('thead th:nth-child(2)').getBoundingClientRect();
      const rows = [...el.querySelectorAll('tbody th')].map((th) => th.getBoundingClientRect());
      const row = rows.find((b) => b.bottom > box.top + head.height && b.top < box.bottom) || rows[rows.length - 1];
      return { overflow, top: box.top, left: box.left, headTop: head.top, rowLeft: row.left, scrolled: [el.scrollTop, el.scrollLeft] };
    });
    check(r.overflow.x && r.overflow.y, `the matrix does not overflow its region at 768×600 (${JSON.stringify(r.overflow)}), nothing to test`);
    check(Math.abs(r.headTop - r.top) <= 2, `after scrolling down, the header row is at ${r.headTop}, not at the region's top ${r.top}`);
    check(Math.abs(r.rowLeft - r.left) <= 2, `after scrolling right, the recommendation column is at ${r.rowLeft}, not at the region's left ${r.left}`);
    return `header and first column stay in view, scrolled ${r.scrolled.join('/')}`;
  },

  // With JavaScript: the form appears and narrows the table, the lists and the details.
  async filters(page, url) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open(page, url);
    const form = page.locator('form.tracker-filters');
    check(await form.isVisible(), 'with JavaScript, the filter form is not shown');
    const total = await page.locator('.status-matrix tbody tr').count();
    const country = await page.$eval('.status-matrix thead th[data-country]', (th) => th.dataset.country);
    await page.selectOption('#filter-country', country);
    check(await visible(page, '.status-matrix thead th[data-country]') === 1, `filtering by ${country} leaves other country columns`);
    const lists = await page.$$eval('.country-list', (ds) => ds.filter((d) => !d.hidden).map((d) => d.dataset.country));
    check(lists.length === 1 && lists[0] === country, `filtering by ${country} leaves the country lists ${lists.join(', ')}`);
    // The status most often seen in that country's column.
    const statuses = await page.$$eval(`.status-matrix td[data-country="${country}"]`, (tds) => tds.map((td) => td.dataset.status));
    const counts = {};
    for (const s of statuses) counts[s] = (counts[s] || 0) + 1;
    const [status, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
    await page.selectOption('#filter-status', status);
    const rows = await visible(page, '.status-matrix tbody tr');
    check(rows === n && n < total, `filtering by ${country} and ${status} shows ${rows} rows, not ${n} of ${total}`);
    const sections = await visible(page, '.recommendation');
    check(sections === n, `filtering by ${country} and ${status} shows ${sections} recommendation sections, not ${n}`);
    const said = await page.locator('.filter-result').innerText();
    check(said.includes(String(n)) && said.includes(String(total)), `the filter result says "${said}", not ${n} of ${total}`);
    await page.selectOption('#filter-country', '');
    await page.selectOption('#filter-status', '');
    check(await visible(page, '.status-matrix tbody tr') === total, 'clearing the filters does not show every row again');
    return `${country} + ${status}: ${rows} of ${total} rows`;
  },
};

run(async () => {
  const { base, pages, screenshots } = job();
  if (screenshots) mkdirSync(screenshots, { recursive: true });
  const problems = [];
  let failed = 0;
  const attempt = async (name, fn) => {
    try {
      console.log(`ok   ${name}: ${await fn()}`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL ${name}: ${err.message.split('\n')[0]}`);
    }
  };
  const withJs = await launch();
  watch(withJs.context, problems);
  try {
    for (const path of pages) {
      const name = path.replace(/\/$/, '').replace(/\//g, '-');
      for (const [check, fn] of Object.entries(CHECKS)) {
        const page = await withJs.context.newPage();
        await attempt(`${check} /${path}`, () => fn(page, base + path, { shots: screenshots, name }));
        await page.close();
      }
    }
  } finally {
    await withJs.close();
  }
  // Without JavaScript: no filter form, everything shown.
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    for (const path of pages) {
      const page = await noJs.context.newPage();
      await attempt(`no-js /${path}`, async () => {
        await open(page, base + path);
        check(!(await page.locator('form.tracker-filters').isVisible()), 'without JavaScript, the filter form is shown but cannot work');
        const rows = await page.locator('.status-matrix tbody tr').count();
        check(rows > 0 && await visible(page, '.status-matrix tbody tr') === rows, 'without JavaScript, some rows are hidden');
        const cols = await page.locator('.status-matrix thead th[data-country]').count();
        check(await visible(page, '.status-matrix thead th[data-country]') === cols, 'without JavaScript, some countries are hidden');
        const recs = await page.locator('.recommendation').count();
        check(await visible(page, '.recommendation') === recs, 'without JavaScript, some recommendations are hidden');
        return `${rows} rows, ${cols} countries, ${recs} recommendations shown`;
      });
      await page.close();
    }
  } finally {
    await noJs.close();
  }
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(`matrix: ${pages.length} pages, ${failed} failed, ${problems.length} console errors or failed requests`);
  return failed === 0 && problems.length === 0 ? 0 : 1;
});

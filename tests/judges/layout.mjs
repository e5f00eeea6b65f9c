// Layout in headless Chromium, as a reader on a phone, a tablet and a laptop
// sees it. For every page of the job at every width:
// - reflow (WCAG 1.4.10): the document is no wider than the viewport
//   (`scrollWidth` <= viewport width); what is wider scrolls inside its own
//   region, which must be labelled and reachable by keyboard;
// - radar charts: every visible text of a chart renders at 12 CSS px or more
//   (SVG text scales with the viewBox, so the size is the computed font size
//   times the chart's screen scale); a country page's chart takes at least
//   60% of the content width on a wide screen and the whole width on a phone;
// - the site header is at most 120 px tall on a 390 px phone.
// Pages named in `print` are checked as printed: no navigation, charts and
// table rows kept whole, external links followed by their address.
// Screenshots named in the job are written as full-page PNGs.
// Prints one line per problem and a summary; exit 1 if any problem.
// Usage: node layout.mjs '{"sites":[{"base":"http://127.0.0.1:1/demo/","pages":["", "en/"]}],
//   "widths":[320,390,768], "screenshots":[{"url":"http://…/radar/al/","width":390,"path":"/tmp/a.png"}]}'
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, watch, job, run, goto } from './browser.mjs';

/** What is wrong with the page as laid out now, in words. */
async function inspect(page, width) {
  return page.evaluate((width) => {
    const problems = [];
    const vw = document.documentElement.clientWidth;
    const sw = document.documentElement.scrollWidth;
    if (sw > vw) {
      // Name the widest culprits: elements reaching past the viewport that
      // are not inside a scrolling region of their own.
      const scrolls = (el) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const s = getComputedStyle(p);
          if (/(auto|scroll|hidden|clip)/.test(s.overflowX)) return true;
        }
        return false;
      };
      const out = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > vw + 0.5 && !scrolls(el))
        .slice(0, 4)
        .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(el.getBoundingClientRect().right)})`);
      problems.push(`scrolls sideways: document ${sw}px wide in a ${vw}px viewport; ${out.join(', ')}`);
    }
    // Regions that scroll must be labelled and focusable.
    for (const el of document.body.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      if (!/(auto|scroll)/.test(s.overflowX) || el.scrollWidth <= el.clientWidth + 1) continue;
      if (el.tagName === 'PRE') continue;
      const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (el.tabIndex < 0 || !labelled) {
        problems.push(`a ${el.tagName.toLowerCase()}.${el.className} scrolls sideways but is not a labelled, focusable region`);
      }
      // Its table's caption is read in the box, not cut off at the box's edge.
      for (const cap of el.querySelectorAll(':scope > table > caption')) {
        const box = el.getBoundingClientRect();
        if (cap.getBoundingClientRect().right > box.right + 1) {
          problems.push(`the caption "${cap.textContent.trim().slice(0, 30)}" is cut off by its scroll box`);
        }
      }
    }
    // Chart texts: rendered size = computed font size x screen scale.
    for (const t of document.querySelectorAll('svg.radar-chart text')) {
      const box = t.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(t).display === 'none') continue;
      const ctm = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
      if (px < 11.95) {
        problems.push(`chart text "${t.textContent.trim().slice(0, 30)}" renders at ${px.toFixed(1)}px (< 12px)`);
      }
      const svg = t.ownerSVGElement.getBoundingClientRect();
      if (box.left < svg.left - 1 || box.right > svg.right + 1 || box.top < svg.top - 1 || box.bottom > svg.bottom + 1) {
        problems.push(`chart text "${t.textContent.trim().slice(0, 30)}" is clipped by the chart's edge`);
      }
    }
    const main = document.querySelector('main');
    const fig = document.querySelector('.radar-figure svg.radar-chart');
    if (main && fig) {
      const ms = getComputedStyle(main);
      const content = main.clientWidth - parseFloat(ms.paddingLeft) - parseFloat(ms.paddingRight);
      const w = fig.getBoundingClientRect().width;
      const need = width >= 1024 ? 0.6 : (width < 640 ? 0.97 : 0);
      if (w < need * content) {
        problems.push(`the country chart is ${Math.round(w)}px wide, ${Math.round(100 * w / content)}% of the ${Math.round(content)}px content width (needs ${need * 100}%)`);
      }
    }
    const header = document.querySelector('.site-header');
    if (header && width === 390 && header.getBoundingClientRect().height > 120) {
      problems.push(`the site header is ${Math.round(header.getBoundingClientRect().height)}px tall on a 390px phone (> 120px)`);
    }
    return problems;
  }, width);
}

/** On a phone the menu folds behind its button; the language switcher stays. */
async function menu(page) {
  const problems = [];
  const button = page.locator('.menu-button');
  if (await page.locator('.main-nav').count() === 0) return problems;
  if (!(await button.isVisible())) return ['the menu has no visible button on a phone'];
  if (await page.locator('.main-nav').isVisible()) problems.push('the menu is open before its button is pressed');
  if (await page.locator('.lang-switch').count() && !(await page.locator('.lang-switch').isVisible())) {
    problems.push('the language switcher is hidden on a phone');
  }
  await page.keyboard.press('Tab');
  await page.focus('#menu-toggle');
  await page.keyboard.press('Space');
  if (!(await page.locator('.main-nav').isVisible())) problems.push('the menu does not open from the keyboard');
  return problems;
}

run(async () => {
  const { sites, widths, screenshots = [], print = [] } = job();
  const { context, close } = await launch();
  const problems = [];
  watch(context, problems);
  const lines = [];
  let checked = 0;
  try {
    const page = await context.newPage();
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      for (const { base, pages } of sites) {
        for (const p of pages) {
          const url = base + p;
          const res = await goto(page, url);
          if (!res || (res.status() >= 400 && !p.endsWith('404.html'))) throw new Error(`${url}: HTTP ${res && res.status()}`);
          checked += 1;
          for (const problem of await inspect(page, width)) lines.push(`${url} at ${width}px: ${problem}`);
          if (width === 390 && p === '') {
            for (const problem of await menu(page)) lines.push(`${url} at ${width}px: ${problem}`);
          }
        }
      }
    }
    // Print: no navigation, charts kept whole, where external links lead.
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.emulateMedia({ media: 'print' });
    for (const url of print) {
      await goto(page, url);
      const found = await page.evaluate(() => {
        const problems = [];
        const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
        for (const sel of ['.main-nav', '.lang-switch', '.menu-button', '.skip-link:not(:focus)', '.site-footer']) {
          if (shown(sel)) problems.push(`${sel} is printed`);
        }
        const ext = [...document.querySelectorAll('main a[href^="http"]')][0];
        if (ext && !getComputedStyle(ext, '::after').content.includes(ext.getAttribute('href'))) {
          problems.push(`the external link ${ext.getAttribute('href')} is printed without its address`);
        }
        for (const el of document.querySelectorAll('main figure, main svg, main tr')) {
          if (getComputedStyle(el).breakInside !== 'avoid') problems.push(`a ${el.tagName.toLowerCase()} may be split across printed pages`);
        }
        return [...new Set(problems)];
      });
      for (const problem of found) lines.push(`${url} printed: ${problem}`);
      checked += 1;
    }
    await page.emulateMedia({ media: 'screen' });
    for (const s of screenshots) {
      await page.setViewportSize({ width: s.width, height: 900 });
      await goto(page, s.url);
      mkdirSync(dirname(s.path), { recursive: true });
      await page.screenshot({ path: s.path, fullPage: true });
    }
  } finally {
    await close();
  }
  // Leaving a page aborts its pending requests (the search index): not a fault.
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('net::ERR_ABORTED')));
  lines.forEach((l) => console.log(`FAIL ${l}`));
  problems.forEach((p) => console.log(`FAIL ${p}`));
  console.log(`layout: ${checked} page views (${widths.join('/')} px), ${lines.length} problems, ${problems.length} console errors or failed requests, ${screenshots.length} screenshots`);
  return lines.length === 0 && problems.length === 0 ? 0 : 1;
});

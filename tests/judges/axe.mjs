// axe-core in headless Chromium: every page of the job, in the light and the
// dark colour scheme. Prints the violations readably; exit 1 if any.
// Usage: node axe.mjs '{"base":"http://127.0.0.1:1234/sub/","pages":["", "en/"]}'
import { createRequire } from 'node:module';
import { launch, watch, job, run, goto } from './browser.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

run(async () => {
  const { base, pages } = job();
  const { context, close } = await launch();
  let total = 0;
  const lines = [];
  const problems = [];
  watch(context, problems);
  try {
    const page = await context.newPage();
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of pages) {
        const url = base + p;
        const res = await goto(page, url);
        if (!res || res.status() >= 400) throw new Error(`${url}: HTTP ${res && res.status()}`);
        await page.addScriptTag({ path: axePath });
        const result = await page.evaluate(() => window.axe.run(document, {
          resultTypes: ['violations'],
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }));
        for (const v of result.violations) {
          total += v.nodes.length;
          lines.push(`/${p} [${scheme}] ${v.id} (${v.impact}): ${v.help}`);
          for (const n of v.nodes.slice(0, 5)) {
            lines.push(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}`);
          }
          if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
        }
      }
    }
  } finally {
    await close();
  }
  lines.forEach((l) => console.log(l));
  problems.forEach((p) => console.log(p));
  console.log(`axe: ${pages.length} pages × 2 colour schemes, ${total} violations, ${problems.length} console errors or failed requests`);
  return total === 0 && problems.length === 0 ? 0 : 1;
});

// Search across scripts (tests/judges.rs): on a site in Serbian Cyrillic and
// Serbian Latin, a query typed in one script finds text written in the
// other, and a query without diacritics finds text with them. Prints one
// JSON line: {checked, problems}.
import { launch, watch } from './browser.mjs';

const job = JSON.parse(process.argv[2]);
const { context, close } = await launch();
const problems = [];
watch(context, problems);
const page = await context.newPage();
let checked = 0;
for (const { page: path, query, expect } of job.queries) {
  await page.goto(`${job.base}${path}?q=${encodeURIComponent(query)}`);
  const hit = page.locator(`main .search-result a[href$="${expect}"]`).first();
  try {
    await hit.waitFor({ state: 'visible', timeout: 10000 });
    checked += 1;
  } catch {
    const found = await page.locator('main .search-result a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    problems.push(`"${query}" on /${path} did not list /${expect} (found: ${found.join(', ') || 'nothing'})`);
  }
}
await close();
console.log(JSON.stringify({ checked, problems }));

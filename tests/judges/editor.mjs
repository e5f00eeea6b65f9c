// The web editor at /admin/ driven as an editor would, against `raport
// serve` (tests/judges.rs): create a bilingual brief, add a review round to
// a tracker and set a cell's status, change a radar score, save each. The
// Rust side then checks the files with raport. Prints one JSON line:
// {saves: [{what, status, answer}], problems: [...]}.
import { launch, watch } from './browser.mjs';

const job = JSON.parse(process.argv[2]);
const base = job.base;
const { context, close } = await launch();
const problems = [];
watch(context, problems);
const saves = [];
const page = await context.newPage();
page.setDefaultTimeout(30000);
page.on('response', async (r) => {
  const post = r.request().postData() || '';
  if (r.request().method() === 'POST' && /"action":"persist/.test(post)) {
    saves.push({ status: r.status(), answer: (await r.text()).slice(0, 2000) });
  }
});

async function publish(what) {
  const before = saves.length;
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now').click();
  const deadline = Date.now() + 20000;
  while (saves.length === before && Date.now() < deadline) await page.waitForTimeout(100);
  if (saves.length === before) problems.push(`${what}: no save reached the backend`);
  else saves[saves.length - 1].what = what;
  await page.waitForTimeout(500);
}

let loads = 0;
async function open(hash, ready) {
  // A new load for every entry: the editor keeps no state between them.
  loads += 1;
  await page.goto(`${base}admin/?load=${loads}${hash}`);
  await page.locator(ready).first().waitFor();
  await page.waitForTimeout(500);
}

// react-select: open it, take the option with that label.
async function choose(input, label) {
  await input.scrollIntoViewIfNeeded();
  await input.click({ force: true });
  // The open menu's option (react-select names its parts `...-option`).
  await page.locator('[class*="-option"]', { hasText: label }).first().click();
}

try {
  await page.goto(base + 'admin/');
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForTimeout(1000);

  // 1. A brief in both languages.
  await open('#/collections/briefs/new', 'input[id^="title-field"]');
  const titles = page.locator('input[id^="title-field"]');
  await titles.nth(0).fill(job.brief.sq);
  await titles.nth(1).fill(job.brief.en);
  await page.locator('input[id^="date-field"]').first().fill(job.brief.date);
  const bodies = page.locator('[data-slate-editor], textarea[id^="body-field"]');
  await bodies.nth(0).click();
  await page.keyboard.type(job.brief.body_sq);
  await bodies.nth(1).click();
  await page.keyboard.type(job.brief.body_en);
  await page.screenshot({ path: `${job.shots}/editor-brief.png` });
  await publish('brief');

  // 2. A tracker: a new review round, and a cell's status.
  await open(`#/collections/trackers/entries/${job.tracker.id}`, 'input[id^="sq-field"]');
  const expand = (sel) => page.locator(sel).first().locator('button[data-testid="expand-button"]').first().click();
  await expand('[id^="countries-field"]');
  // The recommendation's countries fold; a country shows its reviews, each folded.
  const country = page.locator(`[id^="${job.tracker.country}-field"]`).first();
  await country.locator(`[id^="${job.tracker.review_id}-field"] button[data-testid="expand-button"]`).first().click();
  const cell = country.locator(`[id^="${job.tracker.review_id}-field"] input[id^="status-field"]`).first();
  await choose(cell, job.tracker.label);
  await page.getByRole('button', { name: /Add reviews/ }).click();
  await page.locator('input[id^="date-field"]').last().fill(job.tracker.review);
  await page.screenshot({ path: `${job.shots}/editor-tracker.png` });
  await publish('tracker');

  // 3. A radar score.
  await open(`#/collections/radar/entries/${job.radar.country}`, 'button');
  const score = page.locator(`input[id^="${job.radar.dimension}-field"]`).first();
  await score.fill(String(job.radar.score));
  await page.screenshot({ path: `${job.shots}/editor-radar.png` });
  await publish('radar');
} catch (e) {
  problems.push(`the editor could not be driven: ${e.message.split('\n')[0]}`);
  await page.screenshot({ path: `${job.shots}/editor-failure.png` }).catch(() => {});
}
await close();
console.log(JSON.stringify({ saves, problems }));

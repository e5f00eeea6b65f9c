#!/usr/bin/env bash
# Lighthouse (npm lighthouse 12.x, fetched by npx) on the given URLs with
# Debian's Chromium: prints the four category scores per URL and fails if any
# is below $LIGHTHOUSE_MIN (default 95). Slow, so not part of every CI run.
#
#   tests/judges/lighthouse.sh http://127.0.0.1:8000/wb-ocr/ http://127.0.0.1:8000/wb-ocr/radar/al/
#
# The easiest way to get a served sub-path build is the Rust wrapper, which
# builds the demo site, serves it and calls this script:
#   cargo test --test judges -- --ignored lighthouse --nocapture
# Reports (HTML and JSON) go to $LIGHTHOUSE_OUT (default target/judges/lighthouse).
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: $0 URL..." >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
out="${LIGHTHOUSE_OUT:-$here/../../target/judges/lighthouse}"
min="${LIGHTHOUSE_MIN:-95}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
mkdir -p "$out"
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
fail=0
for url in "$@"; do
  name="$(echo "$url" | sed -E 's#^https?://[^/]+/##; s#/$##; s#[^A-Za-z0-9]+#-#g')"
  name="${name:-root}"
  echo "== lighthouse $url"
  npx --yes "${LIGHTHOUSE_PKG:-lighthouse@12.8.2}" "$url" --quiet \
    --chrome-flags="$flags" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$out/$name" >/dev/null
  node -e '
    const r = require(process.argv[1]);
    const min = Number(process.argv[2]) / 100;
    let bad = 0;
    const scores = Object.values(r.categories).map((c) => {
      if (c.score === null || c.score < min) bad += 1;
      return `${c.id} ${c.score === null ? "n/a" : Math.round(c.score * 100)}`;
    });
    console.log(`${r.finalDisplayedUrl}: ${scores.join(", ")}`);
    for (const c of Object.values(r.categories)) {
      if (c.score !== null && c.score >= 1) continue;
      for (const ref of c.auditRefs) {
        const a = r.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 0.9) console.log(`    ${c.id}: ${a.id} (${a.score}): ${a.title}`);
      }
    }
    process.exit(bad ? 1 : 0);
  ' "$out/$name.report.json" "$min" || fail=1
done
exit "$fail"

//! Third-party judges of the generated site (issue 7): an internal link
//! check, the Nu Html Checker, axe-core and browser flows in headless
//! Chromium, all against the demo site built with a sub-path base URL and
//! served on 127.0.0.1.
//!
//! They need Java, Chromium and `npm ci` in `tests/judges/` (see
//! docs/judges.md), so they are `#[ignore]`d: a plain `cargo test` reports
//! them as ignored, and `cargo test --test judges -- --ignored` (as `.ci/run`
//! does) runs them, where a judge that cannot run is a failure.

mod common;
#[path = "judges/links.rs"]
mod links;
#[path = "judges/serve.rs"]
mod serve;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serve::StaticServer;

/// The sub-path the site is built for, as on a GitHub project page.
const SUB_PATH: &str = "/judges/wb-ocr/";
/// The demo site's own base_url (site.yaml), which `--base-url` replaces.
const DEMO_BASE_URL: &str = "https://example.github.io/wb-ocr/";

/// Chromium and the JVM each want both cores: run one heavy judge at a time.
static HEAVY: Mutex<()> = Mutex::new(());

/// `tests/judges/`.
fn judges_dir() -> PathBuf {
    common::demo_root().join("tests/judges")
}

/// The cargo target folder (where CI keeps artifacts such as screenshots).
fn target_dir() -> PathBuf {
    // target/<profile>/raport -> target
    Path::new(env!("CARGO_BIN_EXE_raport"))
        .ancestors()
        .nth(2)
        .map_or_else(|| common::demo_root().join("target"), Path::to_path_buf)
}

/// The demo site, built for `http://127.0.0.1:<port>/judges/wb-ocr/` and served there.
struct Site {
    /// Output folder (what the sub-path maps to).
    out: PathBuf,
    /// `http://127.0.0.1:<port>/judges/wb-ocr/`.
    base_url: String,
    _server: StaticServer,
    _tmp: tempfile::TempDir,
}

impl Site {
    fn build() -> Site {
        Site::build_sending(&[])
    }

    /// The demo site, served with `headers` on every response.
    fn build_sending(headers: &[(&str, &str)]) -> Site {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let out = tmp.path().join("www").join(SUB_PATH.trim_matches('/'));
        let mut server = StaticServer::bind();
        for (name, value) in headers {
            server.always_send(name, value);
        }
        let base_url = format!("http://127.0.0.1:{}{SUB_PATH}", server.port);
        let mut opts = raport::BuildOptions::new(common::demo_root());
        opts.output = out.clone();
        opts.base_url = Some(base_url.clone());
        if let Err(e) = raport::build(&opts) {
            panic!("the demo site does not build:\n{e}");
        }
        server.serve(&out, SUB_PATH);
        Site { out, base_url, _server: server, _tmp: tmp }
    }

    /// True when the built site has `rel` (relative to the output folder).
    fn has(&self, rel: &str) -> bool {
        self.out.join(rel).exists()
    }

    /// Sub-folders of `rel` that hold an `index.html`, sorted (`briefs/` -> slugs).
    fn children(&self, rel: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.out.join(rel))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.path().join("index.html").is_file())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n != "page")
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

/// A page type of the SPEC and whether this theme renders it yet. A flow or
/// audit of a page type is required as soon as its template exists; until
/// then it is reported as pending (trackers: issue 3, radar: issue 4,
/// search: issue 6).
fn theme_has(template: &str) -> bool {
    common::demo_root().join("themes/default/templates").join(template).is_file()
}

/// The page types still being built, by the template that renders them and
/// the section they live in.
const SECTIONS: [(&str, &str); 3] =
    [("tracker.html", "trackers/"), ("country.html", "radar/"), ("search.html", "search/")];

/// Prints a judge's summary and keeps it as `target/judges/<name>.txt`,
/// which `.ci/run` shows at the end (test output is captured otherwise).
fn keep(name: &str, summary: &str) {
    println!("{summary}");
    let dir = target_dir().join("judges");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{name}.txt")), format!("{}\n", summary.trim_end()));
}

/// Output of a bounded child process.
struct Output {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs `cmd`, killing it after `limit`; panics if it cannot start.
fn run_bounded(mut cmd: Command, what: &str, limit: Duration) -> Output {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let (o, e) = (tmp.path().join("stdout"), tmp.path().join("stderr"));
    let file = |p: &Path| std::fs::File::create(p).unwrap_or_else(|err| panic!("create {}: {err}", p.display()));
    cmd.stdin(Stdio::null()).stdout(file(&o)).stderr(file(&e));
    let mut child = cmd.spawn().unwrap_or_else(|err| panic!("{what} cannot run: {err}"));
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(err) => panic!("{what}: {err}"),
        }
    };
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
    let out = Output { ok: status.is_some_and(|s| s.success()), stdout: read(&o), stderr: read(&e) };
    if status.is_none() {
        panic!("{what} did not finish within {limit:?}\nstdout:\n{}\nstderr:\n{}", out.stdout, out.stderr);
    }
    out
}

/// Panics with a useful message when a judge's prerequisite is missing.
fn require(path: &Path, what: &str) {
    assert!(
        path.exists(),
        "{what} is missing ({}); see docs/judges.md (apt-get install chromium chromium-driver; npm ci in tests/judges)",
        path.display()
    );
}

/// A node script of `tests/judges/` with a JSON job on its command line.
fn node(script: &str, job: &serde_json::Value, limit: Duration) -> Output {
    let dir = judges_dir();
    require(&dir.join("node_modules/playwright-core"), "tests/judges/node_modules (npm ci)");
    require(&dir.join("node_modules/axe-core"), "tests/judges/node_modules (npm ci)");
    let chrome = std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    require(Path::new(&chrome), "Chromium");
    let mut cmd = Command::new("node");
    cmd.arg(dir.join(script)).arg(job.to_string()).current_dir(&dir).env("CHROME_PATH", &chrome);
    run_bounded(cmd, &format!("node {script}"), limit)
}

#[test]
#[ignore = "judge: needs java, chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn internal_links_and_fragments_resolve() {
    let site = Site::build();
    let mut pending = Vec::new();
    for (template, section) in SECTIONS {
        if !theme_has(template) {
            pending.extend(["", "en/"].map(|lang| format!("{SUB_PATH}{lang}{section}")));
        }
    }
    let r = links::check_site(&site.out, &site.base_url, DEMO_BASE_URL, &pending);
    let mut summary = format!(
        "links: {} pages, {} internal links checked, {} external left alone, {} broken",
        r.pages,
        r.checked,
        r.external,
        r.broken.len()
    );
    if r.pending > 0 {
        summary +=
            &format!("\nlinks: pending: {} links into sections not built yet ({})", r.pending, pending.join(", "));
    }
    keep("links", &summary);
    assert!(r.pages > 0 && r.checked > 0, "the link check found nothing to check in {}", site.out.display());
    let list: Vec<String> = r.broken.iter().map(ToString::to_string).collect();
    assert!(list.is_empty(), "{} broken internal links:\n{}", list.len(), list.join("\n"));
}

#[test]
#[ignore = "judge: needs java, chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn nu_html_checker_finds_no_errors() {
    let site = Site::build();
    let jar = judges_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    require(&jar, "the Nu Html Checker (npm ci in tests/judges)");
    let _heavy = HEAVY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut cmd = Command::new("java");
    cmd.arg("-jar").arg(&jar).args(["--errors-only", "--format", "json", "--skip-non-html"]).arg(&site.out);
    let out = run_bounded(cmd, "java -jar vnu.jar", Duration::from_secs(300));
    // vnu writes its report to stderr; exit 1 means "found errors".
    let report: serde_json::Value = serde_json::from_str(out.stderr.trim()).unwrap_or_else(|e| {
        panic!("the Nu Html Checker did not report JSON ({e}):\nstdout:\n{}\nstderr:\n{}", out.stdout, out.stderr)
    });
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    let pages = walkdir::WalkDir::new(&site.out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("");
            let file = url.rsplit_once(SUB_PATH.trim_end_matches('/')).map_or(url, |(_, f)| f);
            format!(
                "{file}:{}:{}: {}\n    {}",
                m["lastLine"],
                m["firstColumn"],
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            )
        })
        .collect();
    keep("vnu", &format!("vnu: {pages} pages checked, {} errors", errors.len()));
    assert!(out.ok || !errors.is_empty(), "the Nu Html Checker failed:\n{}", out.stderr);
    assert!(errors.is_empty(), "the Nu Html Checker found {} errors:\n{}", errors.len(), errors.join("\n"));
}

/// The pages axe audits: home, a brief, a list, and (once their templates
/// exist) a tracker, a radar country page and search, in every language.
fn audited_pages(site: &Site) -> (Vec<String>, Vec<String>) {
    let mut pages = Vec::new();
    let mut pending = Vec::new();
    let brief = site.children("briefs").into_iter().next().unwrap_or_else(|| panic!("the demo site has no briefs"));
    for prefix in ["", "en/"] {
        pages.push(prefix.to_string());
        pages.push(format!("{prefix}briefs/"));
        pages.push(format!("{prefix}topics/"));
        if prefix.is_empty() {
            pages.push(format!("briefs/{brief}/"));
        }
    }
    // The English brief is the translation the switcher leads to.
    let en_brief =
        site.children("en/briefs").into_iter().next().unwrap_or_else(|| panic!("the demo site has no English briefs"));
    pages.push(format!("en/briefs/{en_brief}/"));
    for (template, list, one) in [
        ("tracker.html", "trackers/", None),
        ("country.html", "radar/", Some("radar/al/")),
        ("search.html", "search/", None),
    ] {
        if !theme_has(template) {
            pending.push(format!("/{list} (no {template} yet)"));
            continue;
        }
        for prefix in ["", "en/"] {
            pages.push(format!("{prefix}{list}"));
            let item = match one {
                Some(p) => Some(p.trim_start_matches(list).to_string()),
                None if template == "tracker.html" => {
                    site.children(&format!("{prefix}{list}")).into_iter().next().map(|s| format!("{s}/"))
                }
                None => None,
            };
            if let Some(i) = item {
                pages.push(format!("{prefix}{list}{i}"));
            }
        }
    }
    pages.push("404.html".into());
    (pages, pending)
}

#[test]
#[ignore = "judge: needs java, chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn axe_finds_no_violations() {
    let site = Site::build();
    let (pages, pending) = audited_pages(&site);
    for p in &pages {
        assert!(
            p.ends_with(".html") || site.has(&format!("{p}index.html")),
            "axe: the page {p} is not in the built site"
        );
    }
    let _heavy = HEAVY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let job = serde_json::json!({ "base": site.base_url, "pages": pages });
    let out = node("axe.mjs", &job, Duration::from_secs(300));
    let mut summary = out.stdout.trim_end().to_string();
    for p in &pending {
        summary += &format!("\naxe: pending: {p}");
    }
    keep("axe", &summary);
    assert!(out.ok, "axe-core found violations or could not run:\n{}\n{}", out.stdout, out.stderr);
}

#[test]
#[ignore = "judge: needs java, chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn browser_flows_work() {
    // Served the way docs/deploy.md tells deployers to: every flow runs
    // under its Content-Security-Policy, and the csp flow checks for it.
    let policy = deploy_csp();
    let site = Site::build_sending(&[("Content-Security-Policy", &policy)]);
    let mut flows = serde_json::Map::new();
    let mut pending = Vec::new();
    // Language switch: an Albanian brief whose translation exists.
    let sq = site.children("briefs");
    let brief = sq.first().unwrap_or_else(|| panic!("the demo site has no briefs"));
    flows.insert("language".into(), serde_json::json!({ "from": format!("briefs/{brief}/"), "lang": "en" }));
    if theme_has("search.html") {
        // "sigurine ne" (no diacritics) must find "…për sigurinë në Ballkanin…".
        assert!(
            site.has("briefs/konsensusi-per-sigurine/index.html"),
            "the search flow's brief is gone from the demo site"
        );
        flows.insert("search".into(), serde_json::json!({ "page": "search/", "query": "sigurine ne", "expect": "briefs/konsensusi-per-sigurine/" }));
        // Words only in tracker notes and radar findings, and another
        // inflection of a word on the page (issue 16).
        flows.insert(
            "find".into(),
            serde_json::json!({ "page": "search/", "queries": [
                { "query": "sanksione", "expect": "trackers/berlin-2022-security/#sec-1", "kind": "Rekomandime" },
                { "query": "Interpol", "expect": "radar/xk/#findings-2023", "kind": "Vend" },
                { "query": "SPAK", "expect": "radar/al/#findings-2023", "kind": "Vend" },
                { "query": "Kosovë", "expect": "rreth-nesh/", "kind": "Faqe" },
                { "query": "Kosovës", "expect": "briefs/radari-i-krimit/", "kind": "Analizë" },
                { "query": "organised", "page": "en/search/", "expect": "en/radar/al/#findings-2023", "kind": "Country" },
            ], "suggest": { "query": "Interpoll", "term": "interpol" } }),
        );
    } else {
        pending.push("search (no search.html yet, issue 6)");
    }
    if theme_has("tracker.html") {
        let t = site
            .children("trackers")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("tracker.html exists but the site has no /trackers/<id>/"));
        flows.insert("tracker".into(), serde_json::json!({ "page": format!("trackers/{t}/") }));
    } else {
        pending.push("tracker (no tracker.html yet, issue 3)");
    }
    if theme_has("country.html") {
        let shot = target_dir().join("judges/radar.png");
        flows.insert("radar".into(), serde_json::json!({ "page": "radar/al/", "screenshot": shot }));
    } else {
        pending.push("radar (no country.html yet, issue 4)");
    }
    // The Content-Security-Policy docs/deploy.md tells deployers to send, on
    // the home page, a brief, a tracker, a country page and a search.
    let mut csp_pages = vec![String::new(), "en/".to_string(), format!("briefs/{brief}/")];
    if let Some(t) = site.children("trackers").into_iter().next() {
        csp_pages.push(format!("trackers/{t}/"));
    }
    if theme_has("country.html") {
        csp_pages.push("radar/al/".to_string());
    }
    let search = theme_has("search.html").then(|| serde_json::json!({ "page": "search/", "query": "sanksione" }));
    flows.insert(
        "csp".into(),
        serde_json::json!({ "policy": policy, "pages": csp_pages, "search": search, "bars": "" }),
    );
    let _heavy = HEAVY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let job = serde_json::json!({ "base": site.base_url, "flows": flows });
    let out = node("flows.mjs", &job, Duration::from_secs(300));
    let mut summary = out.stdout.trim_end().to_string();
    for p in &pending {
        summary += &format!("\nflows: pending: {p}");
    }
    keep("flows", &summary);
    assert!(out.ok, "browser flows failed:\n{}\n{}", out.stdout, out.stderr);
}

/// The value of the `Content-Security-Policy` header docs/deploy.md gives.
fn deploy_csp() -> String {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy.md"))
        .unwrap_or_else(|e| panic!("docs/deploy.md: {e}"));
    let policy = doc
        .lines()
        .find_map(|l| l.strip_prefix("Content-Security-Policy: "))
        .unwrap_or_else(|| panic!("docs/deploy.md gives no `Content-Security-Policy: ` header line"));
    assert!(policy.contains("style-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
    policy.trim().to_string()
}

/// The tracker matrix of every demo tracker, in both languages: no sideways
/// page scroll at 320, 390 and 768 CSS px, the by-country lists on narrow
/// screens, the sticky header row and recommendation column, and the
/// filters with and without JavaScript (`judges/matrix.mjs`); screenshots at
/// 390 and 1280 px go to `target/judges/`.
#[test]
#[ignore = "judge: needs chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn tracker_matrix_reads_at_every_width() {
    let site = Site::build();
    let trackers = site.children("trackers");
    assert!(!trackers.is_empty(), "the demo site has no /trackers/<id>/");
    let pages: Vec<String> =
        ["", "en/"].iter().flat_map(|l| trackers.iter().map(move |t| format!("{l}trackers/{t}/"))).collect();
    let _heavy = HEAVY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let job = serde_json::json!({ "base": site.base_url, "pages": pages, "screenshots": target_dir().join("judges") });
    let out = node("matrix.mjs", &job, Duration::from_secs(300));
    keep("matrix", out.stdout.trim_end());
    assert!(out.ok, "the tracker matrix failed in Chromium:\n{}\n{}", out.stdout, out.stderr);
}

/// Lighthouse on the home page, a brief and a radar page; slow, so only on
/// request: `cargo test --test judges -- --ignored lighthouse`.
#[test]
#[ignore = "judge, slow: run with --ignored lighthouse (docs/judges.md)"]
fn lighthouse_scores_at_least_95() {
    let site = Site::build();
    let brief = site.children("briefs").into_iter().next().unwrap_or_default();
    let mut urls = vec![site.base_url.clone(), format!("{}briefs/{brief}/", site.base_url)];
    if site.has("radar/al/index.html") {
        urls.push(format!("{}radar/al/", site.base_url));
    }
    let mut cmd = Command::new("bash");
    cmd.arg(judges_dir().join("lighthouse.sh"))
        .args(&urls)
        .env("LIGHTHOUSE_OUT", target_dir().join("judges/lighthouse"));
    let out = run_bounded(cmd, "lighthouse.sh", Duration::from_secs(900));
    keep("lighthouse", &out.stdout);
    assert!(out.ok, "Lighthouse below 95 or could not run:\n{}\n{}", out.stdout, out.stderr);
}

/// Every page of a built site as a path relative to its root (`briefs/x/`,
/// `404.html`), sorted. The web editor (`admin/`) is Decap CMS's page, not
/// one raport draws: it is judged in `the_web_editor_saves_what_raport_reads`.
fn all_pages(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.path().starts_with(out.join("admin")))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| e.path().strip_prefix(out).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .map(|p| {
            if p == "index.html" {
                String::new()
            } else {
                p.strip_suffix("/index.html").map_or(p.clone(), |d| format!("{d}/"))
            }
        })
        .collect();
    v.sort();
    v
}

/// The demo site and every fixture site that builds, each under its own
/// sub-path of one server: name, output folder and base URL.
struct Sites {
    sites: Vec<(String, PathBuf, String)>,
    _server: StaticServer,
    _tmp: tempfile::TempDir,
}

impl Sites {
    fn build() -> Sites {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let www = tmp.path().join("www");
        let mut server = StaticServer::bind();
        let mut sites = Vec::new();
        let mut roots = vec![("demo".to_string(), common::demo_root())];
        for name in ["basic", "radar", "tracker", "readers", "look", "languages"] {
            roots.push((name.to_string(), common::fixture(name)));
        }
        for (name, root) in roots {
            let out = www.join(&name);
            let base_url = format!("http://127.0.0.1:{}/{name}/", server.port);
            let mut opts = raport::BuildOptions::new(root);
            opts.output = out.clone();
            opts.base_url = Some(base_url.clone());
            if let Err(e) = raport::build(&opts) {
                panic!("the {name} site does not build:\n{e}");
            }
            sites.push((name, out, base_url));
        }
        server.serve(&www, "/");
        Sites { sites, _server: server, _tmp: tmp }
    }
}

/// Reflow at 320, 390 and 768 px on every page of the demo site and of the
/// fixtures, chart text sizes, the country chart's width and the phone
/// header's height and menu, how a country page, a tracker and a brief print
/// (issue 18); screenshots of the home page, a country page,
/// the radar overview and a tracker at 390 and 1280 px in `target/judges/`.
#[test]
#[ignore = "judge: needs chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn pages_reflow_and_charts_read_at_every_width() {
    let sites = Sites::build();
    let list: Vec<serde_json::Value> =
        sites.sites.iter().map(|(_, out, base)| serde_json::json!({ "base": base, "pages": all_pages(out) })).collect();
    let pages: usize = sites.sites.iter().map(|(_, out, _)| all_pages(out).len()).sum();
    let (_, demo_out, demo) = &sites.sites[0];
    let tracker = all_pages(demo_out).into_iter().find(|p| p.starts_with("trackers/") && p != "trackers/");
    let mut shots = Vec::new();
    let dir = target_dir().join("judges");
    for (name, page) in [
        ("home", Some(String::new())),
        ("country", Some("radar/al/".into())),
        ("overview", Some("radar/".into())),
        ("tracker", tracker.clone()),
    ] {
        let Some(page) = page else { continue };
        for width in [390, 1280] {
            let path = dir.join(format!("{name}-{width}.png"));
            shots.push(serde_json::json!({ "url": format!("{demo}{page}"), "width": width, "path": path }));
        }
    }
    let brief = all_pages(demo_out).into_iter().find(|p| p.starts_with("briefs/") && p.len() > "briefs/".len());
    let print: Vec<String> =
        [Some("radar/al/".to_string()), tracker, brief].into_iter().flatten().map(|p| format!("{demo}{p}")).collect();
    let _heavy = HEAVY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let job =
        serde_json::json!({ "sites": list, "widths": [320, 390, 768, 1280], "screenshots": shots, "print": print });
    let out = node("layout.mjs", &job, Duration::from_secs(900));
    keep("layout", &format!("{}\nlayout: {pages} pages in {} sites", out.stdout.trim_end(), sites.sites.len()));
    assert!(out.ok, "pages do not reflow or charts do not read:\n{}\n{}", out.stdout, out.stderr);
}

/// `raport serve` on a copy of the demo, killed on drop.
struct Preview {
    child: std::process::Child,
    base: String,
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    fn start() -> Preview {
        use std::io::BufRead;
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let root = tmp.path().join("site");
        std::fs::create_dir_all(&root).unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(common::demo_root().join("site.yaml"), root.join("site.yaml")).unwrap_or_else(|e| panic!("{e}"));
        common::copy_tree(&common::demo_root().join("content"), &root.join("content"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_raport"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn raport serve: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut lines = std::io::BufReader::new(stdout).lines();
        let base = loop {
            let line = lines.next().and_then(Result::ok).unwrap_or_else(|| panic!("serve did not start"));
            if let Some(rest) = line.split(" at ").nth(1).filter(|r| r.starts_with("http://")) {
                break rest.split_whitespace().next().unwrap_or_default().to_string();
            }
        };
        // Keep reading, so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Preview { child, base, _tmp: tmp, root }
    }
}

/// The web editor in Chromium against `raport serve` (`judges/editor.mjs`):
/// a bilingual brief, a tracker's new review round and a cell's status, and a
/// radar score saved through the editor's own forms and data format; then
/// `raport check` passes and the built site shows them.
#[test]
#[ignore = "judge: needs chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn the_web_editor_saves_what_raport_reads() {
    let preview = Preview::start();
    let shots = target_dir();
    std::fs::create_dir_all(&shots).unwrap_or_else(|e| panic!("{e}"));
    let job = serde_json::json!({
        "base": preview.base,
        "shots": shots,
        "brief": {"sq": "Siguria në rajon sot", "en": "Security in the region today", "date": "2026-11-30",
            "body_sq": "Teksti shqip i redaktorit.", "body_en": "The editor's English text."},
        "tracker": {"id": "berlin-2022-security", "country": "al", "review_id": "2023", "label": "Në proces", "review": "2025-10-20"},
        "radar": {"country": "al", "dimension": "legal-framework", "score": 4.5},
    });
    let out = node("editor.mjs", &job, Duration::from_secs(300));
    let report: serde_json::Value = out
        .stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("editor.mjs reported nothing:\n{}\n{}", out.stdout, out.stderr));
    let saved =
        |what: &str| report["saves"].as_array().into_iter().flatten().any(|s| s["what"] == what && s["status"] == 200);
    keep("editor", &format!("editor: {report}"));
    assert!(saved("brief") && saved("tracker") && saved("radar"), "the editor did not save: {report}");

    let root = &preview.root;
    let sq = common::read(root, "content/briefs/siguria-ne-rajon-sot.sq.md");
    let en = common::read(root, "content/briefs/siguria-ne-rajon-sot.en.md");
    assert!(sq.contains("title: Siguria në rajon sot") && sq.contains("date: 2026-11-30"), "{sq}");
    assert!(en.contains("Security in the region today") && en.contains("The editor's English text."), "{en}");
    assert!(common::read(root, "content/radar/al.yaml").contains("legal-framework: 4.5"));
    let tracker = common::read(root, "content/trackers/berlin-2022-security.yaml");
    assert!(tracker.contains("  - date: 2024-10-15\n  - date: 2025-10-20\n"), "the new review, last: {tracker}");
    let al = tracker.split("\n      al:\n").nth(1).unwrap_or_default();
    assert!(al.trim_start().starts_with("\"2023\":\n          status: in-progress"), "the cell set: {al}");
    let check = Command::new(env!("CARGO_BIN_EXE_raport")).args(["check", "--root"]).arg(root).output();
    let check = check.unwrap_or_else(|e| panic!("raport check: {e}"));
    assert!(
        check.status.success(),
        "raport check after the editor's saves:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let public = root.join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_raport")).args(["build", "--root"]).arg(root).output();
    assert!(build.is_ok_and(|b| b.status.success()), "raport build after the editor's saves");
    let page = common::read(&public, "en/briefs/siguria-ne-rajon-sot/index.html");
    assert!(page.contains("Security in the region today") && page.contains("English text"), "the built brief");
    let radar = common::read(&public, "radar/al/index.html");
    assert!(radar.contains("4,5"), "the radar page shows the new score");
}

/// Search on the seven-language fixture in Chromium (`judges/scripts.mjs`):
/// a Latin query finds Cyrillic text and back, and a query without
/// diacritics finds text with them.
#[test]
#[ignore = "judge: needs chromium and npm ci in tests/judges; run with --ignored (docs/judges.md)"]
fn search_finds_either_script_from_either() {
    let sites = Sites::build();
    let (_, _, base) =
        sites.sites.iter().find(|(n, _, _)| n == "languages").unwrap_or_else(|| panic!("no languages site"));
    let job = serde_json::json!({
        "base": base,
        "queries": [
            // The Serbian (Cyrillic) index, searched in Latin, with and without diacritics.
            { "page": "search/", "query": "bezbednost", "expect": "briefs/bezbednost-u-regionu/" },
            { "page": "search/", "query": "korupcija", "expect": "briefs/bezbednost-u-regionu/" },
            // The Serbian Latin index, searched in Cyrillic.
            { "page": "sr-Latn/search/", "query": "безбедност", "expect": "sr-Latn/briefs/bezbednost-u-regionu/" },
            { "page": "sr-Latn/search/", "query": "najveci izazovi", "expect": "sr-Latn/briefs/bezbednost-u-regionu/" },
            // Macedonian in Latin; Bosnian without diacritics.
            { "page": "mk/search/", "query": "bezbednosta", "expect": "mk/briefs/bezbednosta-vo-regionot/" },
            { "page": "bs/search/", "query": "Causevic", "expect": "bs/briefs/sigurnost-u-regiji/" },
        ],
    });
    let out = node("scripts.mjs", &job, Duration::from_secs(300));
    let report: serde_json::Value = out
        .stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("scripts.mjs reported nothing:\n{}\n{}", out.stdout, out.stderr));
    keep("scripts", &format!("scripts: {report}"));
    assert_eq!(report["checked"], 6, "{report}");
}

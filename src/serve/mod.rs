//! `raport serve`: build in memory, serve on 127.0.0.1, rebuild on change,
//! reload the browser (SPEC §8).
//!
//! Three parts: [`http`] answers requests from the last good build,
//! [`watch`] turns file-system events into [`watch::Change`]s, and
//! [`reload`] holds the served state and streams reloads to browsers. The
//! site is planned with `base_url` set to the local address and the
//! live-reload client injected; a page is rendered when the browser asks
//! for it, so a rebuild waits only for loading and transforming.
//! The preview writes nothing to disk; the web editor at `/admin/` does,
//! through the local backend ([`api`]), inside `content/` and site.yaml
//! only. A pool of workers answers requests, so one client that stops
//! reading holds up only its worker; only GET and HEAD (and the editor's
//! POST to [`api::PATH`]), and only for a loopback `Host` with the port,
//! are answered.

pub(crate) mod api;
pub mod http;
pub mod reload;
pub(crate) mod watch;

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use std::collections::BTreeMap;

use crate::render::{Body, Plan};
use crate::{BuildOptions, Error};
use http::Lookup;
use reload::Shared;

/// The port `serve` tries first.
pub(crate) const DEFAULT_PORT: u16 = 1111;
/// How many ports after the default are tried when it is taken.
const PORT_TRIES: u16 = 20;
/// How many requests are answered at once (live-reload streams do not count).
const WORKERS: usize = 16;

/// A good build as served: its plan, and what each path is.
pub struct Served {
    plan: Plan,
    index: BTreeMap<String, Entry>,
    /// The error overlay's words, in the site's default language.
    words: http::OverlayWords,
}

/// What a path of a [`Served`] build is.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// A page, by index in the plan.
    Page(usize),
    /// Another file, by index in the plan.
    File(usize),
}

impl Served {
    /// Serves `plan`.
    pub fn new(plan: Plan) -> Served {
        let mut index: BTreeMap<String, Entry> =
            plan.files.iter().enumerate().map(|(i, f)| (f.path.clone(), Entry::File(i))).collect();
        index.extend(plan.page_paths.iter().enumerate().map(|(i, p)| (p.clone(), Entry::Page(i))));
        let lang = plan.env.default_lang();
        let words = http::OverlayWords::from_locale(lang, plan.env.locale(lang));
        Served { plan, index, words }
    }

    /// The bytes at `e`: a page is rendered now (unminified); a template
    /// error is returned as the report to show.
    fn bytes(&self, e: Entry) -> Result<Vec<u8>, String> {
        match e {
            // A template error renders as the diagnostics it holds.
            Entry::Page(i) => self.plan.render_page(i, false).map_err(|e| e.to_string()),
            Entry::File(i) => match self.plan.files.get(i) {
                Some(f) => Ok(self.plan.file_bytes(f).map_err(|e| e.to_string())?.unwrap_or_else(|| read(&f.body))),
                None => Err(Error::Internal(format!("file {i} is not in the plan")).to_string()),
            },
        }
    }

    /// A file copied from disk, opened now (so edits to static files show
    /// without a rebuild), with its length; `None` for other entries.
    fn copied(&self, e: Entry) -> Option<std::io::Result<(std::fs::File, usize)>> {
        let Entry::File(i) = e else { return None };
        let Body::Copy(path) = &self.plan.files.get(i)?.body else { return None };
        Some(std::fs::File::open(path).and_then(|f| {
            let len = f.metadata()?.len();
            Ok((f, usize::try_from(len).unwrap_or(usize::MAX)))
        }))
    }

    /// Number of HTML pages.
    pub fn pages(&self) -> usize {
        self.plan.html_count()
    }
}

/// Options of the preview server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The port asked for; `None` means the default or, if taken, the next
    /// free one. `Some(0)` lets the system choose.
    pub port: Option<u16>,
    /// Include drafts.
    pub drafts: bool,
}

/// Builds the site, serves it and rebuilds on every change, until the
/// process is stopped. Fails only on setup errors (port taken, no site).
pub fn serve(opts: &ServeOptions) -> Result<(), Error> {
    let root = crate::io(&opts.root, opts.root.canonicalize())?;
    if !root.join("site.yaml").is_file() {
        // The same message build and check give.
        crate::content::load_config(&root, &mut crate::diag::Diagnostics::new())?;
    }
    let listener = bind(opts.port)?;
    let addr = crate::io(&root, listener.local_addr())?;
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Error::Usage(format!("cannot serve on {addr}: {e}")))?;

    let mut build = BuildOptions::new(&root);
    build.base_url = Some(format!("http://{addr}/"));
    build.drafts = opts.drafts;
    build.live_reload = true;
    let site = Arc::new(Site { root: root.clone(), build: build.clone() });
    let shared = Shared::new();
    let fallback = Arc::new(fallback_words(&root));
    let cache = crate::cache::Cache::new();
    rebuild(&build, &shared, &cache, "");
    let mut watcher = watch::Watcher::new(&root)?;
    say(&format!("serving {} at http://{addr}/ (Ctrl+C to stop)", root.display()));

    let for_watcher = Arc::clone(&shared);
    std::thread::spawn(move || {
        while let Some(changes) = watcher.next_changes() {
            if !changes.iter().all(watch::Change::keeps_cache) {
                // The cache's keys do not cover it (crate::cache).
                cache.clear();
            }
            let names: Vec<String> = changes.iter().map(ToString::to_string).collect();
            rebuild(&build, &for_watcher, &cache, &names.join(", "));
        }
    });
    // A pool of workers: a client that stops reading holds up one of them,
    // never the others.
    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared, site, fallback) =
                (Arc::clone(&server), Arc::clone(&shared), Arc::clone(&site), Arc::clone(&fallback));
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    // A panic answering one request must not shrink the pool.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        answer(req, &shared, &site, addr, &fallback)
                    }));
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

/// Binds 127.0.0.1 on the port asked for, or on the first free one from the default.
fn bind(port: Option<u16>) -> Result<TcpListener, Error> {
    let local = |p: u16| TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, p)));
    match port {
        Some(p) => local(p).map_err(|e| {
            Error::Usage(format!(
                "cannot serve on 127.0.0.1:{p}: {e}; pass another --port (or --port 0 for any free one)"
            ))
        }),
        None => (DEFAULT_PORT..DEFAULT_PORT + PORT_TRIES).find_map(|p| local(p).ok()).ok_or_else(|| {
            Error::Usage(format!("ports {DEFAULT_PORT}-{} are all taken; pass --port N", DEFAULT_PORT + PORT_TRIES - 1))
        }),
    }
}

/// Plans the site and publishes the result (or the errors), printing a line.
fn rebuild(opts: &BuildOptions, shared: &Shared<Served>, cache: &crate::cache::Cache, cause: &str) {
    let start = Instant::now();
    let prefix = if cause.is_empty() { String::new() } else { format!("{cause} changed: ") };
    match crate::plan_cached(opts, Some(cache)) {
        Ok((plan, warnings)) => {
            if !warnings.is_empty() {
                let _ = write!(std::io::stderr(), "{}", warnings.render_human_brief(false));
            }
            let served = Served::new(plan);
            let pages = served.pages();
            shared.publish(served);
            say(&format!("{prefix}built {pages} pages in {} ms", start.elapsed().as_millis()));
        }
        Err(e) => {
            let report = match &e {
                Error::Content(d) => d.render_human(),
                other => format!("{other}\n"),
            };
            let _ = write!(std::io::stderr(), "{report}");
            say(&format!("{prefix}build failed; still serving the last good site"));
            shared.fail(report);
        }
    }
}

/// Prints a status line; a closed terminal must not stop the server.
fn say(line: &str) {
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// The site served, for the editor's backend.
struct Site {
    /// The site folder, canonical.
    root: PathBuf,
    /// How the preview builds it (also how a save is checked).
    build: BuildOptions,
}

/// The value of a request's header `name`.
fn header_value<'r>(req: &'r tiny_http::Request, name: &'static str) -> Option<&'r str> {
    req.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str())
}

/// Answers a request to the editor's local backend.
fn answer_api(mut req: tiny_http::Request, site: &Site, addr: SocketAddr) {
    let method = req.method().to_string();
    let gate = api::Request {
        method: &method,
        host: header_value(&req, "Host"),
        origin: header_value(&req, "Origin"),
        fetch_site: header_value(&req, "Sec-Fetch-Site"),
        content_type: header_value(&req, "Content-Type"),
    };
    let answer = match api::allowed(&gate, addr.port()) {
        Some(refused) => refused,
        None => match api::read_body(req.as_reader()) {
            Err(a) => a,
            Ok(body) => {
                let check = |_: &[String]| check_saved(&site.build);
                api::Backend { root: &site.root, check: &check }.run(&body)
            }
        },
    };
    if answer.status != 200 {
        say(&format!("editor: {} {}", answer.status, answer.body["error"].as_str().unwrap_or("")));
    }
    let body = serde_json::to_vec(&answer.body).unwrap_or_default();
    http::respond(req, answer.status, "application/json", body, None);
}

/// raport's errors after the editor saved: `None` when the site reads
/// well, else the errors of the whole site (what was saved, and what it
/// broke elsewhere).
fn check_saved(opts: &BuildOptions) -> Option<String> {
    match crate::plan_cached(opts, None) {
        Ok(_) => None,
        Err(Error::Content(d)) => Some(d.render_errors()),
        Err(e) => Some(format!("{e}\n")),
    }
}

/// The error overlay's words before any build has succeeded: the default
/// theme's, in the default language of site.yaml when it can be read (else
/// in the default language of every raport site, Albanian).
fn fallback_words(root: &std::path::Path) -> http::OverlayWords {
    let mut diags = crate::diag::Diagnostics::new();
    let config = crate::content::load_config(root, &mut diags).ok().flatten();
    let lang = config.as_ref().map_or("sq", |c| c.languages.default_lang()).to_string();
    let mut locale = |lang: &str| {
        let file = crate::render::theme::Theme::default_i18n(lang)?.text(&mut diags).ok().flatten()?;
        crate::i18n::Locale::parse(lang, &file, &mut diags)
    };
    match locale(&lang) {
        Some(l) => http::OverlayWords::from_locale(&lang, &l),
        None => locale("en").map_or_else(
            || http::OverlayWords {
                lang: "en".into(),
                lead: "The site has errors.".into(),
                hide: "Hide".into(),
                title: "raport: errors".into(),
            },
            |l| http::OverlayWords::from_locale("en", &l),
        ),
    }
}

/// Answers one request from the current state; `fallback` are the overlay's
/// words while no build has succeeded.
fn answer(
    req: tiny_http::Request,
    shared: &Arc<Shared<Served>>,
    site: &Site,
    addr: SocketAddr,
    fallback: &http::OverlayWords,
) {
    let text = "text/plain; charset=utf-8";
    if http::file_key(req.url()).as_deref() == Some(api::PATH) {
        return answer_api(req, site, addr);
    }
    if !http::method_allowed(req.method()) {
        let allow = http::header("Allow", "GET, HEAD");
        return http::respond(req, 405, text, b"the preview answers GET and HEAD only\n".to_vec(), allow);
    }
    let host = req.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
    if !http::host_allowed(host.as_deref(), addr.port()) {
        let body = format!("this preview answers at http://{addr}/ (or http://localhost:{}/) only\n", addr.port());
        return http::respond(req, 421, text, body.into_bytes(), None);
    }
    let Some(key) = http::file_key(req.url()) else {
        return http::respond(req, 400, "text/plain; charset=utf-8", b"bad request path\n".to_vec(), None);
    };
    if key == EDITOR_CONFIG {
        return answer_editor_config(req, shared, host.as_deref(), addr);
    }
    if key == http::EVENTS {
        let shared = Arc::clone(shared);
        let out = req.into_writer();
        std::thread::spawn(move || reload::stream_events(&shared, out, Duration::from_secs(15)));
        return;
    }
    if key == http::LIVE_JS {
        return http::respond(req, 200, http::content_type(&key), http::LIVE_JS_SOURCE.as_bytes().to_vec(), None);
    }
    if key == http::OVERLAY_CSS {
        return http::respond(req, 200, http::content_type(&key), http::OVERLAY_CSS_SOURCE.as_bytes().to_vec(), None);
    }
    let (served, mut errors, _) = shared.snapshot();
    let Some(served) = served else {
        let report = errors.unwrap_or_default();
        return http::respond(req, 500, "text/html; charset=utf-8", http::error_page(&report, fallback), None);
    };
    let (status, ctype, found) = match http::lookup(&served.index, &key) {
        Lookup::Found(k, e) => {
            let ctype = http::content_type(k);
            match served.copied(*e) {
                // A file copied from disk, sent as it is read.
                Some(Ok((file, len))) if errors.is_none() || !ctype.starts_with("text/html") => {
                    return http::respond_with(req, 200, ctype, file, len, None);
                }
                // Gone since the last good build (a file deleted while the site has an error).
                Some(Err(_)) => not_found(&served),
                _ => (200, ctype, served.bytes(*e)),
            }
        }
        Lookup::Redirect(to) => {
            return http::respond(req, 301, "text/plain; charset=utf-8", Vec::new(), http::header("Location", &to));
        }
        Lookup::NotFound => not_found(&served),
    };
    let body = match found {
        Ok(b) => b,
        Err(report) => {
            // A template error shows on the page that has it.
            let shown = errors.take().map_or(report.clone(), |e| format!("{e}{report}"));
            return http::respond(req, 500, "text/html; charset=utf-8", http::error_page(&shown, &served.words), None);
        }
    };
    let body = match errors {
        Some(report) if ctype.starts_with("text/html") => {
            http::with_overlay(&body, &http::overlay(&report, &served.words))
        }
        _ => body,
    };
    http::respond(req, status, ctype, body, None);
}

/// Where the editor reads its configuration.
const EDITOR_CONFIG: &str = "admin/config.yml";

/// The editor's configuration with the local backend at the address the
/// browser uses (`localhost` or `127.0.0.1`).
fn answer_editor_config(req: tiny_http::Request, shared: &Shared<Served>, host: Option<&str>, addr: SocketAddr) {
    let (served, _, _) = shared.snapshot();
    let Some(served) = served else {
        return http::respond(
            req,
            503,
            "text/plain; charset=utf-8",
            b"the site has errors; see the terminal\n".to_vec(),
            None,
        );
    };
    let host = host.map_or_else(|| addr.to_string(), str::to_string);
    let env = &served.plan.env;
    let repo = crate::render::admin::repo(&env.site.config);
    let backend = crate::render::admin::Backend::Local(format!("http://{host}/{}", api::PATH), repo);
    let mut yaml = String::from(crate::render::admin::HEADER);
    yaml.push_str(&crate::render::admin::config(env, &backend).to_yaml());
    http::respond(req, 200, "text/yaml; charset=utf-8", yaml.into_bytes(), None);
}

/// The answer for a path the site does not have: 404, with the site's 404 page if any.
fn not_found(served: &Served) -> (u16, &'static str, Result<Vec<u8>, String>) {
    let page = served.index.get("404.html");
    (404, "text/html; charset=utf-8", page.map_or_else(|| Ok(b"not found\n".to_vec()), |e| served.bytes(*e)))
}

/// The bytes of a built file; a copied file is read now, so edits to
/// static files show without a rebuild.
fn read(body: &Body) -> Vec<u8> {
    match body {
        Body::Bytes(b) => b.clone(),
        Body::Static(b) => b.to_vec(),
        Body::Copy(p) => std::fs::read(p).unwrap_or_default(),
        Body::Derived(_) => Vec::new(),
    }
}

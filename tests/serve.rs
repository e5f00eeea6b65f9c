//! `raport serve` end to end: the binary serves a fixture site on a free
//! port, an edit reaches the browser as a reload event and new content, an
//! error shows as an overlay over the last good site, and the fix clears it.
//! Every wait is bounded; the server is killed when the test ends.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::*;

const WAIT: Duration = Duration::from_secs(30);

/// The server process; killed on drop, even when an assertion fails.
struct Server {
    child: Child,
    port: u16,
    /// Keeps the stdout reader alive, so the server's pipe stays open.
    log: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_raport"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn raport serve: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut server = Server { child, port: 0, log: rx };
    let deadline = Instant::now() + WAIT;
    while server.port == 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = server.log.recv_timeout(left).unwrap_or_else(|e| panic!("serve did not start: {e}"));
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            server.port = rest.split('/').next().and_then(|p| p.parse().ok()).unwrap_or(0);
        }
    }
    server
}

/// One HTTP GET: status and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("connect: {e}"));
    s.set_read_timeout(Some(WAIT)).unwrap_or_else(|e| panic!("{e}"));
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap_or_else(|e| panic!("send: {e}"));
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// Listens to `/__raport/events`; yields each `data:` value.
fn events(port: u16) -> Receiver<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("connect: {e}"));
    write!(s, "GET /__raport/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if let Some(d) = line.strip_prefix("data: ")
                && tx.send(d.to_string()).is_err()
            {
                break;
            }
        }
    });
    rx
}

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap_or_else(|e| panic!("{e}"));
}

/// Waits for the next reload event; returns how long it took.
fn next_reload(rx: &Receiver<String>) -> Duration {
    let start = Instant::now();
    rx.recv_timeout(WAIT).unwrap_or_else(|e| panic!("no reload event: {e}"));
    start.elapsed()
}

#[test]
fn serve_reloads_on_edit_overlays_errors_and_recovers() {
    let (_tmp, root) = site("basic");
    let server = start(&root);
    let (status, home) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("<script src=\"/__raport/live.js\"></script>"), "{home}");
    assert!(get(server.port, "/__raport/live.js").1.contains("EventSource"));

    let reloads = events(server.port);
    reloads.recv_timeout(WAIT).unwrap_or_else(|e| panic!("no first event: {e}"));
    let brief = root.join("content/briefs/alpha.sq.md");

    edit(&brief, "---\n\n", "---\n\nFjali e re nga testi.\n\n");
    let took = next_reload(&reloads);
    eprintln!("edit -> reload event: {} ms", took.as_millis());
    let (_, page) = get(server.port, "/briefs/alpha/");
    assert!(page.contains("Fjali e re nga testi."), "{page}");

    edit(&brief, "countries: [xk, al]", "countries: [xk, al, \"<kv>\"]");
    next_reload(&reloads);
    let (status, page) = get(server.port, "/briefs/alpha/");
    assert_eq!(status, 200, "the last good site stays served");
    assert!(page.contains("Fjali e re nga testi."), "{page}");
    assert!(page.contains("id=\"raport-error\""), "{page}");
    assert!(page.contains("content/briefs/alpha.sq.md:5:"), "{page}");
    assert!(page.contains("unknown country code `&lt;kv&gt;`"), "{page}");
    // The overlay speaks the site's default language (#25: it was English only).
    assert!(page.contains("<div id=\"raport-error\" role=\"alert\" lang=\"sq\"><p>Faqja ka gabime."), "{page}");
    assert!(page.contains(">Fshihe</button>") && !page.contains("The site has errors"), "{page}");
    assert!(get(server.port, "/en/").1.contains("id=\"raport-error\""), "every page shows the error");
    let (status, css) = get(server.port, "/__raport/overlay.css");
    assert_eq!(status, 200);
    assert!(css.contains("#raport-error {"), "the overlay's look is a stylesheet: {css}");

    edit(&brief, "countries: [xk, al, \"<kv>\"]", "countries: [xk, al]");
    next_reload(&reloads);
    let (_, page) = get(server.port, "/briefs/alpha/");
    assert!(!page.contains("raport-error"), "{page}");
    assert!(page.contains("Fjali e re nga testi."), "{page}");
}

#[test]
fn serve_answers_404_redirects_folders_and_refuses_traversal() {
    let (_tmp, root) = site("basic");
    let server = start(&root);
    let (status, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<main"), "the site's 404 page: {body}");
    assert_eq!(get(server.port, "/briefs").0, 301);
    assert_eq!(get(server.port, "/../site.yaml").0, 400);
    assert_eq!(get(server.port, "/%2e%2e/site.yaml").0, 400);
}

#[test]
fn serve_on_a_taken_port_is_a_usage_error() {
    let (tmp, root) = site("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let port = taken.local_addr().map(|a| a.port()).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["serve", "--root", root.to_str().unwrap_or(""), "--port", &port.to_string()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("cannot serve on 127.0.0.1:{port}")), "{}", r.stderr);
}

#[test]
fn serve_without_a_good_build_shows_the_errors_then_the_site() {
    let (_tmp, root) = site("basic");
    let config = root.join("site.yaml");
    edit(&config, "briefs_per_page: 2", "briefs_per_page: 0");
    let server = start(&root);
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 500);
    assert!(page.contains("site.yaml:5:18: error: `briefs_per_page` must be at least 1"), "{page}");
    assert!(page.contains("/__raport/live.js"), "the error page reloads itself: {page}");
    assert!(page.contains("<html lang=\"sq\">") && page.contains("<title>raport: gabime</title>"), "{page}");
    let reloads = events(server.port);
    reloads.recv_timeout(WAIT).unwrap_or_else(|e| panic!("no first event: {e}"));
    edit(&config, "briefs_per_page: 0", "briefs_per_page: 2");
    next_reload(&reloads);
    let (status, page) = get(server.port, "/");
    assert_eq!(status, 200);
    assert!(!page.contains("raport-error"), "{page}");
}

/// Plans `root` as `serve` does after an edit, with its cache; the alpha page
/// rendered, or the error report.
fn replan(root: &std::path::Path, cache: &raport::cache::Cache) -> Result<String, String> {
    let mut opts = raport::BuildOptions::new(root);
    opts.live_reload = true;
    let (plan, _) = raport::plan_cached(&opts, Some(cache)).map_err(|e| e.to_string())?;
    let i =
        plan.pages.iter().position(|p| p.key == "briefs:alpha" && p.lang == "sq").unwrap_or_else(|| panic!("no alpha"));
    plan.render_page(i, false).map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| e.to_string())
}

#[test]
fn a_page_not_in_the_plan_is_an_internal_error_not_an_empty_page() {
    let (_tmp, root) = site("basic");
    let (plan, _) = raport::plan(&raport::BuildOptions::new(&root)).unwrap_or_else(|e| panic!("{e}"));
    match plan.render_page(plan.pages.len(), false) {
        Err(e @ raport::Error::Internal(_)) => {
            assert!(e.to_string().contains("is not in the plan"), "{e}");
            assert_eq!(e.exit_code(), 3);
        }
        other => panic!("expected an internal error, got {other:?}"),
    }
}

#[test]
fn the_serve_cache_follows_edits_and_renames() {
    let (_tmp, root) = site("basic");
    let cache = raport::cache::Cache::new();
    let first = replan(&root, &cache).unwrap_or_else(|e| panic!("{e}"));
    assert!(first.contains("Paragrafi i parë"), "{first}");
    assert!(!cache.is_empty());

    // An edit to the brief shows at once, and the other documents come from the cache.
    let alpha = root.join("content/briefs/alpha.sq.md");
    let text = std::fs::read_to_string(&alpha).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&alpha, text.replace("Paragrafi i parë", "Paragrafi i ndryshuar")).unwrap_or_else(|e| panic!("{e}"));
    let second = replan(&root, &cache).unwrap_or_else(|e| panic!("{e}"));
    assert!(second.contains("Paragrafi i ndryshuar") && !second.contains("Paragrafi i parë"), "{second}");

    // Removing the brief alpha links to changes the link table: alpha's
    // cached body must not keep the dead link.
    let beta = root.join("content/briefs/beta.sq.md");
    let beta_text = std::fs::read_to_string(&beta).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(&beta).unwrap_or_else(|e| panic!("{e}"));
    let err = replan(&root, &cache).err().unwrap_or_default();
    assert!(err.contains("alpha.sq.md") && err.contains("@/briefs/beta.md"), "{err}");

    // The same answers as a plan without a cache, once beta is back.
    std::fs::write(&beta, beta_text).unwrap_or_else(|e| panic!("{e}"));
    let cached = replan(&root, &cache).unwrap_or_else(|e| panic!("{e}"));
    let fresh = replan(&root, &raport::cache::Cache::new()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cached, fresh);
}

#[test]
fn a_template_error_shows_on_the_page_that_has_it() {
    let (_tmp, root) = site("basic");
    let dir = root.join("themes/custom/templates");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let brief = dir.join("brief.html");
    std::fs::write(&brief, "{% extends \"base.html\" %}{% block content %}{{ doc.nope.deeper }}{% endblock content %}")
        .unwrap_or_else(|e| panic!("{e}"));
    edit(&root.join("site.yaml"), "minify: false", "minify: false\ntheme: custom");
    let server = start(&root);
    let (status, page) = get(server.port, "/briefs/alpha/");
    assert_eq!(status, 500, "{page}");
    assert!(page.contains("themes/custom/templates/brief.html"), "{page}");
    assert_eq!(get(server.port, "/en/").0, 200, "other pages are served");

    let reloads = events(server.port);
    reloads.recv_timeout(WAIT).unwrap_or_else(|e| panic!("no first event: {e}"));
    std::fs::write(
        &brief,
        "{% extends \"base.html\" %}{% block content %}{{ doc.content | safe }}{% endblock content %}",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    next_reload(&reloads);
    let (status, page) = get(server.port, "/briefs/alpha/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Paragrafi i parë"), "{page}");
}

/// One raw request: the status line and headers, and the body.
fn request(port: u16, raw: &str) -> (String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("connect: {e}"));
    s.set_read_timeout(Some(WAIT)).unwrap_or_else(|e| panic!("{e}"));
    s.write_all(raw.as_bytes()).unwrap_or_else(|e| panic!("send: {e}"));
    let mut got = Vec::new();
    s.read_to_end(&mut got).unwrap_or_else(|e| panic!("read: {e}"));
    let text = String::from_utf8_lossy(&got).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (head.to_string(), body.to_string())
}

#[test]
fn serve_answers_get_and_head_only() {
    let (_tmp, root) = site("basic");
    let server = start(&root);
    let port = server.port;
    for method in ["POST", "DELETE", "PUT", "OPTIONS"] {
        let (head, _) =
            request(port, &format!("{method} / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n"));
        assert!(head.split(' ').nth(1) == Some("405"), "{method}: {head}");
        assert!(head.to_ascii_lowercase().contains("\r\nallow: get, head"), "{method}: {head}");
    }
    let (head, body) = request(port, &format!("HEAD / HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
    assert!(head.split(' ').nth(1) == Some("200"), "{head}");
    assert!(body.is_empty(), "HEAD has no body: {body}");
}

#[test]
fn serve_refuses_hosts_other_than_its_own_address() {
    let (_tmp, root) = site("basic");
    let server = start(&root);
    let port = server.port;
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")] {
        let (head, _) = request(port, &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert!(head.starts_with("HTTP/1.1 200 "), "{host}: {head}");
    }
    let other = port.wrapping_add(1);
    for host in [format!("evil.example:{port}"), format!("127.0.0.1:{other}"), "127.0.0.1".to_string()] {
        for path in ["/", "/__raport/events", "/__raport/live.js"] {
            let (head, _) = request(port, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
            assert!(head.starts_with("HTTP/1.1 421 "), "{host} {path}: {head}");
        }
    }
}

#[test]
fn a_client_that_stops_reading_does_not_hold_up_others() {
    let (_tmp, root) = site("basic");
    // Far more than the socket buffers hold, so the answer to the stalled client cannot finish.
    let big = vec![b'x'; 48 << 20];
    std::fs::write(root.join("content/static/big.bin"), &big).unwrap_or_else(|e| panic!("{e}"));
    let server = start(&root);
    let port = server.port;
    let mut stalled = Vec::new();
    for _ in 0..3 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("connect: {e}"));
        // HTTP/1.0: the length is announced, not chunked.
        write!(s, "GET /big.bin HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap_or_else(|e| panic!("{e}"));
        stalled.push(s);
    }
    std::thread::sleep(Duration::from_millis(500));
    let start = Instant::now();
    let (status, page) = get(port, "/briefs/alpha/");
    assert_eq!(status, 200);
    assert!(page.contains("Paragrafi i parë"), "{page}");
    assert!(start.elapsed() < Duration::from_secs(10), "answered after {:?}", start.elapsed());
    // The stalled answer is the file, streamed whole once read.
    let mut first = stalled.swap_remove(0);
    first.set_read_timeout(Some(WAIT)).unwrap_or_else(|e| panic!("{e}"));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        first.read_exact(&mut byte).unwrap_or_else(|e| panic!("{e}"));
        head.push(byte[0]);
    }
    assert!(String::from_utf8_lossy(&head).contains(&format!("Content-Length: {}", big.len())));
    let mut body = vec![0u8; big.len()];
    first.read_exact(&mut body).unwrap_or_else(|e| panic!("{e}"));
    assert!(body == big);
}

#[test]
fn a_missing_file_is_404_even_while_the_site_has_an_error() {
    let (_tmp, root) = site("basic");
    let file = root.join("content/static/notes.txt");
    std::fs::write(&file, "notes").unwrap_or_else(|e| panic!("{e}"));
    let server = start(&root);
    assert_eq!(get(server.port, "/notes.txt"), (200, "notes".to_string()));
    assert_eq!(get(server.port, "/no-such-file.txt").0, 404);
    let reloads = events(server.port);
    reloads.recv_timeout(WAIT).unwrap_or_else(|e| panic!("no first event: {e}"));
    edit(&root.join("content/briefs/alpha.sq.md"), "countries: [xk, al]", "countries: [xk, al, kv]");
    next_reload(&reloads);
    std::fs::remove_file(&file).unwrap_or_else(|e| panic!("{e}"));
    next_reload(&reloads);
    let (status, body) = get(server.port, "/notes.txt");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("<main"), "the site's 404 page: {body}");
}

/// A POST of `json` to the editor's local backend, with extra header lines.
fn api(port: u16, headers: &str, json: &str) -> (u16, serde_json::Value) {
    let raw = format!(
        "POST /api/v1 HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n{json}",
        json.len()
    );
    let (head, body) = request(port, &raw);
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, serde_json::from_str(&body).unwrap_or(serde_json::Value::Null))
}

/// A save of one file through the editor's protocol.
fn persist(path: &str, raw: &str) -> String {
    serde_json::json!({
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{"slug": "x", "path": path, "raw": raw}],
            "assets": [],
            "options": {"commitMessage": "save", "useWorkflow": false, "status": "draft"},
        },
    })
    .to_string()
}

/// Every file under `root`, with its bytes.
fn snapshot(root: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    v.sort();
    v
}

#[test]
fn the_editors_backend_refuses_hostile_writes_and_writes_nothing() {
    let (tmp, root) = site("basic");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, root.join("content/out")).unwrap_or_else(|e| panic!("{e}"));
    let server = start(&root);
    let port = server.port;
    let before = snapshot(tmp.path());
    let brief = "---\ntitle: X\ndate: 2024-01-01\n---\nText.\n";
    let hostile: Vec<(&str, String, String)> = vec![
        ("another origin", "Origin: https://evil.example\r\n".into(), persist("content/briefs/x.sq.md", brief)),
        ("another site's fetch", "Sec-Fetch-Site: cross-site\r\n".into(), persist("content/briefs/x.sq.md", brief)),
        ("`..`", String::new(), persist("content/../x.sq.md", brief)),
        ("`..` out of the site", String::new(), persist("../outside/x.md", brief)),
        ("an absolute path", String::new(), persist(&outside.join("x.md").to_string_lossy(), brief)),
        ("outside content/", String::new(), persist("themes/x.html", brief)),
        ("a hidden file", String::new(), persist("content/.git/config", brief)),
        ("a symbolic link out", String::new(), persist("content/out/x.md", brief)),
        (
            "a media file out",
            String::new(),
            serde_json::json!({"action": "persistMedia", "params": {"branch": "main",
            "asset": {"path": "../x.png", "content": "aGk=", "encoding": "base64"}, "options": {"commitMessage": "m"}}})
            .to_string(),
        ),
        (
            "deleting outside",
            String::new(),
            serde_json::json!({"action": "deleteFile", "params": {"branch": "main",
            "path": "../outside/keep.txt", "options": {"commitMessage": "m"}}})
            .to_string(),
        ),
        (
            "deleting site.yaml",
            String::new(),
            serde_json::json!({"action": "deleteFiles", "params": {"branch": "main",
            "paths": ["site.yaml"], "options": {"commitMessage": "m"}}})
            .to_string(),
        ),
        (
            "reading outside",
            String::new(),
            serde_json::json!({"action": "getEntry", "params": {"branch": "main",
            "path": "../../etc/passwd"}})
            .to_string(),
        ),
    ];
    for (what, headers, json) in &hostile {
        let (status, body) = api(port, headers, json);
        assert_eq!(status, 403, "{what}: {body}");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{what}: {body}");
    }
    // Another Host (DNS rebinding) and a form post are refused too.
    let json = persist("content/briefs/x.sq.md", brief);
    let raw = format!(
        "POST /api/v1 HTTP/1.0\r\nHost: evil.example:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
        json.len()
    );
    assert!(request(port, &raw).0.contains(" 403 "), "another Host");
    let raw = format!(
        "POST /api/v1 HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{json}",
        json.len()
    );
    assert!(request(port, &raw).0.contains(" 415 "), "a form post");
    assert_eq!(snapshot(tmp.path()), before, "a refused request wrote or deleted a file");
}

#[test]
fn the_editors_backend_saves_atomically_and_answers_with_raports_diagnostics() {
    let (_tmp, root) = site("basic");
    let server = start(&root);
    let port = server.port;
    let origin = format!("Origin: http://127.0.0.1:{port}\r\n");
    let (status, body) = api(port, &origin, r#"{"action":"info"}"#);
    assert_eq!((status, body["type"].as_str()), (200, Some("local_fs")), "{body}");

    // A good save: written, and listed back.
    let good = "---\ntitle: \"Nga redaktori\"\ndate: 2024-05-06\n---\nTeksti.\n";
    let (status, body) = api(port, &origin, &persist("content/briefs/nga-redaktori.sq.md", good));
    assert_eq!(status, 200, "{body}");
    assert_eq!(read(&root, "content/briefs/nga-redaktori.sq.md"), good);
    let list = r#"{"action":"entriesByFolder","params":{"branch":"main","folder":"content/briefs","extension":"md","depth":1}}"#;
    let (_, entries) = api(port, &origin, list);
    let paths: Vec<&str> =
        entries.as_array().into_iter().flatten().filter_map(|e| e["file"]["path"].as_str()).collect();
    assert!(paths.contains(&"content/briefs/nga-redaktori.sq.md"), "{paths:?}");
    let leftovers: Vec<_> = std::fs::read_dir(root.join("content/briefs"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // A save raport cannot read: kept on disk, answered with the diagnostic.
    let bad = "---\ntitle: \"Pa datë\"\ndate: 14/10/2023\n---\nTeksti.\n";
    let (status, body) = api(port, &origin, &persist("content/briefs/pa-date.sq.md", bad));
    assert_eq!(status, 422, "{body}");
    let error = body["error"].as_str().unwrap_or_default();
    assert!(error.contains("content/briefs/pa-date.sq.md:3:7"), "{error}");
    assert!(error.contains("2023-10-14"), "the date error suggests a date: {error}");
    assert_eq!(read(&root, "content/briefs/pa-date.sq.md"), bad, "the file is saved all the same");
}

#[test]
fn serve_gives_the_editor_its_local_backend_at_the_address_the_browser_uses() {
    let (_tmp, root) = site("basic");
    let server = start(&root);
    let port = server.port;
    let (head, body) = request(port, &format!("GET /admin/config.yml HTTP/1.0\r\nHost: localhost:{port}\r\n\r\n"));
    assert!(head.contains(" 200 "), "{head}");
    assert!(body.contains(&format!("local_backend:\n  url: \"http://localhost:{port}/api/v1\"")), "{body}");
    let (status, page) = get(port, "/admin/");
    assert_eq!(status, 200);
    assert!(page.contains("decap-cms.js"), "{page}");
    assert!(!page.contains("__raport/live.js"), "the editor's page is not reloaded on every save");
}

#[test]
fn what_the_editor_writes_of_each_kind_raport_reads() {
    let (_tmp, root) = demo_copy();
    let server = start(&root);
    let port = server.port;
    let origin = format!("Origin: http://127.0.0.1:{port}\r\n");
    let saves = fixture("editor-saves");
    for (fixture, path) in [
        ("brief.sq.md", "content/briefs/siguria-ne-rajon-sot.sq.md"),
        ("brief.en.md", "content/briefs/siguria-ne-rajon-sot.en.md"),
        ("tracker.yaml", "content/trackers/berlin-2022-security.yaml"),
        ("radar-al.yaml", "content/radar/al.yaml"),
        ("site.yaml", "site.yaml"),
    ] {
        let raw = read(&saves, fixture);
        let (status, body) = api(port, &origin, &persist(path, &raw));
        assert_eq!(status, 200, "{fixture}: {body}");
        assert_eq!(read(&root, path), raw);
    }
    let r = raport(&root, &["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// The pages of a cached plan of `root` whose HTML contains `text`, as
/// `template key lang`, sorted.
fn pages_showing(root: &std::path::Path, cache: &raport::cache::Cache, text: &str) -> Vec<String> {
    let mut opts = raport::BuildOptions::new(root);
    opts.live_reload = true;
    let (plan, _) = raport::plan_cached(&opts, Some(cache)).unwrap_or_else(|e| panic!("{e}"));
    let mut out: Vec<String> = (0..plan.pages.len())
        .filter(|&i| {
            let html = plan.render_page(i, false).unwrap_or_else(|e| panic!("{e}"));
            String::from_utf8_lossy(&html).contains(text)
        })
        .map(|i| format!("{} {} {}", plan.pages[i].template, plan.pages[i].key, plan.pages[i].lang))
        .collect();
    out.sort();
    out
}

#[test]
fn a_tracker_edit_keeps_the_cache_and_shows_on_every_page_that_cites_it() {
    let (_tmp, root) = demo_copy();
    let cache = raport::cache::Cache::new();
    let old = "Full alignment with the EU Common Foreign and Security Policy";
    let new = "Full alignment with the EU foreign policy, as edited";
    let before = pages_showing(&root, &cache, old);
    for template in ["tracker.html", "brief.html", "country.html"] {
        assert!(before.iter().any(|p| p.starts_with(template)), "no {template} shows the recommendation: {before:?}");
    }
    edit(&root.join("content/trackers/berlin-2022-security.yaml"), old, new);
    // serve keeps its cache across a tracker edit (watch::Change::keeps_cache):
    // the documents and bodies come from it, the tracker is read again.
    let after = pages_showing(&root, &cache, new);
    assert_eq!(after, before, "the same pages show the edited title");
    assert!(pages_showing(&root, &cache, old).is_empty(), "no page keeps the old title");
    let fresh = pages_showing(&root, &raport::cache::Cache::new(), new);
    assert_eq!(after, fresh, "a cached plan shows what a fresh one does");
}

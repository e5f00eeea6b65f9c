//! A small static server for the judges: serves a built site under its
//! base_url sub-path on 127.0.0.1, the way GitHub Pages would (directories
//! get `index.html`, a directory without its trailing slash is redirected,
//! anything else is a 404 with the site's `404.html`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Response, Server};

/// A running server; stops when dropped.
pub(crate) struct StaticServer {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    /// Headers sent with every response, besides the usual ones.
    extra: Vec<(String, String)>,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
}

impl StaticServer {
    /// Binds a free port on 127.0.0.1; call [`StaticServer::serve`] once the
    /// site is built (its base_url needs the port).
    pub(crate) fn bind() -> StaticServer {
        let server = Server::http("127.0.0.1:0").unwrap_or_else(|e| panic!("bind 127.0.0.1:0: {e}"));
        let port = server.server_addr().to_ip().map_or(0, |a| a.port());
        StaticServer { server: Arc::new(server), thread: None, extra: Vec::new(), port }
    }

    /// Sends `name: value` with every response, the way a deployer's host
    /// would send a Content-Security-Policy; call before [`StaticServer::serve`].
    pub(crate) fn always_send(&mut self, name: &str, value: &str) {
        self.extra.push((name.to_string(), value.to_string()));
    }

    /// Serves `dir` at `base_path` (`/sub/path/`) in a background thread.
    pub(crate) fn serve(&mut self, dir: &Path, base_path: &str) {
        let server = Arc::clone(&self.server);
        let extra = self.extra.clone();
        let dir = dir.to_path_buf();
        let base_path = base_path.to_string();
        let (dir, base_path, extra) = (Arc::new(dir), Arc::new(base_path), Arc::new(extra));
        self.thread = Some(std::thread::spawn(move || {
            for req in server.incoming_requests() {
                // Each request in its own thread: a browser that stops
                // reading one response (a cancelled image) must not stall
                // every later request until the judge times out.
                let (dir, base_path, extra) = (Arc::clone(&dir), Arc::clone(&base_path), Arc::clone(&extra));
                std::thread::spawn(move || {
                    let (status, ctype, body, location) = respond(&dir, &base_path, req.url());
                    let mut res = Response::from_data(body)
                        .with_status_code(status)
                        .with_header(header("Content-Type", ctype))
                        .with_header(header("Cache-Control", "no-cache"));
                    if let Some(to) = location {
                        res = res.with_header(header("Location", &to));
                    }
                    for (name, value) in extra.iter() {
                        res = res.with_header(header(name, value));
                    }
                    // A browser that went away mid-response is not our problem.
                    let _ = req.respond(res);
                });
            }
        }));
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| panic!("bad header {name}: {value}"))
}

/// Status, content type, body and redirect target for a request URL.
fn respond(dir: &Path, base_path: &str, url: &str) -> (u16, &'static str, Vec<u8>, Option<String>) {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path);
    if let Some(file) = resolve(dir, base_path, &path) {
        if file.is_dir() {
            return (301, "text/plain", Vec::new(), Some(format!("{path}/")));
        }
        if let Ok(body) = std::fs::read(&file) {
            return (200, content_type(&file), body, None);
        }
    }
    let body = std::fs::read(dir.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
    (404, "text/html; charset=utf-8", body, None)
}

/// The file (or directory, for a missing trailing slash) a URL path maps to.
pub(crate) fn resolve(dir: &Path, base_path: &str, path: &str) -> Option<PathBuf> {
    let rel = path.strip_prefix(base_path).or_else(|| (format!("{path}/") == base_path).then_some(""))?;
    if rel.split('/').any(|seg| seg == ".." || seg == ".") || rel.contains('\\') {
        return None;
    }
    let mut file = dir.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        file.push("index.html");
    } else if file.is_dir() {
        return Some(file);
    }
    file.is_file().then_some(file)
}

/// Decodes `%XX` escapes (invalid UTF-8 is replaced, invalid escapes kept).
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

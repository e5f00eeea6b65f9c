//! HTTP for `raport serve`: request paths -> the site's files in memory.
//!
//! Pure functions (`file_key`, `lookup`, `content_type`, `with_overlay`,
//! `method_allowed`, `host_allowed`) decide what to answer; [`respond`] and
//! [`respond_with`] send it with tiny_http. A request
//! never reads outside the built site: paths are decoded, `..` is refused,
//! and only files the build produced are served.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Where the live-reload client is served.
pub(crate) const LIVE_JS: &str = "__raport/live.js";
/// Where the browser listens for reloads (Server-Sent Events).
pub(crate) const EVENTS: &str = "__raport/events";
/// The live-reload client.
pub(crate) const LIVE_JS_SOURCE: &str = include_str!("live.js");
/// Where the error overlay's stylesheet is served.
pub(crate) const OVERLAY_CSS: &str = "__raport/overlay.css";
/// The error overlay's stylesheet (no inline styles, which a strict CSP blocks).
pub(crate) const OVERLAY_CSS_SOURCE: &str = include_str!("overlay.css");

/// The file key (`briefs/x/index.html`) a URL asks for, or `None` when the
/// path is not one the site can have (`..`, a backslash, bad escapes).
pub(crate) fn file_key(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path)?;
    let path = path.strip_prefix('/').unwrap_or(&path);
    if path.contains(['\\', '\0']) || path.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    if path.is_empty() || path.ends_with('/') {
        return Some(format!("{path}index.html"));
    }
    Some(path.to_string())
}

/// `s` with its `%XX` escapes decoded; `None` when a `%` starts no escape
/// (`/%zz` is refused, not served as a file named `%zz`) or the bytes are
/// not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let escape = |i: usize| s.get(i + 1..i + 3).is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
    if !s.match_indices('%').all(|(i, _)| escape(i)) {
        return None;
    }
    percent_encoding::percent_decode_str(s).decode_utf8().ok().map(std::borrow::Cow::into_owned)
}

/// What to answer for a file key.
#[derive(Debug)]
pub(crate) enum Lookup<'a, T> {
    /// The file, with its key (for the content type).
    Found(&'a str, &'a T),
    /// A folder asked for without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing there: answer 404 (with the site's 404 page, if any).
    NotFound,
}

/// Finds `key` among the built files.
pub(crate) fn lookup<'a, T>(files: &'a BTreeMap<String, T>, key: &str) -> Lookup<'a, T> {
    if let Some((k, body)) = files.get_key_value(key) {
        return Lookup::Found(k, body);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        return Lookup::Redirect(format!("/{key}/"));
    }
    Lookup::NotFound
}

/// The Content-Type of a file, by extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// The words of the error overlay, in the site's default language (the
/// theme's `preview_*` strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayWords {
    /// The language code, for `lang=""`.
    pub lang: String,
    /// What the overlay says above the errors.
    pub lead: String,
    /// The label of the button that hides it.
    pub hide: String,
    /// The title of the page shown when no build has succeeded yet.
    pub title: String,
}

impl OverlayWords {
    /// The overlay's words from the UI strings of `lang`.
    pub fn from_locale(lang: &str, locale: &crate::i18n::Locale) -> OverlayWords {
        OverlayWords {
            lang: lang.to_string(),
            lead: locale.t("preview_errors"),
            hide: locale.t("preview_hide"),
            title: locale.t("preview_errors_title"),
        }
    }
}

/// The error overlay: the diagnostics as escaped text over the page, with
/// `words` around them. Its look is [`OVERLAY_CSS`] and its Hide button
/// works through the live-reload client, so that a page's strict CSP (no
/// inline styles or handlers) lets it show.
pub fn overlay(report: &str, words: &OverlayWords) -> String {
    let mut text = String::new();
    crate::markdown::escape_html(&mut text, report);
    let esc = |s: &str| {
        let mut out = String::new();
        crate::markdown::escape_html(&mut out, s);
        out
    };
    format!(
        "<link rel=\"stylesheet\" href=\"/{OVERLAY_CSS}\"><div id=\"raport-error\" role=\"alert\" lang=\"{}\">\
<p>{}</p><pre lang=\"en\">{text}</pre><button type=\"button\">{}</button></div>",
        esc(&words.lang),
        esc(&words.lead),
        esc(&words.hide)
    )
}

/// `html` with `extra` inserted before `</body>` (or appended).
pub(crate) fn with_overlay(html: &[u8], extra: &str) -> Vec<u8> {
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let (head, tail) = html.split_at(at);
    [head, extra.as_bytes(), tail].concat()
}

/// A page for when no build has succeeded yet: the errors and the client.
pub(crate) fn error_page(report: &str, words: &OverlayWords) -> Vec<u8> {
    let mut title = String::new();
    crate::markdown::escape_html(&mut title, &words.title);
    let mut lang = String::new();
    crate::markdown::escape_html(&mut lang, &words.lang);
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
<body>{}<script src=\"/{LIVE_JS}\"></script></body></html>",
        overlay(report, words)
    )
    .into_bytes()
}

/// Sends `body` with a status and content type; a client that went away is not an error.
pub fn respond(req: Request, status: u16, ctype: &str, body: Vec<u8>, extra: Option<Header>) {
    let len = body.len();
    respond_with(req, status, ctype, Cursor::new(body), len, extra);
}

/// Sends `len` bytes read from `body` as they are read, so that a large
/// file is never held in memory whole.
pub(crate) fn respond_with(req: Request, status: u16, ctype: &str, body: impl Read, len: usize, extra: Option<Header>) {
    let mut r = Response::new(StatusCode(status), Vec::new(), body, Some(len), None);
    for h in [header("Content-Type", ctype), header("Cache-Control", "no-store")]
        .into_iter()
        .chain(extra.map(Some))
        .flatten()
    {
        r.add_header(h);
    }
    let _ = req.respond(r);
}

/// True for the methods the preview answers: GET and HEAD.
pub(crate) fn method_allowed(method: &Method) -> bool {
    matches!(method, Method::Get | Method::Head)
}

/// True when a request's `Host` names the server at `port` by a loopback
/// name: `127.0.0.1`, `localhost` or `[::1]`, with the port. A page on
/// another site cannot read the preview by pointing its own name at
/// 127.0.0.1 (DNS rebinding): the browser sends that name. A request
/// without `Host` (HTTP/1.0 tools) comes from no browser and is answered.
pub(crate) fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return true };
    let Some((name, p)) = host.trim().rsplit_once(':') else { return false };
    p.parse::<u16>().is_ok_and(|p| p == port)
        && (name == "127.0.0.1" || name == "[::1]" || name.eq_ignore_ascii_case("localhost"))
}

/// A header; `None` only for values that are not valid header text.
pub fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Body;

    #[test]
    fn folders_map_to_index_html() {
        assert_eq!(file_key("/").as_deref(), Some("index.html"));
        assert_eq!(file_key("/en/briefs/?page=2").as_deref(), Some("en/briefs/index.html"));
        assert_eq!(file_key("/assets/style.css#x").as_deref(), Some("assets/style.css"));
        assert_eq!(file_key("/pdf/n%C3%AB%20a.pdf").as_deref(), Some("pdf/në a.pdf"));
    }

    #[test]
    fn traversal_and_bad_escapes_are_refused() {
        for url in ["/../etc/passwd", "/a/%2e%2e/b", "/a/..%2Fb", "/%zz", "/%", "/a\\b", "/%00"] {
            assert_eq!(file_key(url), None, "{url}");
        }
    }

    #[test]
    fn lookup_finds_redirects_and_falls_back_to_404() {
        let mut files = BTreeMap::new();
        files.insert("briefs/index.html".to_string(), Body::Bytes(b"list".to_vec()));
        files.insert("404.html".to_string(), Body::Bytes(b"nf".to_vec()));
        assert!(matches!(lookup(&files, "briefs/index.html"), Lookup::Found("briefs/index.html", _)));
        assert!(matches!(lookup(&files, "briefs"), Lookup::Redirect(to) if to == "/briefs/"));
        assert!(matches!(lookup(&files, "nope"), Lookup::NotFound));
    }

    #[test]
    fn only_loopback_names_with_the_port_are_hosts() {
        for host in ["127.0.0.1:1111", "localhost:1111", "LocalHost:1111", "[::1]:1111", " 127.0.0.1:1111 "] {
            assert!(host_allowed(Some(host), 1111), "{host}");
        }
        for host in ["evil.example:1111", "127.0.0.1", "127.0.0.1:1112", "localhost", "127.0.0.2:1111", "[::1]", ""] {
            assert!(!host_allowed(Some(host), 1111), "{host}");
        }
        assert!(host_allowed(None, 1111));
    }

    #[test]
    fn only_get_and_head_are_answered() {
        assert!(method_allowed(&Method::Get) && method_allowed(&Method::Head));
        for m in [Method::Post, Method::Put, Method::Delete, Method::Options, Method::Patch] {
            assert!(!method_allowed(&m), "{m}");
        }
    }

    #[test]
    fn content_types_cover_the_site_files() {
        for (input, want) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("__raport/live.js", "text/javascript; charset=utf-8"),
            ("radar.svg", "image/svg+xml"),
            ("data/radar.json", "application/json"),
            ("data/radar.csv", "text/csv; charset=utf-8"),
            ("atom.xml", "application/xml"),
            ("pdf/A.PDF", "application/pdf"),
            ("CNAME", "application/octet-stream"),
        ] {
            assert_eq!(content_type(input), want, "{input:?}");
        }
    }

    #[test]
    fn overlay_escapes_and_goes_before_body_end() {
        let words = OverlayWords {
            lang: "sq".into(),
            lead: "Faqja ka gabime".into(),
            hide: "Fshihe".into(),
            title: "Gabime".into(),
        };
        let o = overlay("a.md:1:1: error: <script>x</script> & co", &words);
        assert!(o.contains("lang=\"sq\"><p>Faqja ka gabime</p>") && o.contains(">Fshihe</button>"), "{o}");
        assert!(o.contains("&lt;script&gt;x&lt;/script&gt; &amp; co"), "{o}");
        assert!(!o.contains("style=") && !o.contains("onclick"), "nothing a strict CSP blocks: {o}");
        assert!(o.contains("href=\"/__raport/overlay.css\""), "{o}");
        let html = with_overlay(b"<html><body><p>x</p></body></html>", "<i>o</i>");
        assert_eq!(html, b"<html><body><p>x</p><i>o</i></body></html>");
    }
}

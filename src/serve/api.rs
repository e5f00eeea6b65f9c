//! The web editor's local backend: `POST /api/v1` with `{action, params}`,
//! the protocol Decap CMS speaks to `decap-server`, so an editor edits the
//! site folder from `/admin/` with `raport serve` alone.
//!
//! This is the one part of raport that writes files on request, so every
//! request passes the same gate ([`allowed`]) before its action runs:
//! `POST` with a JSON body of at most [`MAX_BODY`] bytes, a `Host` that is
//! the address served, and, when the browser names one, an `Origin` that is
//! that same address (a page on another site cannot write through a
//! reader's open preview). Paths ([`resolve`]) are relative, `/`-separated,
//! and lie inside `content/`, or are `site.yaml`: no `..`, no absolute
//! paths, no hidden names, no symbolic link that leads out. Writes go to a
//! temporary file beside the target, then are renamed over it.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine;
use serde_json::{Value, json};

/// Where the local backend answers.
pub(crate) const PATH: &str = "api/v1";
/// The largest request body read (a save with its images, base64-encoded).
pub(crate) const MAX_BODY: u64 = 32 * 1024 * 1024;
/// How deep `entriesByFolder` looks at most, whatever it is asked.
const MAX_DEPTH: u64 = 16;

/// An answer: HTTP status and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Answer {
    /// The status code.
    pub status: u16,
    /// The body.
    pub body: Value,
}

fn ok(body: Value) -> Answer {
    Answer { status: 200, body }
}

fn refuse(status: u16, message: impl Into<String>) -> Answer {
    Answer { status, body: json!({ "error": message.into() }) }
}

/// What a request says about where it comes from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request<'a> {
    /// The method.
    pub method: &'a str,
    /// The `Host` header.
    pub host: Option<&'a str>,
    /// The `Origin` header.
    pub origin: Option<&'a str>,
    /// `Sec-Fetch-Site`, which browsers send with every request.
    pub fetch_site: Option<&'a str>,
    /// The `Content-Type` header.
    pub content_type: Option<&'a str>,
}

/// Why a request is refused before its action runs, or `None` when it may
/// go on. `port` is the port served.
pub(crate) fn allowed(req: &Request, port: u16) -> Option<Answer> {
    if req.method != "POST" {
        return Some(refuse(405, "the editor's backend answers POST only"));
    }
    let Some(host) = req.host.filter(|h| super::http::host_allowed(Some(h), port)) else {
        return Some(refuse(
            403,
            format!("writes are taken only at http://127.0.0.1:{port}/ or http://localhost:{port}/"),
        ));
    };
    if let Some(origin) = req.origin
        && !origin.eq_ignore_ascii_case(&format!("http://{host}"))
    {
        return Some(refuse(403, format!("a page at {origin} may not write to this site; open http://{host}/admin/")));
    }
    if req.fetch_site.is_some_and(|s| !s.eq_ignore_ascii_case("same-origin") && !s.eq_ignore_ascii_case("none")) {
        return Some(refuse(403, "a page on another site may not write to this site"));
    }
    let json = req
        .content_type
        .is_some_and(|c| c.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json")));
    if !json {
        return Some(refuse(415, "send the request as application/json"));
    }
    None
}

/// Reads a body of at most [`MAX_BODY`] bytes; `Err` with the answer otherwise.
pub(crate) fn read_body(mut body: impl Read) -> Result<Value, Answer> {
    let mut buf = Vec::new();
    if body.by_ref().take(MAX_BODY + 1).read_to_end(&mut buf).is_err() {
        return Err(refuse(400, "the request body could not be read"));
    }
    if buf.len() as u64 > MAX_BODY {
        return Err(refuse(413, format!("a request may hold at most {} MB", MAX_BODY / 1024 / 1024)));
    }
    serde_json::from_slice(&buf).map_err(|e| refuse(400, format!("the request is not JSON: {e}")))
}

/// The site folder the backend reads and writes, and what checks a save.
pub(crate) struct Backend<'a> {
    /// The site folder, canonical.
    pub root: &'a Path,
    /// Checks the site after a save: raport's diagnostics for what was
    /// written, or `None` when the site reads well.
    pub check: &'a (dyn Fn(&[String]) -> Option<String> + Sync),
}

/// A path of the request, resolved inside the site folder.
struct Resolved {
    /// As asked (`content/briefs/x.sq.md`).
    rel: String,
    /// On disk.
    abs: PathBuf,
}

/// Resolves `rel`, a path the editor names: relative, `/`-separated, no
/// `.` or `..` segments and no hidden names, under `content/` or
/// `site.yaml` itself. The nearest part of it that exists must lie, with
/// every symbolic link followed, inside the site's `content/` folder (or be
/// site.yaml). `Err` is the message to answer.
fn resolve(root: &Path, rel: &str) -> Result<Resolved, String> {
    let bad = || format!("`{rel}` is not a path the editor may use: write a path inside content/, or site.yaml");
    if rel.is_empty()
        || rel.len() > 1024
        || rel.contains(['\\', '\0', ':'])
        || rel.starts_with('/')
        || rel.split('/').any(|seg| seg.is_empty() || seg.starts_with('.'))
    {
        return Err(bad());
    }
    let path = Path::new(rel);
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(bad());
    }
    let in_content = rel.starts_with("content/");
    if !in_content && rel != "site.yaml" {
        return Err(bad());
    }
    let abs = root.join(path);
    // The nearest existing ancestor (or the file itself), links followed.
    let mut existing = abs.as_path();
    while std::fs::symlink_metadata(existing).is_err() {
        existing = existing.parent().ok_or_else(bad)?;
    }
    let real = existing.canonicalize().map_err(|_| bad())?;
    let inside = if in_content {
        let content = root.join("content");
        real.starts_with(&content) || (real == root && !content.exists())
    } else {
        real == root.join("site.yaml") || real == root
    };
    if !inside {
        return Err(format!("`{rel}` leads outside the site's content/ folder"));
    }
    Ok(Resolved { rel: rel.to_string(), abs })
}

/// A string parameter.
fn param<'v>(params: &'v Value, key: &str) -> Result<&'v str, Answer> {
    params.get(key).and_then(Value::as_str).ok_or_else(|| refuse(422, format!("`params.{key}` is missing")))
}

/// An entry as Decap reads it: the text and an id of its bytes.
fn entry(r: &Resolved) -> Value {
    match std::fs::read(&r.abs) {
        Ok(bytes) => json!({
            "data": String::from_utf8_lossy(&bytes),
            "file": { "path": r.rel, "id": id(&bytes) },
        }),
        Err(_) => json!({ "data": null, "file": { "path": r.rel, "id": null } }),
    }
}

/// An id for file contents.
fn id(bytes: &[u8]) -> String {
    format!("{:032x}", crate::cache::key(&[bytes]))
}

/// A media file as Decap reads it.
fn media(r: &Resolved) -> Result<Value, Answer> {
    let bytes = std::fs::read(&r.abs).map_err(|e| refuse(404, format!("cannot read {}: {e}", r.rel)))?;
    let name = r.rel.rsplit('/').next().unwrap_or("");
    Ok(json!({
        "id": id(&bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": r.rel,
        "name": name,
    }))
}

/// Files under `dir` ending in `ext`, `depth` folders deep, sorted; hidden
/// names and symbolic links are left out.
fn list(root: &Path, dir: &Resolved, ext: &str, depth: u64) -> Vec<Resolved> {
    let mut out = Vec::new();
    let walk =
        walkdir::WalkDir::new(&dir.abs).min_depth(1).max_depth(depth.min(MAX_DEPTH) as usize).sort_by_file_name();
    for e in walk.into_iter().filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.')).flatten() {
        if !e.file_type().is_file() || !e.file_name().to_string_lossy().ends_with(ext) {
            continue;
        }
        let Ok(rel) = e.path().strip_prefix(root) else { continue };
        let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        out.push(Resolved { rel: rel.join("/"), abs: e.path().to_path_buf() });
    }
    out
}

/// Writes `bytes` to `r` atomically: a temporary file beside it, renamed over it.
fn write(r: &Resolved, bytes: &[u8]) -> Result<(), Answer> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let fail = |e: std::io::Error| refuse(500, format!("cannot write {}: {e}", r.rel));
    let dir = r.abs.parent().ok_or_else(|| refuse(422, "no folder"))?;
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = r.abs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, &r.abs));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Every path of a request resolved before anything is written, so that a
/// request with one bad path writes nothing.
fn resolve_all<'p>(root: &Path, paths: impl IntoIterator<Item = &'p str>) -> Result<Vec<Resolved>, Answer> {
    paths.into_iter().map(|p| resolve(root, p).map_err(|m| refuse(403, m))).collect()
}

/// The files a save writes: `params.dataFiles`, or the older `params.entry`.
fn data_files(params: &Value) -> Result<Vec<(String, String, Option<String>)>, Answer> {
    let files: Vec<&Value> = match params.get("dataFiles").and_then(Value::as_array) {
        Some(list) => list.iter().collect(),
        None => params.get("entry").into_iter().collect(),
    };
    if files.is_empty() {
        return Err(refuse(422, "`params.dataFiles` lists no file"));
    }
    files
        .into_iter()
        .map(|f| {
            let path = param(f, "path")?.to_string();
            let raw = param(f, "raw")?.to_string();
            let new_path = f.get("newPath").and_then(Value::as_str).map(str::to_string);
            Ok((path, raw, new_path))
        })
        .collect()
}

/// The assets of a save or `persistMedia`: path and decoded bytes.
fn asset(a: &Value) -> Result<(String, Vec<u8>), Answer> {
    let path = param(a, "path")?.to_string();
    let content = param(a, "content")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content)
        .map_err(|e| refuse(422, format!("`content` of {path} is not base64: {e}")))?;
    Ok((path, bytes))
}

impl Backend<'_> {
    /// Runs one request's action. `body` is the parsed request.
    pub(crate) fn run(&self, body: &Value) -> Answer {
        match self.action(body) {
            Ok(a) | Err(a) => a,
        }
    }

    fn action(&self, body: &Value) -> Result<Answer, Answer> {
        let root = self.root;
        let action = body.get("action").and_then(Value::as_str).unwrap_or("");
        let none = Value::Null;
        let params = body.get("params").unwrap_or(&none);
        Ok(match action {
            "info" => ok(json!({
                "repo": root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => {
                let dir = resolve_all(root, [param(params, "folder")?])?.remove(0);
                let ext = param(params, "extension")?;
                let depth = params.get("depth").and_then(Value::as_u64).unwrap_or(1);
                ok(Value::Array(list(root, &dir, ext, depth).iter().map(entry).collect()))
            }
            "entriesByFiles" => {
                let files = params
                    .get("files")
                    .and_then(Value::as_array)
                    .ok_or_else(|| refuse(422, "`params.files` is missing"))?;
                let paths: Vec<&str> = files.iter().filter_map(|f| f.get("path").and_then(Value::as_str)).collect();
                ok(Value::Array(resolve_all(root, paths)?.iter().map(entry).collect()))
            }
            "getEntry" => ok(entry(&resolve_all(root, [param(params, "path")?])?.remove(0))),
            "persistEntry" => {
                let files = data_files(params)?;
                let assets: Vec<(String, Vec<u8>)> = match params.get("assets").and_then(Value::as_array) {
                    Some(list) => list.iter().map(asset).collect::<Result<_, _>>()?,
                    None => Vec::new(),
                };
                let targets = resolve_all(root, files.iter().map(|(p, _, _)| p.as_str()))?;
                let moves = resolve_all(root, files.iter().filter_map(|(_, _, n)| n.as_deref()))?;
                let media = resolve_all(root, assets.iter().map(|(p, _)| p.as_str()))?;
                for (t, (_, raw, _)) in targets.iter().zip(&files) {
                    write(t, raw.as_bytes())?;
                }
                for (m, (_, bytes)) in media.iter().zip(&assets) {
                    write(m, bytes)?;
                }
                let mut written: Vec<String> = targets.iter().map(|t| t.rel.clone()).collect();
                if moves.len() == targets.len() {
                    for (from, to) in targets.iter().zip(&moves) {
                        if let Some(dir) = to.abs.parent() {
                            std::fs::create_dir_all(dir)
                                .map_err(|e| refuse(500, format!("cannot move to {}: {e}", to.rel)))?;
                        }
                        std::fs::rename(&from.abs, &to.abs)
                            .map_err(|e| refuse(500, format!("cannot move {} to {}: {e}", from.rel, to.rel)))?;
                    }
                    written = moves.iter().map(|m| m.rel.clone()).collect();
                }
                match (self.check)(&written) {
                    // Saved all the same: nothing the editor typed is lost.
                    Some(report) => refuse(422, format!("saved, but raport cannot read it:\n{report}")),
                    None => ok(json!({ "message": "entry persisted" })),
                }
            }
            "getMedia" => {
                let dir = resolve_all(root, [param(params, "mediaFolder")?])?.remove(0);
                let files = list(root, &dir, "", 1);
                ok(Value::Array(files.iter().map(media).collect::<Result<_, _>>()?))
            }
            "getMediaFile" => ok(media(&resolve_all(root, [param(params, "path")?])?.remove(0))?),
            "persistMedia" => {
                let a = params.get("asset").ok_or_else(|| refuse(422, "`params.asset` is missing"))?;
                let (path, bytes) = asset(a)?;
                let r = resolve_all(root, [path.as_str()])?.remove(0);
                write(&r, &bytes)?;
                ok(media(&r)?)
            }
            "deleteFile" | "deleteFiles" => {
                let paths: Vec<&str> = match params.get("paths").and_then(Value::as_array) {
                    Some(list) => list.iter().filter_map(Value::as_str).collect(),
                    None => vec![param(params, "path")?],
                };
                let targets = resolve_all(root, paths)?;
                if targets.iter().any(|t| t.rel == "site.yaml") {
                    return Err(refuse(403, "site.yaml cannot be deleted from the editor"));
                }
                for t in &targets {
                    if t.abs.is_dir() {
                        return Err(refuse(403, format!("`{}` is a folder; the editor deletes files only", t.rel)));
                    }
                    let _ = std::fs::remove_file(&t.abs);
                }
                let names: Vec<&str> = targets.iter().map(|t| t.rel.as_str()).collect();
                ok(json!({ "message": format!("deleted {}", names.join(", ")) }))
            }
            "getDeployPreview" => ok(Value::Null),
            other => refuse(422, format!("unknown action `{other}`")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req<'a>(origin: Option<&'a str>, host: Option<&'a str>) -> Request<'a> {
        Request { method: "POST", host, origin, fetch_site: None, content_type: Some("application/json") }
    }

    #[test]
    fn only_same_origin_json_posts_to_the_served_address_pass() {
        assert_eq!(allowed(&req(Some("http://127.0.0.1:1111"), Some("127.0.0.1:1111")), 1111), None);
        assert_eq!(allowed(&req(None, Some("localhost:1111")), 1111), None);
        for (origin, host) in [
            (Some("https://evil.example"), Some("127.0.0.1:1111")),
            (Some("http://localhost:1111"), Some("127.0.0.1:1111")),
            (Some("null"), Some("127.0.0.1:1111")),
            (None, Some("evil.example:1111")),
            (None, Some("127.0.0.1:2222")),
            (None, None),
        ] {
            let a = allowed(&req(origin, host), 1111);
            assert_eq!(a.map(|a| a.status), Some(403), "{origin:?} {host:?}");
        }
        let get = Request { method: "GET", ..req(None, Some("127.0.0.1:1111")) };
        assert_eq!(allowed(&get, 1111).map(|a| a.status), Some(405));
        let form = Request { content_type: Some("text/plain"), ..req(None, Some("127.0.0.1:1111")) };
        assert_eq!(allowed(&form, 1111).map(|a| a.status), Some(415));
        let cross = Request { fetch_site: Some("cross-site"), ..req(None, Some("127.0.0.1:1111")) };
        assert_eq!(allowed(&cross, 1111).map(|a| a.status), Some(403));
    }

    #[test]
    fn paths_outside_content_are_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(root.join("content/briefs")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(root.join("site.yaml"), "title: x\n").unwrap_or_else(|e| panic!("{e}"));
        for good in ["content/briefs/a.sq.md", "content/new/b.md", "site.yaml", "content/static/x.png"] {
            assert!(resolve(&root, good).is_ok(), "{good}");
        }
        for bad in [
            "../x",
            "content/../site.yaml",
            "content/../../etc/passwd",
            "/etc/passwd",
            "content//a.md",
            "content/./a.md",
            "content\\a.md",
            "C:/x",
            "themes/default/templates/base.html",
            "public/index.html",
            ".git/config",
            "content/.hidden",
            "",
            "site.yaml/x",
        ] {
            assert!(resolve(&root, bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            std::os::unix::fs::symlink(outside.path(), root.join("content/out")).unwrap_or_else(|e| panic!("{e}"));
            assert!(resolve(&root, "content/out/x.md").is_err());
            assert!(resolve(&root, "content/out/deeper/x.md").is_err());
        }
    }
}

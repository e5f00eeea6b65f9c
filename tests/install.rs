//! The install script end to end (issue 17): dist/pack.sh packs a fake
//! release (a stub `raport` for this computer), a server on 127.0.0.1 serves
//! it, and install.sh, pointed at it with RAPORT_DOWNLOAD_URL, must install
//! the stub; with a wrong checksum it must fail, say so, and install nothing.
//! The Linux and macOS steps of action.yml run the same way, as a runner
//! would, including the fallback to `cargo install` (a stand-in `cargo`).
//! Skipped, with the reason printed, where `sh`, `bash`, `curl`, `tar` or
//! `sha256sum` is missing or the computer has no release build.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// The release's name for this computer, as install.sh works it out.
fn host_target() -> Option<&'static str> {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Some("x86_64-unknown-linux-musl"),
        ("linux", "aarch64") => Some("aarch64-unknown-linux-musl"),
        ("macos", "x86_64") => Some("x86_64-apple-darwin"),
        ("macos", "aarch64") => Some("aarch64-apple-darwin"),
        _ => None,
    }
}

/// Why the test cannot run here, if it cannot.
fn missing_tools() -> Option<String> {
    for tool in ["sh", "bash", "curl", "tar", "sha256sum"] {
        let found = Command::new("sh").args(["-c", &format!("command -v {tool}")]).output();
        if !found.is_ok_and(|o| o.status.success()) {
            return Some(format!("`{tool}` is not installed"));
        }
    }
    host_target().is_none().then(|| format!("no release build for {}", std::env::consts::OS))
}

/// Serves the files of `dir` over HTTP on 127.0.0.1 until the test ends.
fn serve(dir: PathBuf) -> String {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap_or_else(|e| panic!("bind: {e}"));
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or_default();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let name = req.url().trim_start_matches('/').to_string();
            let file = dir.join(&name);
            let _ = if !name.contains("..") && file.is_file() {
                let bytes = std::fs::read(&file).unwrap_or_default();
                req.respond(tiny_http::Response::from_data(bytes))
            } else {
                req.respond(tiny_http::Response::from_string("not found").with_status_code(404))
            };
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// Packs a release holding a stub raport with dist/pack.sh into `out`.
fn fake_release(tmp: &Path, target: &str) -> PathBuf {
    let bins = tmp.join("bins").join(target);
    std::fs::create_dir_all(&bins).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(bins.join("raport"), "#!/bin/sh\necho \"raport 0.0.0-stub\"\n").unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.join("release");
    let r = Command::new("sh")
        .arg("dist/pack.sh")
        .arg(tmp.join("bins"))
        .arg(&out)
        .current_dir(demo_root())
        // The man pages and completions come from the real binary.
        .env("RAPORT_HOST_BIN", env!("CARGO_BIN_EXE_raport"))
        .output()
        .unwrap_or_else(|e| panic!("run dist/pack.sh: {e}"));
    assert!(r.status.success(), "dist/pack.sh failed:\n{}", String::from_utf8_lossy(&r.stderr));
    out
}

/// Runs a copy of install.sh (as published in the release) against `url`.
fn install(script: &Path, url: &str, dest: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg(script)
        .args(args)
        .env("RAPORT_DOWNLOAD_URL", url)
        .env("RAPORT_INSTALL_DIR", dest)
        .env_remove("RAPORT_VERSION")
        .output()
        .unwrap_or_else(|e| panic!("run install.sh: {e}"))
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn install_script_installs_a_verified_release_and_refuses_a_bad_checksum() {
    if let Some(why) = missing_tools() {
        eprintln!("install: skipped: {why}");
        return;
    }
    let target = host_target().unwrap_or_default();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let release = fake_release(tmp.path(), target);
    let archive = format!("raport-{target}.tar.gz");
    let sums = std::fs::read_to_string(release.join("sha256sums.txt")).unwrap_or_default();
    assert!(sums.lines().any(|l| l.ends_with(&format!("  {archive}"))), "{sums}");
    assert!(sums.contains("  install.sh\n") && sums.contains("  install.ps1\n"), "{sums}");
    // The published scripts name the repository and version of Cargo.toml.
    let script = release.join("install.sh");
    let published = std::fs::read_to_string(&script).unwrap_or_default();
    assert!(published.contains(&format!("\nREPOSITORY=\"{}\"\n", env!("CARGO_PKG_REPOSITORY"))), "{published}");
    assert!(published.contains(&format!("\nRELEASE_VERSION=\"{}\"\n", env!("CARGO_PKG_VERSION"))));
    let ps1 = std::fs::read_to_string(release.join("install.ps1")).unwrap_or_default();
    assert!(ps1.contains(&format!("\n$Repository = \"{}\"\n", env!("CARGO_PKG_REPOSITORY"))));
    let url = serve(release.clone());

    // A good release installs.
    let dest = tmp.path().join("bin");
    let ok = install(&script, &url, &dest, &[]);
    assert!(ok.status.success(), "{}", text(&ok));
    assert!(text(&ok).contains(&format!("downloading raport {} for {target}", env!("CARGO_PKG_VERSION"))));
    assert!(text(&ok).contains("installed raport 0.0.0-stub to "), "{}", text(&ok));
    let run = Command::new(dest.join("raport")).output().unwrap_or_else(|e| panic!("run installed raport: {e}"));
    assert_eq!(String::from_utf8_lossy(&run.stdout), "raport 0.0.0-stub\n");

    // A wrong checksum: a clear error, exit 1, nothing installed.
    let zeros = "0".repeat(64);
    let bad: String = sums
        .lines()
        .map(|l| if l.ends_with(&archive) { format!("{zeros}  {archive}\n") } else { format!("{l}\n") })
        .collect();
    std::fs::write(release.join("sha256sums.txt"), bad).unwrap_or_else(|e| panic!("{e}"));
    let dest2 = tmp.path().join("bin2");
    let r = install(&script, &url, &dest2, &["--version", "v1.2.3"]);
    assert_eq!(r.status.code(), Some(1), "{}", text(&r));
    assert!(
        text(&r).contains(&format!("error: checksum mismatch for {archive}: sha256sums.txt says {zeros}")),
        "{}",
        text(&r)
    );
    assert!(text(&r).contains("nothing was installed"), "{}", text(&r));
    assert!(!dest2.join("raport").exists(), "a bad download was installed");

    // A release without a build for this computer: exit 3, for the action's cargo fallback.
    std::fs::write(release.join("sha256sums.txt"), format!("{zeros}  raport-other.tar.gz\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = install(&script, &url, &dest2, &[]);
    assert_eq!(r.status.code(), Some(3), "{}", text(&r));
    assert!(text(&r).contains(&format!("has no {archive}; build raport with: cargo install --locked")));
    assert!(!dest2.join("raport").exists());

    // Misuse is exit 2.
    let r = install(&script, &url, &dest2, &["--colour"]);
    assert_eq!(r.status.code(), Some(2), "{}", text(&r));
}

#[test]
fn install_script_in_a_checkout_installs_the_version_of_cargo_toml() {
    if let Some(why) = missing_tools() {
        eprintln!("install: skipped: {why}");
        return;
    }
    // The repository's copy has the placeholders empty and reads Cargo.toml
    // beside it, as the GitHub Action runs it.
    let script = std::fs::read_to_string(demo_root().join("install.sh")).unwrap_or_default();
    assert!(script.contains("\nREPOSITORY=\"\"\n") && script.contains("\nRELEASE_VERSION=\"\"\n"));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = host_target().unwrap_or_default();
    let release = fake_release(tmp.path(), target);
    let url = serve(release);
    let r = install(&demo_root().join("install.sh"), &url, &tmp.path().join("bin"), &[]);
    assert!(r.status.success(), "{}", text(&r));
    assert!(text(&r).contains(&format!("downloading raport {} for", env!("CARGO_PKG_VERSION"))), "{}", text(&r));
}

/// The value at `key` of a YAML mapping node.
fn get<'a>(node: &'a raport::yaml::Node, key: &str) -> Option<&'a raport::yaml::Node> {
    match &node.kind {
        raport::yaml::Kind::Map(entries) => entries.iter().find(|(k, _)| k.as_scalar() == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

/// Replaces the `${{ … }}` expressions of action.yml with what the runner
/// would; an expression this does not know fails the test.
fn expand(text: &str, vars: &std::collections::BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("${{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find("}}").map(|e| at + e).unwrap_or_else(|| panic!("unclosed expression in {text}"));
        let expr = rest[at + 3..end].trim();
        out.push_str(vars.get(expr).unwrap_or_else(|| panic!("the test does not know `{expr}`")));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Runs the Linux and macOS steps of action.yml with bash as a runner would
/// (the cache missing), with `extra_env` and `path_prefix` before PATH.
/// Returns the step outputs and the lines the action added to GITHUB_PATH.
fn run_action(
    tmp: &Path,
    input_version: &str,
    extra_env: &[(&str, String)],
    path_prefix: &Path,
) -> (String, Vec<String>) {
    let yaml = std::fs::read_to_string(demo_root().join("action.yml")).unwrap_or_default();
    let file = raport::diag::SourceFile::new("action.yml", yaml.as_str());
    let mut d = raport::diag::Diagnostics::new();
    let doc = raport::yaml::parse(&file, &yaml, 1, &mut d).unwrap_or_else(|| panic!("{}", d.render_human()));
    let steps = get(&doc, "runs").and_then(|r| get(r, "steps")).map(|s| match &s.kind {
        raport::yaml::Kind::Seq(v) => v.clone(),
        _ => Vec::new(),
    });
    let mut vars = std::collections::BTreeMap::new();
    vars.insert("inputs.version".to_string(), input_version.to_string());
    vars.insert("runner.tool_cache".to_string(), tmp.join("toolcache").display().to_string());
    let (output_file, path_file) = (tmp.join("github_output"), tmp.join("github_path"));
    let mut log = String::new();
    for step in steps.unwrap_or_default() {
        let scalar = |k: &str| get(&step, k).and_then(|n| n.as_scalar()).unwrap_or("").to_string();
        if scalar("shell") != "bash" || scalar("if").contains("== 'Windows'") {
            continue;
        }
        std::fs::write(&output_file, "").unwrap_or_else(|e| panic!("{e}"));
        let mut cmd = Command::new("bash");
        cmd.args(["-e", "-c", &scalar("run")])
            .env("GITHUB_ACTION_PATH", demo_root())
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("RUNNER_ARCH", "X64")
            .env("PATH", format!("{}:{}", path_prefix.display(), std::env::var("PATH").unwrap_or_default()));
        if let Some(raport::yaml::Kind::Map(env)) = get(&step, "env").map(|e| &e.kind) {
            for (k, v) in env {
                cmd.env(k.as_scalar().unwrap_or(""), expand(v.as_scalar().unwrap_or(""), &vars));
            }
        }
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("run bash: {e}"));
        log.push_str(&text(&out));
        assert!(out.status.success(), "step `{}` failed:\n{log}", scalar("name"));
        let id = scalar("id");
        for line in std::fs::read_to_string(&output_file).unwrap_or_default().lines() {
            if let Some((k, v)) = line.split_once('=') {
                vars.insert(format!("steps.{id}.outputs.{k}"), v.to_string());
            }
        }
    }
    let path = std::fs::read_to_string(&path_file).unwrap_or_default().lines().map(str::to_string).collect();
    (log, path)
}

#[test]
fn action_installs_the_release_of_its_own_version_and_falls_back_to_cargo() {
    if let Some(why) = missing_tools() {
        eprintln!("install: skipped: {why}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = host_target().unwrap_or_default();
    let release = fake_release(tmp.path(), target);
    let url = serve(release.clone());
    let version = env!("CARGO_PKG_VERSION");
    let root = tmp.path().join("toolcache/raport").join(version).join("X64");

    // The default version is the action's own, from Cargo.toml beside it.
    let (log, path) = run_action(tmp.path(), "", &[("RAPORT_DOWNLOAD_URL", url.clone())], tmp.path());
    assert!(log.contains(&format!("downloading raport {version} for {target}")), "{log}");
    assert!(log.contains("raport 0.0.0-stub"), "the step runs the installed raport:\n{log}");
    assert_eq!(path, vec![root.join("bin").display().to_string()]);
    assert!(root.join("bin/raport").is_file());

    // No build for this runner in the release: cargo builds the version asked for.
    std::fs::write(release.join("sha256sums.txt"), "0  raport-other.tar.gz\n").unwrap_or_else(|e| panic!("{e}"));
    let fake_cargo = tmp.path().join("fakebin");
    std::fs::create_dir_all(&fake_cargo).unwrap_or_else(|e| panic!("{e}"));
    let script = "#!/bin/sh\necho \"cargo $*\" >> \"$CARGO_LOG\"\nwhile [ \"$1\" != --root ]; do shift; done\nmkdir -p \"$2/bin\"\nprintf '#!/bin/sh\\necho raport 9.8.7-built\\n' > \"$2/bin/raport\"\nchmod 755 \"$2/bin/raport\"\n";
    std::fs::write(fake_cargo.join("cargo"), script).unwrap_or_else(|e| panic!("{e}"));
    let made = Command::new("chmod").arg("755").arg(fake_cargo.join("cargo")).status();
    assert!(made.is_ok_and(|s| s.success()));
    let cargo_log = tmp.path().join("cargo.log");
    let env = [("RAPORT_DOWNLOAD_URL", url), ("CARGO_LOG", cargo_log.display().to_string())];
    let (log, _) = run_action(tmp.path(), "v9.8.7", &env, &fake_cargo);
    assert!(log.contains("No prebuilt raport for this runner") && log.contains("raport 9.8.7-built"), "{log}");
    let root = tmp.path().join("toolcache/raport/9.8.7/X64");
    let called = std::fs::read_to_string(&cargo_log).unwrap_or_default();
    assert_eq!(
        called.trim(),
        format!(
            "cargo install --locked --git {} --tag v9.8.7 --root {} raport",
            env!("CARGO_PKG_REPOSITORY"),
            root.display()
        )
    );
}

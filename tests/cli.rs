//! The command line for editors: `check --format github|json` (issue 9),
//! `init`, `new brief`, `--help`, exit statuses, and the error catalogue in
//! docs/errors.md (issue 5); `init` options, `--version`, completions, the
//! manual pages and colours (issue 17).

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// A git repository in a temp dir with fixture `name` copied to `sites/demo`.
fn repo_with_site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let inited = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(tmp.path())
        .status()
        .is_ok_and(|s| s.success());
    if !inited {
        // No git on this machine: a `.git` folder is what raport looks for.
        std::fs::create_dir_all(tmp.path().join(".git")).unwrap_or_else(|e| panic!("{e}"));
    }
    let site = tmp.path().join("sites/demo");
    copy_tree(&fixture(name), &site);
    (tmp, site)
}

#[test]
fn github_format_annotates_repository_paths_with_escaping() {
    let (tmp, site) = repo_with_site("invalid/formats");
    let r = raport(tmp.path(), &["check", "--format", "github", "--root", "sites/demo"]);
    insta::assert_snapshot!("check_github", format!("exit: {}\n{}", r.code, r.stdout));
    // From inside the sub-folder, the paths are the same.
    let inside = raport(&site, &["check", "--format", "github"]);
    assert_eq!(inside.stdout, r.stdout);
    assert_eq!(inside.code, 1);
}

#[test]
fn json_format_lists_every_diagnostic_with_positions() {
    let (tmp, _site) = repo_with_site("invalid/formats");
    let r = raport(tmp.path(), &["check", "--format", "json", "--root", "sites/demo"]);
    insta::assert_snapshot!("check_json", format!("exit: {}\n{}", r.code, r.stdout));
    let doc: serde_json::Value =
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", r.stdout));
    assert_eq!(doc["errors"], 4);
    assert_eq!(doc["diagnostics"][0]["path"], "content/briefs/radar.en.md");
}

#[test]
fn github_message_escapes_comma_colon_and_newline() {
    let (tmp, _site) = repo_with_site("invalid/formats");
    let r = raport(tmp.path(), &["check", "--format", "github", "--root", "sites/demo"]);
    let date = r.stdout.lines().find(|l| l.contains("title=bad-date")).unwrap_or_default();
    assert!(
        date.starts_with("::error file=sites/demo/content/briefs/radar.sq.md,line=3,endLine=3,col=7,endColumn=17,"),
        "{date}"
    );
    // The message's colon and comma stay; its newline (before the hint) is escaped.
    assert!(date.ends_with("::`2023-02-30` does not exist: month 2 of 2023 has 28 days%0Ahint: write dates as YYYY-MM-DD, e.g. 2023-10-14"), "{date}");
    assert!(!r.stdout.lines().any(|l| !l.starts_with("::")), "one line per annotation:\n{}", r.stdout);
}

#[test]
fn github_format_counts_in_the_singular_and_the_plural() {
    // #25: `--format github` printed "1 errors".
    let (tmp, site) = repo_with_site("invalid/formats");
    let r = raport(tmp.path(), &["check", "--format", "github", "--root", "sites/demo"]);
    assert_eq!(r.stderr.trim_end().lines().last(), Some("4 errors, 1 warning"), "{}", r.stderr);
    // One error left: a brief with an impossible date.
    let brief = site.join("content/briefs/radar.sq.md");
    for other in ["content/briefs/radar.en.md", "content/pages/rreth.sq.md", "content/pages/only.sq.md"] {
        let _ = std::fs::remove_file(site.join(other));
    }
    std::fs::write(&brief, "---\ntitle: Radari\ndate: 2023-02-30\n---\nTeksti.\n").unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["check", "--format", "github", "--root", "sites/demo"]);
    assert_eq!(r.stderr.trim_end().lines().last(), Some("1 error, 0 warnings"), "{}", r.stderr);
}

#[test]
fn check_exit_status_is_the_same_in_every_format() {
    let (tmp, _site) = repo_with_site("invalid/formats");
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let warnings_only = fixture("basic");
    for format in ["human", "github", "json"] {
        let bad = raport(tmp.path(), &["check", "--format", format, "--root", "sites/demo"]);
        assert_eq!(bad.code, 1, "{format} with errors");
        let ok = raport(&warnings_only, &["check", "--format", format]);
        assert_eq!(ok.code, 0, "{format} with warnings only: {}", ok.stderr);
        let usage = raport(empty.path(), &["check", "--format", format]);
        assert_eq!(usage.code, 2, "{format} without a site");
        assert!(usage.stderr.contains("no site.yaml"), "{}", usage.stderr);
    }
}

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["init", "radar"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let site = tmp.path().join("radar");
    for f in [
        "site.yaml",
        ".gitignore",
        ".github/workflows/pages.yml",
        ".github/workflows/check.yml",
        "content/_index.sq.md",
        "content/briefs/analiza-e-pare.sq.md",
        "content/briefs/analiza-e-pare.en.md",
        "content/pages/rreth-nesh.en.md",
        "content/trackers/rekomandimet.yaml",
        "content/radar/dimensions.yaml",
        "content/radar/al.yaml",
    ] {
        assert!(site.join(f).is_file(), "{f} missing");
    }
    assert!(std::fs::read_to_string(site.join(".gitignore")).unwrap_or_default().contains("/public/"));
    let check = raport(&site, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains(", 0 warnings"), "a new site has nothing to warn about: {}", check.stderr);
    let build = raport(&site, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for page in [
        "index.html",
        "en/index.html",
        "briefs/analiza-e-pare/index.html",
        "en/briefs/first-brief/index.html",
        "en/about/index.html",
        "radar/al/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "{page} not built");
    }
}

#[test]
fn init_workflows_check_pull_requests_and_deploy_to_pages() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raport(tmp.path(), &["init", "s"]).code, 0);
    let wf =
        |name: &str| std::fs::read_to_string(tmp.path().join("s/.github/workflows").join(name)).unwrap_or_default();
    let check = wf("check.yml");
    assert!(
        check.contains("pull_request:")
            && check.contains("\"content/**\"")
            && check.contains("\"site.yaml\"")
            && check.contains("\"themes/**\""),
        "{check}"
    );
    assert!(check.contains("raport check --format github"), "{check}");
    let pages = wf("pages.yml");
    for needle in [
        "branches: [main]",
        "actions/configure-pages",
        "--base-url \"${{ steps.pages.outputs.base_url }}\"",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "id-token: write",
    ] {
        assert!(pages.contains(needle), "pages.yml lacks {needle}");
    }
    // Both install raport with this repository's action, pinned to this version.
    let uses = format!("- uses: {}\n", raport::scaffold::action());
    assert!(uses.ends_with(&format!("@v{}\n", env!("CARGO_PKG_VERSION"))), "{uses}");
    for (name, text) in [("check.yml", &check), ("pages.yml", &pages)] {
        assert!(text.contains(&uses), "{name} lacks {uses}:\n{text}");
        assert!(!text.contains("RAPORT_GIT") && !text.contains("cargo install"), "{name}:\n{text}");
    }
    // The repository's own workflows exist too.
    for f in [".github/workflows/pages.yml", ".github/workflows/check.yml"] {
        assert!(demo_root().join(f).is_file(), "{f}");
    }
}

#[test]
fn init_refuses_a_folder_that_has_files() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(tmp.path().join("notes.md"), "mine").unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["init", "."]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not empty"), "{}", r.stderr);
    assert!(!tmp.path().join("site.yaml").exists());
}

fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raport(tmp.path(), &["init", "site"]).code, 0);
    let site = tmp.path().join("site");
    (tmp, site)
}

#[test]
fn new_brief_creates_dated_drafts_in_both_languages() {
    let (_tmp, site) = new_site();
    let r = raport(&site, &["new", "brief", "siguria-ne-ballkan"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let today = raport::i18n::Date::today().to_string();
    for lang in ["sq", "en"] {
        let text = std::fs::read_to_string(site.join(format!("content/briefs/siguria-ne-ballkan.{lang}.md")))
            .unwrap_or_default();
        assert!(text.starts_with("---\ntitle: \"TODO: "), "{text}");
        assert!(text.contains(&format!("\ndate: {today}\n")), "{text}");
        assert!(text.contains("\ndraft: true"), "{text}");
    }
    // A draft is left out of the site, and builds with --drafts.
    assert_eq!(raport(&site, &["check"]).code, 0);
    let b = raport(&site, &["build", "--drafts"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert!(site.join("public/briefs/siguria-ne-ballkan/index.html").is_file());
}

#[test]
fn new_brief_never_overwrites_and_rejects_bad_names() {
    let (tmp, site) = new_site();
    let existing = site.join("content/briefs/analiza-e-pare.sq.md");
    let before = std::fs::read_to_string(&existing).unwrap_or_default();
    let r = raport(&site, &["new", "brief", "analiza-e-pare"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("content/briefs/analiza-e-pare.sq.md already exists"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&existing).unwrap_or_default(), before);

    let r = raport(&site, &["new", "brief", "Siguria në Ballkan"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("e.g. `siguria-ne-ballkan`"), "{}", r.stderr);
    let r = raport(&site, &["new", "brief", "../escape"]);
    assert_eq!(r.code, 2);
    assert!(!site.join("content/escape.sq.md").exists());

    let r = raport(tmp.path(), &["new", "brief", "x"]);
    assert_eq!(r.code, 2, "no site.yaml here");
    assert!(r.stderr.contains("no site.yaml"), "{}", r.stderr);
}

#[test]
fn every_command_explains_itself_and_root_defaults_to_here() {
    let top = raport(Path::new("."), &["--help"]);
    for cmd in ["build", "check", "serve", "new", "init"] {
        assert!(top.stdout.contains(&format!("  {cmd} ")), "{cmd} missing from --help:\n{}", top.stdout);
    }
    for args in [&["build", "--help"][..], &["check", "--help"], &["serve", "--help"], &["new", "brief", "--help"]] {
        let r = raport(Path::new("."), args);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("--root <DIR>") && r.stdout.contains("[default: .]"), "{args:?}:\n{}", r.stdout);
    }
    assert!(raport(Path::new("."), &["serve", "--help"]).stdout.contains("127.0.0.1"));
    assert!(raport(Path::new("."), &["init", "--help"]).stdout.contains("new or empty"));
    assert!(raport(Path::new("."), &["check", "--help"]).stdout.contains("github"));
}

/// The `"kebab-code"` arguments of every `error(`/`warning(`/`file_error(`/
/// `file_warning(` call in `src/`.
fn codes_in_source() -> Vec<String> {
    let mut codes = Vec::new();
    for entry in walkdir::WalkDir::new(demo_root().join("src")) {
        let entry = entry.unwrap_or_else(|e| panic!("{e}"));
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for call in ["error(", "warning(", "file_error(", "file_warning("] {
            for (at, _) in text.match_indices(call) {
                if let Some(code) = call_args(&text[at + call.len()..]).into_iter().find(|a| is_code(a)) {
                    codes.push(code.trim_matches('"').to_string());
                }
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

/// The top-level arguments of a call, given the text after its `(`.
fn call_args(rest: &str) -> Vec<String> {
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    let (mut args, mut cur) = (Vec::new(), String::new());
    for c in rest.chars() {
        if in_str {
            in_str = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
            cur.push(c);
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    args.push(cur.trim().to_string());
    args
}

fn is_code(arg: &str) -> bool {
    let Some(inner) = arg.strip_prefix('"').and_then(|a| a.strip_suffix('"')) else {
        return false;
    };
    inner.contains('-')
        && inner.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

#[test]
fn every_diagnostic_code_is_documented_in_errors_md() {
    let docs = std::fs::read_to_string(demo_root().join("docs/errors.md")).unwrap_or_default();
    let codes = codes_in_source();
    assert!(codes.len() > 30 && codes.contains(&"unknown-country".to_string()), "scan found {codes:?}");
    let missing: Vec<&String> = codes.iter().filter(|c| !docs.contains(&format!("| `{c}`"))).collect();
    assert!(missing.is_empty(), "add a row to docs/errors.md for: {missing:?}");
}

/// Runs the raport binary with extra environment variables.
fn raport_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_raport"));
    cmd.args(args).current_dir(cwd).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("run raport: {e}"));
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn init_options_give_the_site_its_name_languages_countries_and_address() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(
        tmp.path(),
        &[
            "init",
            "s",
            "--title",
            "Radari i \"Ballkanit\"",
            "--languages",
            "en,sq",
            "--countries",
            "rs, me",
            "--base-url",
            "https://example.github.io/balkan",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let site = tmp.path().join("s");
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap_or_default();
    for needle in [
        "\ntitle: \"Radari i \\\"Ballkanit\\\"\"\n",
        "\nbase_url: \"https://example.github.io/balkan/\"\n",
        "\nlanguages: [en, sq]",
        "\ncountries: [rs, me]\n",
        "\n  en: \"Policy briefs,",
    ] {
        assert!(yaml.contains(needle), "site.yaml lacks {needle}:\n{yaml}");
    }
    assert!(
        std::fs::read_to_string(site.join("README.md")).unwrap_or_default().starts_with("# Radari i \"Ballkanit\"\n")
    );
    assert!(site.join("content/radar/rs.yaml").is_file() && !site.join("content/radar/al.yaml").exists());
    let brief = std::fs::read_to_string(site.join("content/briefs/analiza-e-pare.en.md")).unwrap_or_default();
    assert!(brief.contains("\ncountries: [rs, me]\n"), "{brief}");
    let check = raport(&site, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains(", 0 warnings"), "{}", check.stderr);
    let build = raport(&site, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    // English is now the default language, at the root.
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap_or_default();
    assert!(home.contains("Radari i &quot;Ballkanit&quot;") || home.contains("Radari i \"Ballkanit\""));
    assert!(site.join("public/briefs/first-brief/index.html").is_file());
    assert!(site.join("public/radar/rs/index.html").is_file());
}

#[test]
fn init_single_language_single_country_site_checks_clean() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["init", "s", "--languages", "en", "--countries", "xk"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let site = tmp.path().join("s");
    let check = raport(&site, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains(", 0 warnings"), "{}", check.stderr);
    assert_eq!(raport(&site, &["build"]).code, 0);
}

#[test]
fn init_says_what_a_language_without_theme_strings_lacks() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["init", "s", "--languages", "sq,de"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: the theme has no UI strings for `de`"), "{}", r.stderr);
    assert!(tmp.path().join("s/content/briefs/analiza-e-pare.de.md").is_file());
    // The region's languages have built-in strings: nothing to warn about.
    let region = raport(tmp.path(), &["init", "r", "--languages", "sq,sr,sr-Latn,mk,bs,cnr"]);
    assert_eq!(region.code, 0, "{}", region.stderr);
    assert!(!region.stderr.contains("no UI strings"), "{}", region.stderr);
    let plain = raport(tmp.path(), &["init", "t"]);
    assert_eq!(plain.stderr, "", "a default new site has nothing to warn about");
}

#[test]
fn init_rejects_bad_options_with_exit_2_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (args, message) in [
        (&["--languages", "English"][..], "--languages: `English` is not a language code"),
        (&["--languages", "sq,en,sq"], "--languages: language `sq` is listed twice"),
        (&["--countries", "al,kv"], "--countries: unknown country code `kv`; Kosovo is `xk`; known codes: al, ba"),
        (&["--countries", ","], "--countries: name at least one country"),
        (&["--base-url", "example.github.io/radar"], "--base-url: `example.github.io/radar` is not a base URL"),
        (&["--title", " "], "--title: give the site's name"),
    ] {
        let mut all = vec!["init", "s"];
        all.extend_from_slice(args);
        let r = raport(tmp.path(), &all);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
        assert!(!tmp.path().join("s").exists(), "{args:?} wrote files");
    }
}

#[test]
fn init_prints_next_steps_with_the_pages_setting() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["init", "radar"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needle in ["raport serve", "push", "Settings → Pages → Build and deployment →", "Source: GitHub Actions"]
    {
        assert!(r.stdout.contains(needle), "lacks {needle}:\n{}", r.stdout);
    }
}

/// The targets of `href=` and `src=` attributes in an HTML page, quoted or not.
fn link_targets(html: &str) -> Vec<String> {
    let mut v: Vec<String> = common::html::tags(html)
        .into_iter()
        .flat_map(|t| ["href", "src"].into_iter().filter_map(move |a| t.attr(a).map(str::to_string)))
        .collect();
    // The embed code shown as text (`<iframe src=&quot;…&quot;>`) must lead somewhere too.
    for (at, _) in html.match_indices(" src=&quot;") {
        if let Some(t) = html[at + " src=&quot;".len()..].split("&quot;").next() {
            v.push(t.replace("&amp;", "&"));
        }
    }
    v
}

#[test]
fn new_site_links_resolve_when_public_is_served_at_the_root() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(raport(tmp.path(), &["init", "s"]).code, 0);
    let site = tmp.path().join("s");
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap_or_default();
    assert!(yaml.contains("\nbase_url: \"/\"\n"), "{yaml}");
    assert_eq!(raport(&site, &["build"]).code, 0);
    let public = site.join("public");
    let (mut pages, mut links, mut broken) = (0, 0, Vec::new());
    for entry in walkdir::WalkDir::new(&public).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let dir = entry.path().parent().unwrap_or(&public);
        for target in link_targets(&html) {
            let external = ["http://", "https://", "mailto:", "data:", "//"].iter().any(|p| target.starts_with(p));
            let path = target.split(['#', '?']).next().unwrap_or("");
            if external || path.is_empty() {
                continue;
            }
            links += 1;
            let mut file = match path.strip_prefix('/') {
                Some(abs) => public.join(abs),
                None => dir.join(path),
            };
            if path.ends_with('/') || file.is_dir() {
                file = file.join("index.html");
            }
            if !file.is_file() {
                broken.push(format!(
                    "{}: {target}",
                    entry.path().strip_prefix(&public).unwrap_or(entry.path()).display()
                ));
            }
        }
    }
    assert!(pages > 10 && links > 100, "{pages} pages, {links} links");
    assert!(broken.is_empty(), "links that do not resolve:\n{}", broken.join("\n"));
}

#[test]
fn version_names_the_release_and_the_commit_when_built_from_git() {
    let r = raport(Path::new("."), &["--version"]);
    assert_eq!(r.code, 0);
    let expected = format!("raport {}", env!("CARGO_PKG_VERSION"));
    assert!(r.stdout.starts_with(&expected), "{}", r.stdout);
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(demo_root())
        .output()
        .ok()
        .filter(|o| o.status.success());
    match head {
        // A commit made after this binary was built is not in it: compare the form.
        Some(_) => {
            let commit = r.stdout.trim().strip_prefix(&format!("{expected} (")).and_then(|c| c.strip_suffix(')'));
            assert!(commit.is_some_and(|c| c.len() >= 7 && c.chars().all(|c| c.is_ascii_hexdigit())), "{}", r.stdout);
        }
        None => assert_eq!(r.stdout.trim(), expected),
    }
}

#[test]
fn completions_for_every_shell() {
    for (shell, needle) in [
        ("bash", "complete -F _raport"),
        ("zsh", "#compdef raport"),
        ("fish", "complete -c raport"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = raport(Path::new("."), &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(needle) && r.stdout.contains("init"), "{shell}:\n{}", r.stdout);
    }
    let r = raport(Path::new("."), &["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("possible values: bash, zsh, fish, powershell"), "{}", r.stderr);
}

#[test]
fn man_writes_a_page_per_command() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["man", "man1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(tmp.path().join("man1/raport.1")).unwrap_or_default();
    assert!(page.contains("\n.TH raport 1 ") && page.contains("\n.SH SYNOPSIS\n"), "{page}");
    assert!(page.contains("raport\\-init(1)") && !page.contains("raport\\-man"), "{page}");
    for cmd in ["build", "check", "serve", "init", "completions"] {
        assert!(tmp.path().join(format!("man1/raport-{cmd}.1")).is_file(), "{cmd}");
    }
    // Hidden from help.
    assert!(!raport(Path::new("."), &["--help"]).stdout.contains("  man "));
}

#[test]
fn diagnostics_are_coloured_only_for_a_terminal_and_never_with_no_color() {
    let (_tmp, site) = repo_with_site("invalid/formats");
    let piped = raport_env(&site, &["check"], &[]);
    assert_eq!(piped.code, 1);
    assert!(piped.stderr.contains(": error: ") && !piped.stderr.contains('\x1b'), "{}", piped.stderr);
    let forced = raport_env(&site, &["check"], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stderr.contains(": \x1b[1;31merror\x1b[0m: "), "{}", forced.stderr);
    let no_color = raport_env(&site, &["check"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!no_color.stderr.contains('\x1b'), "{}", no_color.stderr);
    assert_eq!(no_color.stderr, piped.stderr);
}

#[test]
fn exit_statuses_tell_content_usage_and_io_failures_apart() {
    let (tmp, root) = site("basic");
    let at = |args: &[&str]| raport(tmp.path(), &[&["build", "--root", "site"][..], args].concat());
    assert_eq!(at(&[]).code, 0, "a good build");
    // A usage error: a flag raport does not know, an output that is the sources.
    assert_eq!(at(&["--nope"]).code, 2);
    assert_eq!(at(&["--output", "site/content"]).code, 2);
    // An I/O failure: the output's parent is a file.
    std::fs::write(tmp.path().join("a-file"), "x").unwrap_or_else(|e| panic!("{e}"));
    let r = at(&["--output", "a-file/public"]);
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(r.stderr.contains("a-file"), "the path is named: {}", r.stderr);
    // Content errors.
    std::fs::create_dir_all(root.join("content/radar")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("content/radar/dimensions.yaml"), "scale: {min: -1e308, max: 1e308}\ndimensions: []\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let r = at(&[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("content/radar/dimensions.yaml:1:14: error: the scale's `min`"), "{}", r.stderr);
    // --help is not an error.
    assert_eq!(at(&["--help"]).code, 0);
    // The statuses are documented where users look.
    let readme = std::fs::read_to_string(demo_root().join("README.md")).unwrap_or_default();
    let errors = std::fs::read_to_string(demo_root().join("docs/errors.md")).unwrap_or_default();
    for doc in [&readme, &errors] {
        for row in ["| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 130 |"] {
            assert!(doc.contains(row), "exit status {row} undocumented");
        }
    }
}

//! Files under `content/static/` (issue 13): dotfiles are copied, scratch
//! files are not; symbolic links, unusable names and names that clash with
//! the generated site are diagnostics with the path and a hint.

mod common;

use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use common::*;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap_or(path)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Builds `root` and returns the run.
fn build_site(tmp: &Path, root: &Path) -> Run {
    raport(tmp, &["build", "--root", root.to_str().unwrap_or("")])
}

#[test]
fn dotfiles_are_copied_but_not_git_or_editor_scratch() {
    let (tmp, root) = site("basic");
    let st = root.join("content/static");
    write(&st.join(".well-known/security.txt"), "Contact: mailto:a@example.org\n");
    write(&st.join(".htaccess"), "x");
    for junk in [".git/config", ".DS_Store", "pdf/.alpha.pdf.swp", "pdf/alpha.pdf~", "Thumbs.db", "pdf/.#alpha.pdf"] {
        write(&st.join(junk), "junk");
    }
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = root.join("public");
    assert_eq!(read(&out, ".well-known/security.txt"), "Contact: mailto:a@example.org\n");
    assert!(out.join(".htaccess").is_file());
    for junk in [".git", ".DS_Store", "pdf/.alpha.pdf.swp", "pdf/alpha.pdf~", "Thumbs.db", "pdf/.#alpha.pdf"] {
        assert!(!out.join(junk).exists(), "{junk} was copied");
    }
}

#[test]
fn a_symlinked_static_file_is_an_error_with_the_path_and_a_hint() {
    let (tmp, root) = site("basic");
    let secret = tmp.path().join("secret.txt");
    write(&secret, "outside the site");
    std::os::unix::fs::symlink(&secret, root.join("content/static/linked.txt")).unwrap_or_else(|e| panic!("{e}"));
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("content/static/linked.txt:1:1: error: this is a symbolic link"), "{}", r.stderr);
    assert!(r.stderr.contains("hint: put the file itself (a copy) here"), "{}", r.stderr);
}

#[test]
fn a_symlinked_static_folder_is_refused_not_copied() {
    let (tmp, root) = site("basic");
    let elsewhere = tmp.path().join("elsewhere");
    write(&elsewhere.join("private.txt"), "x");
    std::fs::rename(root.join("content/static"), tmp.path().join("moved")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&elsewhere, root.join("content/static")).unwrap_or_else(|e| panic!("{e}"));
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("content/static:1:1: error: this is a symbolic link"), "{}", r.stderr);
    assert!(!root.join("public").exists());
}

#[test]
fn a_symlinked_attachment_does_not_pass_the_check() {
    let (tmp, root) = site("basic");
    let pdf = root.join("content/static/pdf/alpha.pdf");
    let real = tmp.path().join("alpha.pdf");
    std::fs::rename(&pdf, &real).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&real, &pdf).unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["check", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("content/briefs/alpha.sq.md:7:15: error: attachment `pdf/alpha.pdf` is a symbolic link"),
        "{}",
        r.stderr
    );
}

#[test]
fn names_that_cannot_be_addresses_are_reported_by_path() {
    let (tmp, root) = site("basic");
    let st = root.join("content/static");
    let bad = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(st.join(bad), "x").unwrap_or_else(|e| panic!("{e}"));
    write(&st.join("pdf\\a.pdf"), "x");
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let not_utf8 = "content/static/caf\u{FFFD}.txt:1:1: error: the file name `caf\u{FFFD}.txt` is not valid UTF-8";
    assert!(r.stderr.contains(not_utf8), "{}", r.stderr);
    // The path is shown with `/`, the name as it is.
    assert!(r.stderr.contains("error: the file name `pdf\\a.pdf` holds a backslash"), "{}", r.stderr);
    assert!(r.stderr.contains("hint: rename it"), "{}", r.stderr);
    assert!(!r.stderr.contains("No such file"), "{}", r.stderr);
}

#[test]
fn a_static_name_that_clashes_with_the_site_gets_a_hint() {
    for (name, message) in [
        ("en", "`en` is a folder of the site (`/en/`), so it cannot be a file"),
        ("briefs", "`briefs` is a folder of the site"),
        ("index.html", "`index.html` is the address of a page raport makes"),
        ("robots.txt/x", "`robots.txt` is a file of the site, so `content/static/robots.txt/` cannot be a folder"),
    ] {
        let (tmp, root) = site("basic");
        write(&root.join("content/static").join(name), "x");
        let r = build_site(tmp.path(), &root);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(&format!("content/static/{name}:1:1: error: {message}")), "{name}: {}", r.stderr);
        assert!(r.stderr.contains("hint: "), "{}", r.stderr);
    }
    // Replacing a generated file is allowed.
    let (tmp, root) = site("basic");
    write(&root.join("content/static/robots.txt"), "User-agent: *\nDisallow: /\n");
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(read(&root.join("public"), "robots.txt"), "User-agent: *\nDisallow: /\n");
}

/// A custom theme's `static/` folder is copied into the site as
/// `content/static/` is, so the same rule holds for links.
fn custom_theme(root: &Path) -> std::path::PathBuf {
    let theme = root.join("themes/custom");
    write(&theme.join("static/assets/custom.css"), "body{}");
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap_or_else(|e| panic!("{e}"));
    write(&root.join("site.yaml"), &format!("{yaml}theme: custom\n"));
    theme
}

#[test]
fn a_symlink_in_a_theme_static_folder_is_an_error_with_the_path_and_a_hint() {
    let (tmp, root) = site("basic");
    let theme = custom_theme(&root);
    std::os::unix::fs::symlink("/etc", theme.join("static/etc")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("/etc/hostname", theme.join("static/assets/host.txt")).unwrap_or_else(|e| panic!("{e}"));
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for path in ["themes/custom/static/etc", "themes/custom/static/assets/host.txt"] {
        let line = format!(
            "{path}:1:1: error: this is a symbolic link; raport does not follow links in themes/custom/static/"
        );
        assert!(r.stderr.contains(&line), "{}", r.stderr);
    }
    assert!(r.stderr.contains("hint: put the file itself (a copy) here"), "{}", r.stderr);
    assert!(!root.join("public").exists());
}

#[test]
fn a_symlinked_theme_static_folder_is_refused_not_copied() {
    let (tmp, root) = site("basic");
    let theme = custom_theme(&root);
    std::fs::remove_dir_all(theme.join("static")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("/etc", theme.join("static")).unwrap_or_else(|e| panic!("{e}"));
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("themes/custom/static:1:1: error: this is a symbolic link"), "{}", r.stderr);
    assert!(!root.join("public").exists());
}

#[test]
fn a_theme_static_folder_is_copied_with_its_dotfiles() {
    let (tmp, root) = site("basic");
    let theme = custom_theme(&root);
    write(&theme.join("static/.well-known/x.txt"), "x");
    write(&theme.join("static/assets/.custom.css.swp"), "junk");
    let r = build_site(tmp.path(), &root);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = root.join("public");
    assert_eq!(read(&out, "assets/custom.css"), "body{}");
    assert_eq!(read(&out, ".well-known/x.txt"), "x");
    assert!(!out.join("assets/.custom.css.swp").exists());
    assert!(out.join("assets/style.css").is_file(), "the default theme fills the gaps");
}

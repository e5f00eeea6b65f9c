//! New content and new sites: `raport new brief` and `raport init` (SPEC §8;
//! `init` in `init.rs`).
//!
//! The files written come from templates embedded in the binary
//! (`src/scaffold/site/`, `src/scaffold/brief/`), so a new site builds at
//! once with no network and no theme folder. Nothing existing is ever
//! overwritten.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::i18n::Date;
use crate::slug::slugify;
use crate::{Error, io};

mod init;

pub use init::{InitOptions, action, init_site, repository};

/// The brief template per language; other languages get the English one.
const BRIEF_SQ: &str = include_str!("brief/sq.md");
const BRIEF_EN: &str = include_str!("brief/en.md");

/// Checks that `stem` can name a brief: lowercase letters, digits, `-` and `_`.
/// The error says what to use instead.
pub(crate) fn check_stem(stem: &str) -> Result<(), String> {
    let ok_char = |c: char| (c.is_alphanumeric() && !c.is_uppercase()) || c == '-' || c == '_';
    let suggestion = slugify(stem.trim_end_matches(".md").split('.').next().unwrap_or(stem));
    let ok =
        !stem.is_empty() && stem.chars().all(ok_char) && !stem.starts_with(['-', '_']) && !slugify(stem).is_empty();
    if ok {
        return Ok(());
    }
    let mut m = format!("`{stem}` cannot name a brief: use lowercase letters, digits and hyphens, as in a URL");
    if !suggestion.is_empty() {
        m.push_str(&format!(", e.g. `{suggestion}`"));
    }
    Err(m)
}

/// Creates `content/briefs/<stem>.<lang>.md` in every language of the site
/// at `root`, dated `today` and marked as a draft. Refuses to overwrite.
/// Returns the files written, relative to `root`.
pub fn new_brief(root: &Path, stem: &str, today: Date) -> Result<Vec<PathBuf>, Error> {
    check_stem(stem).map_err(Error::Usage)?;
    let mut diags = Diagnostics::new();
    let Some(config) = crate::content::load_config(root, &mut diags)? else {
        return Err(Error::Content(diags));
    };
    let rels: Vec<(PathBuf, &str)> = config
        .languages
        .all()
        .iter()
        .map(|l| (PathBuf::from(format!("content/briefs/{stem}.{l}.md")), l.as_str()))
        .collect();
    if let Some((rel, _)) = rels.iter().find(|(rel, _)| root.join(rel).exists()) {
        return Err(Error::Usage(format!(
            "{} already exists; choose another name, or edit that file",
            crate::diag::display_path(rel)
        )));
    }
    let countries: Vec<&str> = config.countries.iter().map(|c| c.code.as_str()).collect();
    for (rel, lang) in &rels {
        let template = if *lang == "sq" { BRIEF_SQ } else { BRIEF_EN };
        let text = template.replace("@DATE@", &today.to_string()).replace("@COUNTRIES@", &countries.join(" "));
        write_new(&root.join(rel), &text)?;
    }
    Ok(rels.into_iter().map(|(rel, _)| rel).collect())
}

/// Writes a file that must not exist yet, creating its folder.
fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        io(parent, std::fs::create_dir_all(parent))?;
    }
    let mut f = io(path, std::fs::OpenOptions::new().write(true).create_new(true).open(path))?;
    io(path, std::io::Write::write_all(&mut f, text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_must_be_url_friendly() {
        assert!(check_stem("siguria-ne-ballkan").is_ok());
        assert!(check_stem("siguria-në-ballkan").is_ok());
        assert!(check_stem("raport_2024").is_ok());
        let e = check_stem("Siguria në Ballkan").err().unwrap_or_default();
        assert!(e.contains("e.g. `siguria-ne-ballkan`"), "{e}");
        let e = check_stem("radar.sq.md").err().unwrap_or_default();
        assert!(e.contains("e.g. `radar`"), "{e}");
        for bad in ["", "a/b", "../x", "-x", "...", "a b", "Siguria"] {
            assert!(check_stem(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn init_refuses_a_folder_with_files() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(tmp.path().join("notes.txt"), "x").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(init_site(tmp.path(), &InitOptions::default()), Err(Error::Usage(_))));
        assert!(!tmp.path().join("site.yaml").exists());
    }
}

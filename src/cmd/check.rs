//! `raport check`.

use std::path::{Path, PathBuf};

use raport::{BuildOptions, Error};

use crate::cli::{CheckArgs, Format};

/// Checks the site; prints every diagnostic in the chosen format.
pub fn run(a: CheckArgs) -> Result<(), Error> {
    let mut opts = BuildOptions::new(&a.root);
    opts.drafts = a.drafts;
    let (diags, result) = match raport::check(&opts) {
        Ok(report) => (report.diagnostics, Ok(report.pages)),
        Err(Error::Content(d)) => (d, Err(())),
        Err(e) => return Err(e),
    };
    match a.format {
        Format::Human => {
            eprint!("{}", diags.render_human());
            if let Ok(pages) = result {
                println!("ok: {pages} pages, {} warnings", diags.warning_count());
            }
        }
        Format::Github => print!("{}", diags.render_github(&repo_prefix(&a.root))),
        Format::Json => print!("{}", diags.render_json()),
    }
    match result {
        Ok(_) => Ok(()),
        // Already printed in the chosen format.
        Err(()) => std::process::exit(1),
    }
}

/// The site folder relative to the enclosing git repository, so that
/// annotations name files as GitHub does.
fn repo_prefix(root: &Path) -> PathBuf {
    let Ok(abs) = root.canonicalize() else { return root.to_path_buf() };
    let mut dir = abs.as_path();
    loop {
        if dir.join(".git").exists() {
            return abs.strip_prefix(dir).map(Path::to_path_buf).unwrap_or_default();
        }
        match dir.parent() {
            Some(p) => dir = p,
            None => return PathBuf::new(),
        }
    }
}

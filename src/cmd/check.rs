//! `raport check`.

use raport::{BuildOptions, Error};

use crate::cli::{CheckArgs, Format};

/// Checks the site; prints every diagnostic in the chosen format.
pub(super) fn run(a: CheckArgs) -> Result<(), Error> {
    let mut opts = BuildOptions::new(&a.root);
    opts.drafts = a.drafts;
    let (diags, result) = match raport::check(&opts) {
        Ok(report) => (report.diagnostics, Ok(report.pages)),
        Err(Error::Content(d)) => (d, Err(())),
        Err(e) => return Err(e),
    };
    match a.format {
        Format::Human => {
            eprint!("{}", diags.render_human_styled(raport::diag::stderr_color()));
            if let Ok(pages) = result {
                println!("ok: {pages} pages, {} warnings", diags.warning_count());
            }
        }
        Format::Github => {
            print!("{}", diags.render_github(&raport::diag::repo_prefix(&a.root)));
            eprintln!("{}", diags.summary());
        }
        Format::Json => print!("{}", diags.render_json()?),
    }
    match result {
        Ok(_) => Ok(()),
        // Already printed in the chosen format.
        Err(()) => std::process::exit(1),
    }
}

//! `raport build`.

use std::time::Instant;

use raport::BuildOptions;

use crate::cli::BuildArgs;

/// Builds the site and prints warnings and a one-line summary.
pub(super) fn run(a: BuildArgs) -> Result<(), raport::Error> {
    let start = Instant::now();
    let mut opts = BuildOptions::new(&a.root);
    if let Some(o) = a.output {
        opts.output = o;
    }
    opts.base_url = a.base_url;
    opts.drafts = a.drafts;
    opts.force_output = a.force_output;
    raport::output::clean_up_on_interrupt();
    let report = raport::build(&opts)?;
    if !report.diagnostics.is_empty() {
        eprint!("{}", report.diagnostics.render_human_brief(raport::diag::stderr_color()));
    }
    println!(
        "built {} pages ({} files) into {} in {} ms",
        report.pages,
        report.files,
        opts.output.display(),
        start.elapsed().as_millis()
    );
    Ok(())
}

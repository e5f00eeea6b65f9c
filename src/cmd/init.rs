//! `raport init <dir> [--title] [--languages] [--countries] [--base-url]`.

use raport::scaffold::InitOptions;

use crate::cli::InitArgs;

/// Creates a new site and says what to do next.
pub(super) fn run(a: InitArgs) -> Result<(), raport::Error> {
    let opts = InitOptions {
        title: a.title,
        languages: a.languages,
        countries: a.countries,
        base_url: a.base_url,
        repo: a.repo,
    };
    let files = raport::scaffold::init_site(&a.dir, &opts)?;
    let dir = a.dir.display();
    println!("created a new site in {dir} ({} files)", files.len());
    // What the new site still lacks (UI strings for a language the built-in
    // theme does not speak, say) is best said now.
    let report = raport::check(&raport::BuildOptions::new(&a.dir))?;
    if !report.diagnostics.is_empty() {
        eprint!("{}", report.diagnostics.render_human_styled(raport::diag::stderr_color()));
    }
    println!();
    println!("next steps:");
    println!("  1. preview it:      cd {dir} && raport serve");
    println!("  2. in a new repository on GitHub, once: Settings → Pages → Build and deployment →");
    println!("     Source: GitHub Actions");
    println!("  3. push this folder to the repository's `main` branch (not `master`):");
    println!("     git init -b main && git add . && git commit -m \"First version\"");
    println!("     git remote add origin https://github.com/<owner>/<repository>.git && git push -u origin main");
    println!("  Every push to `main` then publishes the site, at the address Settings → Pages shows;");
    println!("  pull requests are checked.");
    println!(
        "  The workflows use {} (docs: {}/blob/main/docs/deploy.md).",
        raport::scaffold::action(),
        raport::scaffold::repository()
    );
    Ok(())
}

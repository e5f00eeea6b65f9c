//! `raport init <dir>`.

use crate::cli::InitArgs;

/// Creates a new site and says what to do next.
pub fn run(a: InitArgs) -> Result<(), raport::Error> {
    let files = raport::scaffold::init_site(&a.dir)?;
    println!("created a new site in {} ({} files)", a.dir.display(), files.len());
    println!("next: cd {} && raport serve", a.dir.display());
    if raport::scaffold::raport_git() == raport::scaffold::GIT_PLACEHOLDER {
        println!(
            "before publishing: set RAPORT_GIT in .github/workflows/pages.yml and check.yml to the raport repository"
        );
    }
    Ok(())
}

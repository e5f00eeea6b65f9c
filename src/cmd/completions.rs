//! `raport completions <shell>` and the hidden `raport man <dir>`: the command line
//! described for shells and for `man`, from the same definitions as `--help`.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs, Shell};

/// Prints the completion script for a shell.
pub(super) fn run(a: CompletionsArgs) -> Result<(), raport::Error> {
    let shell = match a.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut Cli::command(), "raport", &mut std::io::stdout());
    Ok(())
}

/// Writes the manual pages (roff) of raport and of each command into a
/// folder: `raport.1`, `raport-build.1`, ...
pub(super) fn man(a: ManArgs) -> Result<(), raport::Error> {
    raport::io(&a.dir, std::fs::create_dir_all(&a.dir))?;
    raport::io(&a.dir, clap_mangen::generate_to(Cli::command(), &a.dir))?;
    println!("wrote the manual pages into {}", a.dir.display());
    Ok(())
}

//! The `raport` binary: parse arguments, run a command, map the result to an
//! exit status (0 success, 1 content or I/O errors, 2 usage errors).

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let result = cmd::run(cli.command);
    std::process::exit(match result {
        Ok(()) => 0,
        Err(e) => {
            match &e {
                raport::Error::Content(d) => eprint!("{}", d.render_human_styled(raport::diag::stderr_color())),
                _ => eprint!("{e}"),
            }
            if !matches!(e, raport::Error::Content(_)) {
                eprintln!();
            }
            e.exit_code()
        }
    });
}

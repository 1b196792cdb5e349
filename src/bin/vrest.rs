//! `vrest`: the headless command-line front end on the same model as the page.
//!
//! Exit codes: 0 success, 2 bad input (one line on stderr, nothing on stdout),
//! 1 an unexpected failure (writing the output).

fn main() {
    std::process::exit(cli::run(std::env::args_os().skip(1).collect()));
}

#[path = "vrest/cli.rs"]
mod cli;

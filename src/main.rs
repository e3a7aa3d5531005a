//! The `minhbach` command: parses flags, calls the library, prints problems, sets the exit code.
//!
//! Exit status: 0 success, 1 content or theme errors, 2 wrong usage (clap's own).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "minhbach",
    version,
    about = "Bilingual static sites for public plans and budgets"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Paths {
    /// The content folder (site.toml, agencies/, plans/, pages/).
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The theme folder (templates/, static/, i18n/).
    #[arg(long, default_value = "themes/default")]
    theme: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        paths: Paths,
        /// Where to write the site; replaced only when the build succeeds.
        #[arg(long, short, default_value = "output")]
        output: PathBuf,
        /// Public address of the site (https://…/), overriding site.toml's base_url.
        #[arg(long, value_parser = minhbach::validate::base_url)]
        base_url: Option<String>,
    },
    /// Load and validate the content and theme without writing anything.
    Check {
        #[command(flatten)]
        paths: Paths,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            paths,
            output,
            base_url,
        } => {
            let opts = minhbach::BuildOptions {
                content: paths.content,
                theme: paths.theme,
                output,
                base_url,
            };
            minhbach::build(&opts).map(|report| println!("{report}"))
        }
        Command::Check { paths } => {
            minhbach::check(&paths.content, &paths.theme).map(|report| println!("{report}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::from(1)
        }
    }
}

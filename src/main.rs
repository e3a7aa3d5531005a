//! The `minhbach` command: parses flags, calls the library, prints problems, sets the exit code.
//!
//! Exit status: 0 success, 1 content or theme errors (or warnings under `--strict`), a refused
//! output folder, or a `verify` that found differences; 2 wrong usage (clap's own).

use clap::{Parser, Subcommand, ValueEnum};
use minhbach::problem::{Problem, Problems};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build allocates and frees millions of small
/// strings on both cores, and glibc's allocator took a third of a large build's time (700
/// plans: 33 s with it, 26 s with mimalloc, and a lower peak).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// The content folder (site.toml, agencies/, plans/, pages/, static/).
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// A theme folder (templates/, static/, i18n/, glossary.toml) whose files replace the built-in
    /// theme's, file by file. Default: the site's own themes/default/ beside the content folder,
    /// if there is one; else the built-in theme alone.
    #[arg(long)]
    theme: Option<PathBuf>,
}

#[derive(clap::Args)]
struct Checking {
    /// Warnings (e.g. a printed total that is not the sum of its lines) stop the build too.
    #[arg(long)]
    strict: bool,
    /// How to print problems: `text` for people, `json` for tools (one object on stdout).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        paths: Paths,
        #[command(flatten)]
        checking: Checking,
        /// Where to write the site; replaced only when the build succeeds.
        #[arg(long, short, default_value = "output")]
        output: PathBuf,
        /// Public address of the site (https://…/), overriding site.toml's base_url.
        #[arg(long, value_parser = minhbach::validate::base_url)]
        base_url: Option<String>,
        /// Build into an output folder that holds files minhbach did not write. They are kept; any the
        /// new site would overwrite are moved to a backup folder beside the output first.
        #[arg(long)]
        force: bool,
    },
    /// Load, validate and render the site without writing anything.
    Check {
        #[command(flatten)]
        paths: Paths,
        #[command(flatten)]
        checking: Checking,
    },
    /// Preview the site in a browser, reloading open pages after every edit (writes nothing).
    Serve {
        #[command(flatten)]
        paths: Paths,
        /// The port to listen on (0: any free port; the address is printed).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; loopback unless you need another machine to see it.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Serve the site under this sub-path, as a host would (e.g. /kehoach/).
        #[arg(long, default_value = "/")]
        base_path: String,
    },
    /// Write a plan.xlsx workbook to fill in, into a plan folder (never overwrites).
    Template {
        /// The plan folder (content/plans/<id>); its projects.toml gives the project list.
        dir: PathBuf,
    },
    /// Make a new site folder with one commented example of every content file.
    New {
        /// The folder to create (it must not exist, or be empty).
        dir: PathBuf,
    },
    /// Check a built (or downloaded, or mirrored) site against its manifest.json.
    Verify {
        /// The site folder.
        folder: PathBuf,
        /// Also check that the site was built from this content folder (and --theme).
        #[arg(long)]
        content: Option<PathBuf>,
        /// The theme folder it was built with, if not the default (see build --theme).
        #[arg(long)]
        theme: Option<PathBuf>,
    },
}

/// Every problem of a failed run: the content's own, or one for any other failure.
fn problems_of(e: &anyhow::Error) -> Vec<Problem> {
    match e.downcast_ref::<Problems>() {
        Some(p) => p.0.clone(),
        None => vec![Problem::file("", format!("{e:#}"))],
    }
}

fn print_json(ok: bool, problems: &[Problem], report: Option<&minhbach::Report>) {
    let summary = report.map(|r| {
        serde_json::json!({
            "plans": r.plans, "targets": r.targets, "projects": r.projects,
            "agencies": r.agencies, "pages": r.pages, "files": r.files,
            "output": r.output.as_ref().map(|o| o.display().to_string()),
            "notes": r.notes,
        })
    });
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let v = serde_json::json!({
        "ok": ok,
        "errors": errors,
        "warnings": problems.len() - errors,
        "problems": problems,
        "report": summary,
    });
    println!("{v}");
}

fn finish(result: anyhow::Result<minhbach::Report>, format: Format) -> ExitCode {
    match (result, format) {
        (Ok(report), Format::Text) => {
            if !report.warnings.is_empty() {
                eprint!("{}", minhbach::problem::listing(&report.warnings));
            }
            println!("{report}");
            ExitCode::SUCCESS
        }
        (Ok(report), Format::Json) => {
            print_json(true, &report.warnings, Some(&report));
            ExitCode::SUCCESS
        }
        (Err(e), Format::Text) => {
            eprintln!("{e:#}");
            ExitCode::from(1)
        }
        (Err(e), Format::Json) => {
            print_json(false, &problems_of(&e), None);
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            paths,
            checking,
            output,
            base_url,
            force,
        } => {
            let opts = minhbach::BuildOptions {
                content: paths.content,
                theme: paths.theme,
                output,
                base_url,
                force,
                strict: checking.strict,
            };
            finish(minhbach::build(&opts), checking.format)
        }
        Command::Check { paths, checking } => finish(
            minhbach::check(&paths.content, paths.theme.as_deref(), checking.strict),
            checking.format,
        ),
        Command::Serve {
            paths,
            port,
            bind,
            base_path,
        } => serve(paths, port, bind, base_path),
        Command::Template { dir } => template(&dir),
        Command::New { dir } => new_site(&dir),
        Command::Verify {
            folder,
            content,
            theme,
        } => verify(&folder, content, theme),
    }
}

/// Says what went wrong; exit status 1.
fn failed(e: &anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::from(1)
}

fn serve(paths: Paths, port: u16, bind: String, base_path: String) -> ExitCode {
    let opts = minhbach::serve::Options {
        content: paths.content,
        theme: paths.theme,
        bind,
        port,
        base_path,
        limits: minhbach::serve::Limits::from_env(),
    };
    match minhbach::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(&e),
    }
}

fn template(dir: &Path) -> ExitCode {
    match minhbach::template::write(dir) {
        Ok(path) => {
            println!(
                "wrote {}: fill in the sheets \"Vốn\" and \"Tổng số in\" (the sheet \"Hướng dẫn\" says how), save, then run minhbach check",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e),
    }
}

fn new_site(dir: &Path) -> ExitCode {
    match minhbach::starter::create(dir) {
        Ok(files) => {
            println!(
                "made a new site in {} ({} files). Next:\n  cd {}\n  minhbach check\n  minhbach build      # then open output/index.html\nEvery file is commented; README.md there says what each one holds.",
                dir.display(),
                files.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e),
    }
}

/// Exit status 1 when the folder differs from its manifest, as for any failure.
fn verify(folder: &Path, content: Option<PathBuf>, theme: Option<PathBuf>) -> ExitCode {
    let sources = content.as_deref().map(|c| (c, theme.as_deref()));
    match minhbach::verify(folder, sources) {
        Ok(v) => {
            println!("{v}");
            if v.ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::from(1)
        }
    }
}

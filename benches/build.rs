//! Build benchmark: generates a large synthetic site (default 1,000 plans of 10 projects each,
//! with sub-projects, targets, duties and budgets, both languages), builds it, and prints pages per
//! second and peak memory.
//!
//!     cargo bench --bench build                     # 1,000 plans
//!     MINHBACH_BENCH_PLANS=200 cargo bench --bench build
//!     MINHBACH_BENCH_PROGRESS=0 cargo bench --bench build   # the plans without their reports
//!
//! Peak memory is the process's VmHWM from /proc (Linux); it includes the generator's own use.

use std::path::Path;
use std::time::Instant;

mod common;

/// The allocator the `minhbach` binary uses (see src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use common::{peak_mib, write_site};

fn main() {
    let plans: usize = std::env::var("MINHBACH_BENCH_PLANS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let tmp = tempfile::tempdir().expect("temp dir");
    // MINHBACH_BENCH_DIR keeps the generated content for profiling with the real binary.
    let root = std::env::var_os("MINHBACH_BENCH_DIR")
        .map_or_else(|| tmp.path().to_path_buf(), std::path::PathBuf::from);
    let content = root.join("content");
    let t = Instant::now();
    write_site(&content, plans).expect("write synthetic content");
    println!(
        "generated {plans} plans of 10 projects (+20 sub-projects) each in {:.2?}",
        t.elapsed()
    );
    let rss_before = peak_mib("self").unwrap_or(0.0);
    let opts = minhbach::BuildOptions {
        content,
        theme: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")),
        output: root.join("output"),
        base_url: None,
        force: false,
        strict: false,
    };
    let runs = 3;
    let mut best = f64::MAX;
    let mut pages = 0;
    for _ in 0..runs {
        let report = minhbach::build(&opts).expect("build");
        best = best.min(report.elapsed.as_secs_f64());
        pages = report.pages;
    }
    println!("built {pages} pages (both languages), best of {runs}: {best:.2} s = {:.0} pages/s on {} threads", pages as f64 / best, rayon::current_num_threads());
    if let Some(peak) = peak_mib("self") {
        println!(
            "peak memory (VmHWM): {peak:.0} MiB (after generating content: {rss_before:.0} MiB)"
        );
    }
}

//! No input may make minhbach panic: every fixture file, truncated and corrupted at many places,
//! must give either a valid site or problems with a file name.

use crate::copy_fixture;

/// Deterministic variants of a file: truncations and single-character corruptions.
fn variants(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut out = Vec::new();
    for k in 1..12 {
        let at = n * k / 12;
        out.push(chars[..at].iter().collect());
        for bad in ['"', '[', '\n', 'é'] {
            let mut c = chars.clone();
            if at < n {
                c[at] = bad;
            }
            out.push(c.into_iter().collect());
        }
    }
    out
}

#[test]
fn corrupted_content_never_panics() {
    let (_tmp, content) = copy_fixture("basic");
    let files: Vec<_> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    let out = tempfile::tempdir().unwrap();
    let (mut errors, mut built) = (0, 0);
    for file in &files {
        let original = std::fs::read_to_string(file).unwrap();
        for (i, variant) in variants(&original).into_iter().enumerate() {
            std::fs::write(file, &variant).unwrap();
            match minhbach::load_site(&content) {
                Ok(_) => {
                    // Whatever loads must also render and write; every fourth one, for time.
                    if i % 4 == 0 {
                        let opts = minhbach::BuildOptions {
                            content: content.clone(),
                            theme: Some(crate::theme()),
                            output: out.path().join("site"),
                            base_url: None,
                            force: false,
                            strict: false,
                        };
                        minhbach::build(&opts)
                            .unwrap_or_else(|e| panic!("valid content did not build: {e:#}"));
                        built += 1;
                    }
                }
                Err(e) => {
                    // Every problem starts with the file it is in.
                    let msg = e.to_string();
                    for line in msg.lines().filter(|l| l.starts_with("error:")) {
                        assert!(
                            line.starts_with(&format!("error: {}", content.display())),
                            "problem without its file: {line}"
                        );
                    }
                    errors += 1;
                }
            }
        }
        std::fs::write(file, &original).unwrap();
    }
    assert!(built > 0, "no corrupted variant was valid enough to build");
    assert!(
        errors > 100,
        "corruptions should mostly be caught; only {errors} were"
    );
}

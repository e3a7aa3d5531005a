//! Reading the content folder: TOML files into raw structs, Markdown files with front matter.
//!
//! Every input type has a pure `parse_*(file)` half, tested on strings, and this module's thin
//! file-reading half. Syntax problems are collected with file, line and column.

pub mod raw;

use crate::problem::{Problem, Problems, SourceFile};
use raw::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// A parsed file together with its source, for locating later problems.
#[derive(Debug)]
pub struct Sourced<T> {
    pub file: SourceFile,
    pub data: T,
}

/// Everything in a content folder, parsed but not yet validated.
#[derive(Debug)]
pub struct RawSite {
    pub settings: Sourced<RawSettings>,
    pub agencies: Vec<Sourced<RawAgencyFile>>,
    pub plans: Vec<RawPlanDir>,
    pub pages: Vec<RawPage>,
}

/// One `plans/<id>/` folder.
#[derive(Debug)]
pub struct RawPlanDir {
    pub id: String,
    /// The folder, for problems about the folder itself.
    pub dir: SourceFile,
    pub plan: Sourced<RawPlan>,
    pub targets: Option<Sourced<RawTargetsFile>>,
    pub projects: Option<Sourced<RawProjectsFile>>,
    pub duties: Option<Sourced<RawDutiesFile>>,
    pub document_vi: Option<String>,
    pub document_en: Option<String>,
}

/// A Markdown page in one language.
#[derive(Debug)]
pub struct RawPage {
    pub file: SourceFile,
    pub slug: String,
    pub lang: String,
    pub front: RawFrontMatter,
    /// Markdown after the front matter.
    pub body: String,
}

/// Parses a TOML file into `T`, reporting syntax and schema problems at their line.
pub fn parse_toml<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    toml::from_str::<T>(&file.text).map_err(|e| {
        let message = e.message().trim_end().replace('\n', " ");
        file.problem(e.span(), explain_toml(&message))
    })
}

/// Adds a hint to serde's terse messages where authors commonly trip.
fn explain_toml(message: &str) -> String {
    if message.starts_with("unknown variant") {
        format!("{message}; see docs/content-format.md for the allowed values")
    } else if message.starts_with("unknown field") {
        format!("{message}; check the spelling against docs/content-format.md")
    } else if message.starts_with("invalid type: string") && message.contains("expected i") {
        // serde's words for `horizon = "2025"`.
        format!("{message}: write a whole number without quotes, e.g. horizon = 2025")
    } else if message.starts_with("invalid type: integer") && message.contains("expected a string")
    {
        format!("{message}: put the value in quotes, e.g. id = \"du-an-1\"")
    } else if message.contains("recursion limit") {
        format!("{message}: the file nests tables or arrays too deeply; check for a missing `]` or `}}`")
    } else {
        message.to_string()
    }
}

/// Splits `+++`-delimited TOML front matter from a Markdown page.
pub fn parse_page(file: &SourceFile, slug: &str, lang: &str) -> Result<RawPage, Problem> {
    let text: &str = &file.text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front, body) = match text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    {
        Some(rest) => {
            // The closing `+++` line, with Windows line ends allowed.
            let mut offset = 0;
            let mut close = None;
            for line in rest.split_inclusive('\n') {
                if line.trim_end_matches(['\r', '\n']) == "+++" {
                    close = Some((offset, offset + line.len()));
                    break;
                }
                offset += line.len();
            }
            let (end, after) = close.ok_or_else(|| {
                file.problem(
                    Some(0..3),
                    "front matter opened with `+++` is never closed; add a line `+++` after it",
                )
            })?;
            let front_text = rest[..end].replace("\r\n", "\n");
            let front_file = SourceFile::new(file.name.clone(), format!("\n{front_text}"));
            let front: RawFrontMatter = parse_toml(&front_file)?;
            (
                front,
                rest[after..].trim_start_matches(['\r', '\n']).to_string(),
            )
        }
        None => (RawFrontMatter::default(), text.to_string()),
    };
    Ok(RawPage {
        file: file.clone(),
        slug: slug.to_string(),
        lang: lang.to_string(),
        front,
        body,
    })
}

/// Reads and parses the whole content folder; every problem is collected.
pub fn load(content: &Path) -> Result<RawSite, Problems> {
    let mut problems = Problems::default();
    if !content.is_dir() {
        problems.push(Problem {
            file: content.display().to_string(),
            line: 0,
            column: 0,
            message:
                "content folder not found; pass --content <folder> or run from the site's folder"
                    .into(),
        });
        return Err(problems);
    }
    let settings = read_toml::<RawSettings>(content, Path::new("site.toml"), &mut problems);
    let agencies = toml_files(content, "agencies")
        .into_iter()
        .filter_map(|rel| read_toml::<RawAgencyFile>(content, &rel, &mut problems))
        .collect();
    let plans = plan_dirs(content)
        .into_iter()
        .filter_map(|(id, rel)| load_plan(content, id, &rel, &mut problems))
        .collect();
    let pages = load_pages(content, &mut problems);
    match settings {
        Some(settings) if problems.is_empty() => Ok(RawSite {
            settings,
            agencies,
            plans,
            pages,
        }),
        _ => Err(problems),
    }
}

fn display_name(content: &Path, rel: &Path) -> String {
    content.join(rel).display().to_string()
}

fn read_source(content: &Path, rel: &Path, problems: &mut Problems) -> Option<SourceFile> {
    let name = display_name(content, rel);
    match std::fs::read_to_string(content.join(rel)) {
        Ok(text) => Some(SourceFile::new(name, text)),
        Err(e) => {
            let message = if e.kind() == std::io::ErrorKind::InvalidData {
                "is not valid UTF-8 text; save it as UTF-8".to_string()
            } else if e.kind() == std::io::ErrorKind::NotFound {
                "is missing; see docs/content-format.md for what goes in it".to_string()
            } else {
                format!("cannot be read: {e}")
            };
            problems.push(Problem {
                file: name,
                line: 0,
                column: 0,
                message,
            });
            None
        }
    }
}

fn read_toml<T: DeserializeOwned>(
    content: &Path,
    rel: &Path,
    problems: &mut Problems,
) -> Option<Sourced<T>> {
    let file = read_source(content, rel, problems)?;
    match parse_toml(&file) {
        Ok(data) => Some(Sourced { file, data }),
        Err(p) => {
            problems.push(p);
            None
        }
    }
}

fn read_optional_toml<T: DeserializeOwned>(
    content: &Path,
    rel: &Path,
    problems: &mut Problems,
) -> Option<Sourced<T>> {
    content
        .join(rel)
        .is_file()
        .then(|| read_toml(content, rel, problems))
        .flatten()
}

/// `*.toml` files directly in `content/<sub>`, sorted, as paths relative to `content`.
fn toml_files(content: &Path, sub: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(content.join(sub))
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml"))
        .filter_map(|e| e.path().strip_prefix(content).ok().map(Path::to_path_buf))
        .collect();
    out.sort();
    out
}

/// Folders under `content/plans`, sorted by id.
fn plan_dirs(content: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = walkdir::WalkDir::new(content.join("plans"))
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                Path::new("plans").join(e.file_name()),
            )
        })
        .collect();
    out.sort();
    out
}

fn load_plan(
    content: &Path,
    id: String,
    rel: &Path,
    problems: &mut Problems,
) -> Option<RawPlanDir> {
    let dir = SourceFile::new(display_name(content, rel), "");
    if !crate::validate::is_valid_id(&id) {
        problems.push(dir.problem(None, "a plan folder name must use only a-z, 0-9 and `-` (it becomes the page address); rename the folder"));
    }
    let plan = read_toml::<RawPlan>(content, &rel.join("plan.toml"), problems);
    let targets = read_optional_toml(content, &rel.join("targets.toml"), problems);
    let projects = read_optional_toml(content, &rel.join("projects.toml"), problems);
    let duties = read_optional_toml(content, &rel.join("duties.toml"), problems);
    let read_md = |name: &str, problems: &mut Problems| {
        let p = rel.join(name);
        content
            .join(&p)
            .is_file()
            .then(|| read_source(content, &p, problems))
            .flatten()
            .map(|f| f.text.to_string())
    };
    let document_vi = read_md("document.vi.md", problems);
    let document_en = read_md("document.en.md", problems);
    Some(RawPlanDir {
        id,
        dir,
        plan: plan?,
        targets,
        projects,
        duties,
        document_vi,
        document_en,
    })
}

fn load_pages(content: &Path, problems: &mut Problems) -> Vec<RawPage> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(content.join("pages"))
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| e.path().strip_prefix(content).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    let mut pages = Vec::new();
    for rel in files {
        let Some(file) = read_source(content, &rel, problems) else {
            continue;
        };
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((slug, lang)) = stem.rsplit_once('.') else {
            problems.push(file.problem(None, "a page file is named `<name>.<language>.md`, e.g. `about.vi.md` or `about.en.md`; rename it"));
            continue;
        };
        match parse_page(&file, slug, lang) {
            Ok(page) => pages.push(page),
            Err(p) => problems.push(p),
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile::new("t.toml", text)
    }

    #[test]
    fn front_matter_with_windows_line_ends_and_empty_front_matter() {
        let f = SourceFile::new(
            "about.vi.md",
            "+++\r\ntitle = \"Giới thiệu\"\r\n+++\r\n# Trang\r\n",
        );
        let p = parse_page(&f, "about", "vi").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Giới thiệu"));
        assert_eq!(p.body, "# Trang\r\n");
        let f = SourceFile::new("about.vi.md", "+++\n+++\nBody\n");
        assert_eq!(parse_page(&f, "about", "vi").unwrap().body, "Body\n");
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"x\"\nBody\n");
        let e = parse_page(&f, "about", "vi").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn empty_vietnamese_is_an_error_and_empty_english_is_missing() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"  \"\nkind = \"office\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!(p.line, 3, "{p}");
        assert!(p.message.contains("this text is empty"), "{p}");
        let f = src(
            "[[agency]]\nid = \"a\"\nname = { vi = \"Phòng\", en = \"\" }\nkind = \"office\"\n",
        );
        let parsed: RawAgencyFile = parse_toml(&f).unwrap();
        assert_eq!(parsed.agency[0].name.en, None);
    }

    #[test]
    fn a_quoted_year_is_explained_in_plain_words() {
        let f = src("id = \"t\"\nhorizon = \"2025\"\n");
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            id: String,
            horizon: i32,
        }
        let p = parse_toml::<T>(&f).unwrap_err();
        assert!(
            p.message.contains("write a whole number without quotes"),
            "{p}"
        );
    }

    #[test]
    fn parses_bilingual_and_plain_text() {
        let f = src("[[agency]]\nid = \"a\"\nname = { vi = \"Phòng\", en = \"Office\" }\nkind = \"office\"\n[[agency]]\nid = \"b\"\nname = \"Hội\"\nkind = \"front\"\n");
        let parsed: RawAgencyFile = parse_toml(&f).unwrap();
        assert_eq!(parsed.agency[0].name.en.as_deref(), Some("Office"));
        assert_eq!(parsed.agency[1].name.en, None);
    }

    #[test]
    fn reports_unknown_field_with_line() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"x\"\nkind = \"office\"\nkinds = 1\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!(p.line, 5, "{p}");
        assert!(p.message.contains("unknown field `kinds`"), "{p}");
    }

    #[test]
    fn reports_unknown_enum_value_with_allowed_values() {
        let f = src("[[agency]]\nid = \"a\"\nname = \"x\"\nkind = \"ofice\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert_eq!((p.line, p.column), (4, 8), "{p}");
        assert!(p.message.contains("office"), "{p}");
    }

    #[test]
    fn rejects_unknown_language_in_text() {
        let f =
            src("[[agency]]\nid = \"a\"\nname = { vi = \"x\", fr = \"y\" }\nkind = \"office\"\n");
        let p = parse_toml::<RawAgencyFile>(&f).unwrap_err();
        assert!(p.message.contains("unknown language `fr`"), "{p}");
    }

    #[test]
    fn reads_figures_as_printed_and_as_numbers() {
        let f = src("amount = \"17.860,0\"\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(
            m.amount.unwrap().into_inner(),
            RawFigure::Printed("17.860,0".into())
        );
        let f = src("amount = 17860.0\nphase = \"allocated\"\n");
        let m: RawMoney = parse_toml(&f).unwrap();
        assert_eq!(
            m.amount.unwrap().into_inner(),
            RawFigure::Plain("17860.0".into())
        );
    }

    #[test]
    fn splits_front_matter() {
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"Giới thiệu\"\n+++\n# Hello\n");
        let p = parse_page(&f, "about", "vi").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Giới thiệu"));
        assert_eq!(p.body, "# Hello\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let f = SourceFile::new("about.vi.md", "+++\ntitle = \"x\"\n# Hello\n");
        assert!(parse_page(&f, "about", "vi")
            .unwrap_err()
            .message
            .contains("never closed"));
    }
}

//! Validation of the site's own files: `site.toml` (title, addresses, as-of day, licence, the
//! channels for an error or a concern) and the agencies of `agencies/`, which every plan points
//! at.

use super::{base_url, mailto, web_url, Validator};
use crate::load::RawSite;
use crate::model::{id_rule, is_valid_id, Agency, Settings, Text};
use crate::problem::SourceFile;
use std::collections::HashMap;
use toml::Spanned;

impl Validator {
    /// A site whose plans have a calendar or recommendations needs an as-of day.
    pub(super) fn calendar_needs_as_of(
        &mut self,
        settings: &Settings,
        plans: &[crate::model::Plan],
        site_file: Option<&SourceFile>,
    ) {
        if settings.as_of.is_some() {
            return;
        }
        if let (Some(p), Some(file)) = (plans.iter().find(|p| !p.calendar.is_empty()), site_file) {
            self.problem(file, None, format!("plan `{}` has a reporting calendar, so the site needs `as_of = \"YYYY-MM-DD\"`: the day its figures are current to, against which reports are on time, late or overdue", p.id));
        } else if let (Some(p), Some(file)) =
            (plans.iter().find(|p| !p.supervision.is_empty()), site_file)
        {
            self.problem(file, None, format!("plan `{}` has supervision recommendations, so the site needs `as_of = \"YYYY-MM-DD\"`: the day its figures are current to, against which an answer is on time, late or overdue", p.id));
        }
    }

    /// The site's settings from site.toml; empty ones when it could not be read (its problems
    /// are reported, and nothing will be built).
    pub(super) fn settings(&mut self, raw: &RawSite) -> Settings {
        let Some(sourced) = &raw.settings else {
            return Settings {
                title: Text::default(),
                description: None,
                publisher: Text::default(),
                base_url: None,
                contact: None,
                as_of: None,
                licence: None,
                report_error: None,
                concerns: None,
            };
        };
        let s = &sourced.data;
        let file = &sourced.file;
        if let Some(langs) = &s.languages {
            if langs.get_ref() != &["vi", "en"] {
                self.problem(file, Some(langs.span()), "minhbach builds a Vietnamese site with an English version: write `languages = [\"vi\", \"en\"]` or leave the line out");
            }
        }
        let base_url = s.base_url.as_ref().and_then(|u| {
            base_url(u.get_ref())
                .map_err(|e| self.problem(file, Some(u.span()), format!("`base_url`: {e}")))
                .ok()
        });
        let as_of = s.as_of.as_ref().and_then(|d| {
            self.day(
                file,
                "as_of",
                d,
                ", the day the site's figures are current to",
            )
        });
        let licence = s.licence.as_ref().map(|l| self.licence(file, l));
        Settings {
            licence,
            report_error: self.channel(file, "report_error", &s.report_error),
            concerns: self.channel(file, "concerns", &s.concerns),
            title: self.text(&s.title),
            description: self.opt_text(&s.description),
            publisher: self.text(&s.publisher),
            base_url,
            contact: s.contact.clone(),
            as_of,
        }
    }

    /// The licence of the site's data: its name, and its address when it has one.
    fn licence(
        &mut self,
        file: &SourceFile,
        l: &Spanned<crate::load::raw::RawLicence>,
    ) -> (String, Option<String>) {
        let raw = l.get_ref();
        let url = raw
            .url
            .as_ref()
            .filter(|u| !u.trim().is_empty())
            .and_then(|u| {
                web_url(u.trim())
                    .map_err(|e| self.problem(file, Some(l.span()), format!("licence `url`: {e}")))
                    .ok()
            });
        if raw.name.trim().is_empty() {
            self.problem(file, Some(l.span()), "the licence has no `name`: write it as readers know it, e.g. licence = { name = \"CC BY 4.0\", url = \"https://creativecommons.org/licenses/by/4.0/\" }");
        }
        (raw.name.trim().to_string(), url)
    }

    /// A channel for readers (`report_error`, `concerns`): a web address or an e-mail address.
    fn channel(
        &mut self,
        file: &SourceFile,
        name: &str,
        r: &Option<Spanned<String>>,
    ) -> Option<String> {
        let r = r.as_ref()?;
        let u = r.get_ref().trim();
        let checked = if u.starts_with("mailto:") {
            mailto(u)
        } else {
            web_url(u).map_err(|e| {
                format!("{e}; or write an e-mail address as \"mailto:name@example.gov.vn\"")
            })
        };
        match checked {
            Ok(u) => Some(u),
            Err(e) => {
                self.problem(file, Some(r.span()), format!("{name} = {e}"));
                None
            }
        }
    }

    /// Every agency of `agencies/`: each id valid, free and used once.
    pub(super) fn agencies(&mut self, raw: &RawSite) -> Vec<Agency> {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut out = Vec::new();
        for f in &raw.agencies {
            for a in &f.data.agency {
                let id = a.id.get_ref().clone();
                if !is_valid_id(&id) {
                    self.problem(&f.file, Some(a.id.span()), id_rule("agency id", &id));
                }
                if id == "index" {
                    self.problem(
                        &f.file,
                        Some(a.id.span()),
                        "agency id `index` is taken by the list of all agencies; choose another id",
                    );
                }
                let (line, _) = f.file.line_col(a.id.span().start);
                let here = format!("{}:{line}", f.file.name);
                if let Some(first) = seen.insert(id.clone(), here) {
                    self.problem(&f.file, Some(a.id.span()), format!("agency id `{id}` is already used at {first}; every agency needs its own id"));
                }
                out.push(Agency {
                    id,
                    name: self.text(&a.name),
                    kind: a.kind,
                    area: self.opt_text(&a.area),
                });
            }
        }
        out
    }
}

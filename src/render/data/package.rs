//! The whole-site data package of one language: every dataset as CSV and JSON under `data/`
//! (`en/data/` for English), a `datapackage.json` (Frictionless Data Package: a Table Schema per
//! CSV resource, with types, units and the codes a field may take), and one zip of it all.
//! Each package stands alone: the English one repeats the JSON files, which are the same in both
//! languages, so that either zip is complete.

use serde_json::{json, Map, Value};
use sha2::Digest;

use super::sets::{self, Set};
use super::{csv_header, data_date, push_csv_row, table_csv_head, About, JsonOut};
use crate::model::{Lang, Site};

/// One dataset of a package: what its files hold, without holding them (a large site's data
/// would otherwise stay in memory for the whole build).
pub struct Resource {
    pub set: Set,
    pub rows: usize,
    pub csv: FileMeta,
    pub json: FileMeta,
}

pub struct FileMeta {
    pub bytes: usize,
    pub hash: String,
}

impl FileMeta {
    fn of(text: &str) -> FileMeta {
        FileMeta {
            bytes: text.len(),
            hash: sha256(text.as_bytes()),
        }
    }
}

pub struct Package {
    lang: Lang,
    pub resources: Vec<Resource>,
    /// `datapackage.json`.
    pub descriptor: String,
    /// Everything in one zip.
    pub zip: Vec<u8>,
}

/// The name of the descriptor, and of the zip, inside a package's folder.
pub const DESCRIPTOR: &str = "datapackage.json";
pub const ZIP: &str = "open-data.zip";

/// The JSON of dataset `set` of the whole site: the same in both languages (its page addresses
/// are the Vietnamese ones).
fn site_json(site: &Site, set: Set) -> String {
    let mut out = JsonOut::new(set, &About::of(site, None), 0);
    sets::for_each_row(site, set, Lang::Vi, |r| out.push(r));
    out.finish()
}

/// The CSV of dataset `set` of the whole site in `lang`, and its row count.
fn site_csv(site: &Site, set: Set, lang: Lang) -> (usize, String) {
    let mut out = table_csv_head(&csv_header(set, lang));
    let mut n = 0;
    sets::for_each_row(site, set, lang, |r| {
        push_csv_row(&mut out, r);
        n += 1;
    });
    (n, out)
}

impl Package {
    /// Makes every file of the package once, to count, hash and zip it; only the zip and the
    /// descriptor are kept.
    pub fn new(site: &Site, lang: Lang) -> Package {
        let mut zip = Zip::new(site);
        let mut resources = Vec::new();
        // One file at a time, each dropped once zipped and hashed: a large site's money table
        // is tens of megabytes as text.
        for set in Set::ALL {
            let (rows, c) = site_csv(site, set, lang);
            zip.put(&format!("{}.csv", set.id()), c.as_bytes());
            let csv = FileMeta::of(&c);
            drop(c);
            let j = site_json(site, set);
            zip.put(&format!("{}.json", set.id()), j.as_bytes());
            resources.push(Resource {
                set,
                rows,
                csv,
                json: FileMeta::of(&j),
            });
        }
        let descriptor = descriptor(site, lang, &resources);
        zip.put(DESCRIPTOR, descriptor.as_bytes());
        Package {
            lang,
            resources,
            descriptor,
            zip: zip.finish(),
        }
    }

    /// The file `name` of the package's folder, made again (it is the same every time).
    pub fn file(&self, site: &Site, name: &str) -> Option<Vec<u8>> {
        if name == DESCRIPTOR {
            return Some(self.descriptor.clone().into_bytes());
        }
        if name == ZIP {
            return Some(self.zip.clone());
        }
        let (id, ext) = name.rsplit_once('.')?;
        let set = Set::from_id(id)?;
        match ext {
            "csv" => Some(site_csv(site, set, self.lang).1.into_bytes()),
            "json" => Some(site_json(site, set).into_bytes()),
            _ => None,
        }
    }
}

fn sha256(bytes: &[u8]) -> String {
    let d = sha2::Sha256::digest(bytes);
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// A licence's name as the Data Package spec wants it (an Open Definition / SPDX-like id:
/// lower-case letters, digits, `-._/`), when one can be made from what the site gives.
fn licence_id(name: &str) -> Option<String> {
    let id: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() { '-' } else { c })
        .collect();
    (!id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._/".contains(c)))
    .then_some(id)
}

/// The Table Schema of dataset `set`'s CSV in `lang`: every field with its header, id, type,
/// description, unit and the codes it may take.
fn schema_fields(set: Set, lang: Lang) -> Vec<Value> {
    set.fields()
        .iter()
        .map(|f| {
            let mut o = Map::new();
            o.insert("name".into(), f.header(lang).into());
            o.insert("id".into(), f.id.into());
            o.insert("type".into(), f.ty.schema().into());
            if !f.about.is_empty() {
                o.insert("description".into(), f.about.into());
            }
            if let Some(u) = f.unit {
                o.insert("unit".into(), u.into());
            }
            if !f.values.is_empty() {
                o.insert("constraints".into(), json!({ "enum": f.values }));
            }
            Value::Object(o)
        })
        .collect()
}

/// The two resources of a dataset: its CSV, a tabular resource with its schema, and its JSON.
fn resource_entries(r: &Resource, lang: Lang) -> [Value; 2] {
    let id = r.set.id();
    let csv = json!({
        "name": id,
        "path": format!("{id}.csv"),
        "profile": "tabular-data-resource",
        "type": "table",
        "title": r.set.title(lang),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": r.csv.bytes,
        "hash": r.csv.hash,
        "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
        "schema": { "fields": schema_fields(r.set, lang), "missingValues": [""] },
    });
    let json = json!({
        "name": format!("{id}-json"),
        "path": format!("{id}.json"),
        "profile": "data-resource",
        // Without it a validator takes the file for a resource descriptor of its own.
        "type": "json",
        "title": format!("{} (JSON)", r.set.title(lang)),
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "bytes": r.json.bytes,
        "hash": r.json.hash,
    });
    [csv, json]
}

/// The package's description: the site's, and a warning when some rows are illustrative.
fn description(site: &Site, lang: Lang) -> Option<String> {
    let illustrative = site
        .plans
        .iter()
        .any(|p| p.reports.iter().any(|r| r.illustrative) || p.illustrative_supervision());
    let description = [
        site.settings
            .description
            .as_ref()
            .map(|d| d.get(lang).text.to_string()),
        illustrative.then(|| match lang {
            crate::model::Lang::Vi => "Một số dòng là dữ liệu minh họa, không phải số liệu chính thức: cột `illustrative` (Minh họa) cho biết dòng nào.".to_string(),
            crate::model::Lang::En => "Some rows are illustrative data, not official figures: the column `illustrative` says which.".to_string(),
        }),
    ];
    let description: Vec<String> = description.into_iter().flatten().collect();
    (!description.is_empty()).then(|| description.join(" "))
}

/// The site's licence as the Data Package spec lists it.
fn licence((name, url): &(String, Option<String>)) -> Value {
    let mut l = Map::new();
    if let Some(id) = licence_id(name) {
        l.insert("name".into(), id.into());
    }
    if let Some(u) = url {
        l.insert("path".into(), u.clone().into());
    }
    l.insert("title".into(), name.clone().into());
    json!([l])
}

/// `datapackage.json`: the package's name, title, description, home, date, licence and source,
/// and its resources.
fn descriptor(site: &Site, lang: Lang, resources: &[Resource]) -> String {
    let st = &site.settings;
    let mut doc = Map::new();
    doc.insert("profile".into(), "data-package".into());
    doc.insert(
        "name".into(),
        format!("minhbach-open-data-{}", lang.code()).into(),
    );
    doc.insert("title".into(), st.title.get(lang).text.into());
    if let Some(d) = description(site, lang) {
        doc.insert("description".into(), d.into());
    }
    if let Some(b) = &st.base_url {
        doc.insert("homepage".into(), b.clone().into());
    }
    if let Some(d) = data_date(site) {
        doc.insert("created".into(), format!("{}T00:00:00Z", d.iso()).into());
    }
    if let Some(l) = &st.licence {
        doc.insert("licenses".into(), licence(l));
    }
    doc.insert(
        "sources".into(),
        json!([{ "title": st.publisher.get(lang).text }]),
    );
    let res = resources.iter().flat_map(|r| resource_entries(r, lang));
    doc.insert("resources".into(), Value::Array(res.collect()));
    let mut s = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
    s.push('\n');
    s
}

/// The package in one zip, deflated, every entry dated with the data's date (or 1 January 1980)
/// so that the same data always gives the same zip.
struct Zip {
    w: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
    options: zip::write::SimpleFileOptions,
    ok: bool,
}

impl Zip {
    fn new(site: &Site) -> Zip {
        let when = data_date(site)
            .and_then(|d| {
                let (y, m, day) = (u16::try_from(d.year).ok()?, d.month as u8, d.day as u8);
                zip::DateTime::from_date_and_time(y, m, day, 0, 0, 0).ok()
            })
            .unwrap_or_default();
        Zip {
            w: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())),
            options: zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .last_modified_time(when)
                .unix_permissions(0o644),
            ok: true,
        }
    }

    fn put(&mut self, name: &str, bytes: &[u8]) {
        use std::io::Write;
        let done = self
            .w
            .start_file(name, self.options)
            .and_then(|()| self.w.write_all(bytes).map_err(Into::into));
        self.ok &= done.is_ok();
    }

    /// Writing into memory cannot fail; were it to, the zip is empty, which the tests notice.
    fn finish(self) -> Vec<u8> {
        match (self.ok, self.w.finish()) {
            (true, Ok(c)) => c.into_inner(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_names_become_ids_when_they_can() {
        assert_eq!(licence_id("CC BY 4.0").as_deref(), Some("cc-by-4.0"));
        assert_eq!(licence_id("ODC-By"), Some("odc-by".to_string()));
        assert_eq!(licence_id("Giấy phép mở"), None);
    }
}

//! `check`'s and `verify`'s stand-in for an output folder: the same refusals as a build,
//! nothing written.
//!
//! Stage: output, the one writer; this part writes nothing.

use super::manifest::Entry;
use super::path::check_rel;
use super::{clash_page, clash_static};
use anyhow::{anyhow, bail, Result};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// `check`'s stand-in for an output folder: it records addresses (and, for `verify`, the hash
/// of each file), so that everything a build would refuse to write is refused without writing
/// anything.
#[derive(Debug, Default)]
pub struct DryRun {
    files: Mutex<BTreeMap<String, Option<Entry>>>,
    hash: bool,
}

impl DryRun {
    /// A dry run that also keeps the hash of every file, to compare with a built site.
    pub fn hashing() -> DryRun {
        DryRun {
            hash: true,
            ..DryRun::default()
        }
    }

    pub fn write(&self, rel: &str, content: &[u8]) -> Result<()> {
        self.claim(rel, content, || clash_page(rel))
    }

    pub fn copy(&self, rel: &str, content: &[u8], source: &str) -> Result<()> {
        self.claim(rel, content, || clash_static(rel, source))
    }

    fn claim(&self, rel: &str, content: &[u8], clash: impl Fn() -> String) -> Result<()> {
        check_rel(rel)?;
        let entry = self.hash.then(|| Entry::of(content));
        let fresh = self
            .files
            .lock()
            .map_err(|_| anyhow!("output bookkeeping failed"))?
            .insert(rel.to_string(), entry)
            .is_none();
        if !fresh {
            bail!("{}", clash())
        }
        Ok(())
    }

    /// Every file the run would write, with its hash when hashing.
    pub fn into_files(self) -> BTreeMap<String, Option<Entry>> {
        self.files.into_inner().unwrap_or_default()
    }
}

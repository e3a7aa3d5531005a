//! The menu of every page's header and footer, made once per language. Stage: render context.

use serde::Serialize;

use super::L;
use crate::model::{Lang, Nav, Site, Text};
use crate::render::links;

/// An entry of the menu: its address from the language's root, and its label.
#[derive(Serialize, Clone, Debug)]
pub struct MenuLink {
    pub path: String,
    pub label: L,
}

/// The site's menu in `lang`, made once per build.
pub fn menu(site: &Site, lang: Lang) -> Vec<MenuLink> {
    site.menu
        .iter()
        .map(|n| match *n {
            Nav::Page(i) => MenuLink {
                path: links::page(&site.pages[i].slug),
                label: label(&site.pages[i].text.title, lang),
            },
            Nav::Section(i) => MenuLink {
                path: links::section(&site.sections[i].path, 0),
                label: label(&site.sections[i].text.title, lang),
            },
        })
        .collect()
}

fn label(t: &Text, lang: Lang) -> L {
    match (lang, &t.en) {
        (Lang::En, Some(en)) => L {
            text: en.clone(),
            fallback: false,
        },
        (Lang::En, None) => L {
            text: t.vi.clone(),
            fallback: true,
        },
        (Lang::Vi, _) => L {
            text: t.vi.clone(),
            fallback: false,
        },
    }
}

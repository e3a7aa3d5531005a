//! The "page not found" page, which finds its way back to the site from any depth.
//!
//! Stage: views (see `views/mod.rs`): imports the context and page parts, never another view.

use serde::Serialize;

use crate::model::Lang;
use crate::render::context::{csp_hash, Ctx, Meta, CSP};
/// The 404 page finds the site's root by itself: a server shows it for a missing address at any
/// depth, so no relative link on it can be right. Its links are root-relative ("/index.html",
/// right when the site is at the root of its host); this script, allowed by its hash, looks for
/// the folder that holds `static/site.js`, from the deepest up, and points the links there.
pub const NOT_FOUND_JS: &str = r#"document.addEventListener("DOMContentLoaded",function(){if(location.protocol==="file:")return;var s=location.pathname.split("/");s.pop();var c=[];while(s.length){c.push(s.join("/")+"/");s.pop();}var l=document.querySelectorAll("a[href^='/']");function t(i){if(i>=c.length||c[i]==="/")return;fetch(c[i]+"static/site.js",{method:"HEAD"}).then(function(r){if(r.ok){l.forEach(function(a){a.setAttribute("href",c[i]+a.getAttribute("href").slice(1));});}else{t(i+1);}},function(){t(i+1);});}t(0);});"#;

#[derive(Serialize)]
pub struct NotFoundView<'a> {
    pub meta: Meta<'a>,
    pub home_url: String,
    /// Without a base URL: the theme's style sheet and the root-finding script, inline.
    pub inline_css: Option<String>,
    pub inline_js: Option<&'static str>,
}

pub fn not_found<'a>(cx: &Ctx<'a>, css: Option<&str>) -> NotFoundView<'a> {
    let mut meta = cx.meta("404.html", cx.ui.get("not_found_title").to_string());
    let base = cx.site.settings.base_url.clone();
    let inline = base.is_none();
    let base = base.unwrap_or_else(|| "/".to_string());
    meta.assets = base.clone();
    meta.root = format!("{base}{}", cx.lang.prefix());
    meta.switch_url = format!("{base}{}404.html", cx.lang.other().prefix());
    meta.feed = format!("{}feed.xml", meta.root);
    meta.alternates = Lang::ALL
        .iter()
        .map(|l| (l.code(), format!("{base}{}404.html", l.prefix())))
        .collect();
    let inline_css = css.filter(|_| inline).map(str::to_string);
    let inline_js = inline.then_some(NOT_FOUND_JS);
    if inline {
        let style = inline_css.as_deref().map_or_else(
            || "'self'".to_string(),
            |c| format!("'self' {}", csp_hash(c)),
        );
        meta.csp = CSP
            .replace("{script}", &format!("'self' {}", csp_hash(NOT_FOUND_JS)))
            .replace("{style}", &style);
    }
    NotFoundView {
        home_url: format!("{}index.html", meta.root),
        meta,
        inline_css,
        inline_js,
    }
}

//! Markdown → HTML for narrative pages and plan documents (CommonMark with tables).

use pulldown_cmark::{html, Options, Parser};

pub fn to_html(markdown: &str) -> String {
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, Parser::new_ext(markdown, opts));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_tables_and_headings() {
        let html = super::to_html("# Kế hoạch\n\n| TT | Mục tiêu |\n|---|---|\n| 1 | Thu nhập |\n");
        assert!(html.contains("<h1>Kế hoạch</h1>"));
        assert!(html.contains("<td>Thu nhập</td>"));
    }
}

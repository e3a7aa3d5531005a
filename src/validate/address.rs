//! Validation: the addresses an author writes (the site's own `base_url`, a plan's source page,
//! the channels for reporting an error or a concern): what each may hold, and what is wrong with
//! one in plain words. Used by validation and by the command line (`--base-url`).

/// An address on the web a page may link to: `https://` or `http://`, a host, no spaces or
/// quotes.
pub fn web_url(url: &str) -> Result<String, String> {
    let shown = crate::problem::clip(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("\"{shown}\" must start with https:// (or http://)"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("\"{shown}\" names no host after https://"));
    }
    address_chars(url)?;
    Ok(url.to_string())
}

/// The characters no address may hold, whatever its kind: spaces, quotes, angle brackets,
/// backticks, control and invisible characters. (A space is written `%20`.)
fn address_chars(url: &str) -> Result<(), String> {
    if url.contains(|c: char| {
        c.is_whitespace()
            || c.is_control()
            || crate::model::text::is_forbidden(c)
            || matches!(c, '"' | '<' | '>' | '`' | '\\')
    }) {
        return Err(format!(
            "\"{}\" contains a space, a quote, an angle bracket, a backslash or an invisible character; write the address as the browser shows it",
            crate::problem::clip(url)
        ));
    }
    Ok(())
}

/// An e-mail address for readers, `mailto:name@example.gov.vn`, optionally with the author's
/// own `?subject=…&body=…` (the site then adds the page's address to the body, never a second
/// subject).
pub fn mailto(url: &str) -> Result<String, String> {
    let shown = crate::problem::clip(url);
    address_chars(url)?;
    let rest = url.strip_prefix("mailto:").unwrap_or(url);
    let (addr, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (local, domain) = addr.split_once('@').unwrap_or(("", ""));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'));
    if local.is_empty() || local.contains(['@', ',', ';', '(', ')', '[', ']', ':']) || !domain_ok {
        return Err(format!(
            "\"{shown}\" is not one e-mail address: write it as \"mailto:name@example.gov.vn\""
        ));
    }
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let key = part
            .split('=')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if !matches!(key.as_str(), "subject" | "body" | "cc" | "bcc") {
            return Err(format!(
                "\"{shown}\": `{}` is not a part of an e-mail address; only subject=, body=, cc= and bcc= may follow `?`",
                crate::problem::clip(part)
            ));
        }
    }
    Ok(url.to_string())
}

/// The public address of the site, ending in `/`; or what is wrong with it.
pub fn base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(format!("\"{url}\" must be a full address starting with https:// (or http://), e.g. \"https://example.org/kehoach/\""));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || "\"'<>&?#\\".contains(*c))
    {
        return Err(format!("\"{url}\" contains `{c}`: give the folder address of the site only, e.g. \"https://example.org/kehoach/\""));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod address_tests {
    #[test]
    fn report_addresses_follow_the_rules_of_every_address() {
        for ok in [
            "mailto:tiepdan@vanquan.langson.gov.vn",
            "mailto:a.b@ex.vn?subject=G%C3%B3p%20%C3%BD",
            "https://dichvucong.gov.vn/p/phananh",
        ] {
            let r = if ok.starts_with("mailto:") {
                super::mailto(ok)
            } else {
                super::web_url(ok)
            };
            assert!(r.is_ok(), "{ok}: {r:?}");
        }
        for bad in [
            "mailto:a b@ex.vn",
            "mailto:a@ex.vn?subject=a b",
            "mailto:a@ex.vn\u{202e}",
            "mailto:a@ex.vn?x=\"><script>",
            "mailto:a@ex.vn?attach=/etc/passwd",
            "mailto:a@b@ex.vn",
            "mailto:a@ex.vn,b@ex.vn",
            "mailto:@ex.vn",
            "mailto:a@localhost",
            "mailto:a@ex.vn`",
        ] {
            assert!(super::mailto(bad).is_err(), "{bad}");
        }
        assert!(super::web_url("https://ex.vn/\u{202e}x").is_err());
        assert!(super::web_url("https://ex.vn\\@evil.org").is_err());
    }
}

#[cfg(test)]
mod base_url_tests {
    #[test]
    fn base_url_ends_with_a_slash_and_has_no_query() {
        assert_eq!(
            super::base_url(" https://ex.org/kehoach ").as_deref(),
            Ok("https://ex.org/kehoach/")
        );
        assert!(super::base_url("ex.org").unwrap_err().contains("https://"));
        assert!(super::base_url("https://ex.org/a?x=1")
            .unwrap_err()
            .contains("`?`"));
        assert!(super::base_url("https://ex.org/<a>").is_err());
    }
}

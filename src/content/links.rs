//! URLs in front matter: a post's `link` and a variant's `permalink` (and any URL key the
//! format adds later) must be `http://` or `https://` web addresses.
//!
//! A `javascript:` or `data:` link runs code where it is clicked, a `file:` link points
//! at the reviewer's disk, and no network posts a `mailto:` link as a link. Such a value
//! is reported at its line and left out of the model, so it reaches neither the
//! platform texts, the site nor the publish queue.

use super::fields::Reader;
use super::node::Entry;
use crate::diagnostic::{Rule, Severity};
use crate::model::Spanned;

/// A URL whose scheme is not http or https.
pub const LINK_SCHEME: Rule = Rule {
    name: "link-scheme",
    default: Severity::Error,
    summary: "A `link` or `permalink` that is not an http:// or https:// address (javascript:, data:, file:, mailto:, or no scheme at all); it is left out of texts, site and exports.",
};

/// The rules this module reports.
pub const RULES: &[&Rule] = &[&LINK_SCHEME];

/// Reads the URL-valued `entry`: the string when it is a web address, otherwise
/// `None` with a `link-scheme` error at the value.
pub fn read_url(entry: &Entry, r: &mut Reader<'_>) -> Option<Spanned<String>> {
    let url = r.string(entry)?;
    if is_web_url(&url.value) {
        return Some(url);
    }
    let scheme = scheme_of(&url.value);
    let message = match scheme {
        Some(scheme) => format!(
            "`{}` = \"{}\" is a `{scheme}:` link; only http:// and https:// links may go out",
            entry.key, url.value
        ),
        None => format!(
            "`{}` = \"{}\" is not a full web address (http:// or https://)",
            entry.key, url.value
        ),
    };
    let width = url.value.chars().count() as u32 + 2;
    let d = r.report(&LINK_SCHEME, url.pos, message);
    d.end_column = d.column + width;
    d.help = Some(help_for(&url.value, scheme));
    None
}

/// Whether `url` is an absolute `http://` or `https://` address with a host and without
/// control characters or spaces.
pub fn is_web_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let has_host = rest.chars().next().is_some_and(|c| !matches!(c, '/' | '?' | '#'));
    web && has_host && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The scheme `url` starts with (`javascript` in `javascript:alert(1)`), if any: letters,
/// digits, `+`, `-` and `.` before a colon, starting with a letter.
fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.trim_start().split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// How to fix a URL that is not a web address.
fn help_for(url: &str, scheme: Option<&str>) -> String {
    match scheme {
        Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            "write the whole address, e.g. https://example.com/page, without spaces".to_owned()
        }
        Some(_) => "link to a web page (https://...); put other addresses in the text".to_owned(),
        None => format!(
            "write the whole address: https://{}",
            url.trim().trim_start_matches('/')
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::node::parse_toml;

    #[test]
    fn only_http_and_https_addresses_are_web_urls() {
        for ok in ["https://radwerk.de/winter", "http://a.de", "HTTPS://A.DE/?x=1#f"] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript://%0aalert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "mailto:info@radwerk.de",
            "radwerk.de/winter",
            "https:///path",
            "https://",
            "https://a.de/\u{1b}[2J",
            " https://a.de",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    /// One finding as (rule, line, column, help).
    type Found = (&'static str, u32, u32, Option<String>);

    /// Reads `link = VALUE`: the URL kept, and the findings.
    fn read(value: &str) -> (Option<String>, Vec<Found>) {
        let node = parse_toml(&format!("title = \"t\"\nlink = {value}\n"), 1).unwrap();
        let super::super::node::Value::Table(entries) = &node.value else {
            panic!("a table");
        };
        let mut r = Reader::new("posts/a.md");
        let url = read_url(&entries[1], &mut r).map(|u| u.value);
        let found = r
            .diagnostics
            .iter()
            .map(|d| (d.rule, d.line, d.column, d.help.clone()));
        (url, found.collect())
    }

    #[test]
    fn other_schemes_are_an_error_at_the_value_and_dropped() {
        let (url, found) = read("\"javascript:alert(1)\"");
        assert_eq!(url, None);
        assert_eq!(found[0].0, "link-scheme");
        assert_eq!((found[0].1, found[0].2), (2, 8));
        let (_, found) = read("\"radwerk.de/winter\"");
        assert_eq!(
            found[0].3.as_deref(),
            Some("write the whole address: https://radwerk.de/winter")
        );
        assert_eq!(
            read("\"https://radwerk.de\"").0.as_deref(),
            Some("https://radwerk.de")
        );
    }
}

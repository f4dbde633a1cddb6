//! Markdown to HTML that is safe to put in a page: pulldown-cmark renders, ammonia
//! sanitises. Raw HTML in a content file is kept only where it is harmless (no
//! script, no event handlers, no `javascript:` or `data:` URLs), so nothing in a post
//! can run in a reviewer's browser.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pulldown_cmark::{Options, Parser, html};

use super::format::href;
use crate::model::MediaFile;

/// Renders `text` as sanitised HTML for a page whose root prefix is `root`.
///
/// Relative URLs that name a file under `media/` are pointed at the copy in the site;
/// other relative URLs (which would be broken links in the output) are dropped, as are
/// `#` links.
pub fn render_markdown(text: &str, root: &str, media: &BTreeMap<String, MediaFile>) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(text, options));
    let rewrite = MediaRewrite {
        root: root.to_owned(),
        media: media.keys().cloned().collect(),
    };
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(rewrite)))
        .clean(&raw)
        .to_string()
}

/// Points relative links at media files into the site; drops other relative links.
struct MediaRewrite {
    root: String,
    media: Vec<String>,
}

impl<'a> ammonia::UrlRelativeEvaluate<'a> for MediaRewrite {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        let path = url.trim_start_matches("./").trim_start_matches('/');
        let path = percent_decode(path.split(['#', '?']).next().unwrap_or_default());
        let path = path.as_str();
        let known = self.media.binary_search_by(|p| p.as_str().cmp(path)).is_ok();
        known.then(|| Cow::Owned(format!("{}{}", self.root, href(path))))
    }
}

/// Undoes `%XX` escapes (pulldown-cmark escapes spaces and non-ASCII in URLs).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        render_markdown(text, "../", &BTreeMap::new())
    }

    #[test]
    fn markdown_becomes_html() {
        let out = render("Hello **world**\n\n- a\n- b");
        assert!(out.contains("<strong>world</strong>"), "{out}");
        assert!(out.contains("<li>a</li>"), "{out}");
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        let out = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n\
             <a href=\"JaVaScRiPt:alert(1)\">x</a> <iframe src=\"https://evil\"></iframe>\n\n\
             <svg onload=alert(1)></svg> <div style=\"background:url(javascript:x)\">s</div>",
        );
        let lower = out.to_lowercase();
        assert!(!lower.contains("<script"), "{out}");
        assert!(!lower.contains("onerror"), "{out}");
        assert!(!lower.contains("onload"), "{out}");
        assert!(!lower.contains("javascript:"), "{out}");
        assert!(!lower.contains("<iframe"), "{out}");
        assert!(!lower.contains("style="), "{out}");
    }

    #[test]
    fn media_links_point_into_the_site_and_other_relative_links_go() {
        let mut media = BTreeMap::new();
        let file = MediaFile {
            path: "media/a b.png".into(),
            bytes: 1,
            kind: crate::model::MediaKind::Image,
            width: None,
            height: None,
        };
        media.insert("media/a b.png".to_owned(), file);
        let out = render_markdown("![Alt](<media/a b.png>) [x](other.md)", "../../", &media);
        assert!(out.contains("src=\"../../media/a%20b.png\""), "{out}");
        assert!(out.contains("alt=\"Alt\""), "{out}");
        assert!(!out.contains("other.md"), "{out}");
    }
}

//! Markdown to HTML that is safe to put in a page: pulldown-cmark renders, ammonia
//! sanitises. Raw HTML in a content file is kept only where it is harmless (no
//! script, no event handlers, no `javascript:` or `data:` URLs), so nothing in a post
//! can run in a reviewer's browser.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use super::format::href;
use crate::model::MediaFile;

/// Renders `text` as sanitised HTML for a page whose root prefix is `root`; a Markdown
/// `#` heading becomes `<h{top}>` (and `##` one level below), so content headings sit
/// under the page's own outline.
///
/// Relative URLs that name a file under `media/` are pointed at the copy in the site;
/// other relative URLs (which would be broken links in the output) are dropped, as are
/// `#` links.
pub fn render_markdown(text: &str, root: &str, media: &BTreeMap<String, MediaFile>, top: u8) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::new();
    let shift = usize::from(top.clamp(1, 6) - 1);
    let events = Parser::new_ext(text, options).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: shifted(level, shift),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shifted(level, shift))),
        other => other,
    });
    html::push_html(&mut raw, events);
    let rewrite = MediaRewrite {
        root: root.to_owned(),
        media,
    };
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(rewrite)))
        .clean(&raw)
        .to_string()
}

/// `level` moved down by `shift`, at most to `<h6>`.
fn shifted(level: HeadingLevel, shift: usize) -> HeadingLevel {
    let levels = [
        HeadingLevel::H1,
        HeadingLevel::H2,
        HeadingLevel::H3,
        HeadingLevel::H4,
        HeadingLevel::H5,
        HeadingLevel::H6,
    ];
    let index = levels.iter().position(|l| *l == level).unwrap_or(0);
    levels[(index + shift).min(levels.len() - 1)]
}

/// Points relative links at media files into the site; drops other relative links.
struct MediaRewrite<'m> {
    root: String,
    media: &'m BTreeMap<String, MediaFile>,
}

impl<'a> ammonia::UrlRelativeEvaluate<'a> for MediaRewrite<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        let path = url.trim_start_matches("./").trim_start_matches('/');
        let path = percent_decode(path.split(['#', '?']).next().unwrap_or_default());
        let path = path.as_str();
        let known = self.media.contains_key(path);
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
        render_markdown(text, "../", &BTreeMap::new(), 1)
    }

    #[test]
    fn headings_move_under_the_page_outline() {
        let out = render_markdown("# Top\n\n## Sub\n\n###### Deep", "", &BTreeMap::new(), 3);
        assert!(
            out.contains("<h3>Top</h3>") && out.contains("<h4>Sub</h4>") && out.contains("<h6>Deep</h6>"),
            "{out}"
        );
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
        let out = render_markdown("![Alt](<media/a b.png>) [x](other.md)", "../../", &media, 1);
        assert!(out.contains("src=\"../../media/a%20b.png\""), "{out}");
        assert!(out.contains("alt=\"Alt\""), "{out}");
        assert!(!out.contains("other.md"), "{out}");
    }
}

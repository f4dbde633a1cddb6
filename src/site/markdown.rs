//! Markdown to HTML that is safe to put in a page: pulldown-cmark renders, ammonia
//! sanitises. Raw HTML in a content file is kept only where it is harmless (no
//! script, no event handlers, no `javascript:` or `data:` URLs), so nothing in a post
//! can run in a reviewer's browser.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::model::MediaFile;
use crate::site::paths::href;

/// What relative links in Markdown may point at: media files and the content files
/// that have a page (repository-relative path → output path).
#[derive(Clone, Copy)]
pub struct LinkTargets<'a> {
    /// Files under `media/`, by repository-relative path.
    pub media: &'a BTreeMap<String, MediaFile>,
    /// Content files with a page of their own, e.g. `personas/paula.md` → `personas/paula.html`.
    pub pages: &'a HashMap<&'a str, String>,
}

/// Where a piece of Markdown is rendered: the file it comes from, the page's root prefix
/// and the level a Markdown `#` heading becomes.
#[derive(Clone, Copy)]
pub struct Placement<'a> {
    /// Repository-relative path of the file the Markdown is written in.
    pub source: &'a str,
    /// The page's relative prefix to the site root (`../`).
    pub root: &'a str,
    /// `<h{top}>` for the text's shallowest heading (`#`, or `##` in a text without `#`), one
    /// level lower for the next, so content headings sit under the page's outline.
    pub top: u8,
}

/// Renders `text` as sanitised HTML.
///
/// Relative URLs, read from the source file's folder or from the repository root, that
/// name a media file or a content file with a page (`../personas/paula.md`) are pointed
/// at the copy or page in the site; other relative URLs (which would be broken links in
/// the output) are dropped, as are `#` links.
pub fn render_markdown(text: &str, at: Placement<'_>, targets: LinkTargets<'_>) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::new();
    let events: Vec<Event<'_>> = Parser::new_ext(text, options).collect();
    let mut outline = Outline::new(at.top, &events);
    let events: Vec<Event<'_>> = events
        .into_iter()
        .map(|event| match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: outline.open(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Heading(outline.current)),
            other => other,
        })
        .collect();
    let sanitise = events.iter().any(needs_sanitising);
    html::push_html(&mut raw, events.into_iter());
    if !sanitise {
        return raw;
    }
    let rewrite = LinkRewrite {
        root: at.root.to_owned(),
        folder: at
            .source
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder)
            .to_owned(),
        targets,
    };
    let clean = ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_relative(ammonia::UrlRelative::Custom(Box::new(rewrite)))
        .clean(&raw)
        .to_string();
    without_dead_urls(&clean)
}

/// Sanitised HTML without what a removed URL leaves behind: an `<img>` without `src`
/// (an empty box) is dropped, and an `<a>` without `href` loses the `rel` ammonia adds to
/// every link (`rel` on a placeholder link is invalid HTML).
///
/// Works on ammonia's serialisation: every `<` outside a quoted attribute value opens a
/// tag, and attributes are written as ` name="value"` with `"` escaped.
fn without_dead_urls(html: &str) -> String {
    const REL: &str = " rel=\"noopener noreferrer nofollow\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_and_after = &rest[start..];
        let mut quoted = false;
        let end = tag_and_after
            .char_indices()
            .find(|&(_, c)| {
                quoted ^= c == '"';
                c == '>' && !quoted
            })
            .map_or(tag_and_after.len(), |(i, _)| i + 1);
        let tag = &tag_and_after[..end];
        let has = |attribute: &str| tag.contains(&format!(" {attribute}=\""));
        if tag.starts_with("<img") && tag[4..].starts_with([' ', '>', '/']) && !has("src") {
            // dropped
        } else if tag.starts_with("<a ") && !has("href") {
            out.push_str(&tag.replacen(REL, "", 1));
        } else {
            out.push_str(tag);
        }
        rest = &tag_and_after[end..];
    }
    out.push_str(rest);
    out
}

/// Heading levels for Markdown placed under a page heading: the shallowest level in the
/// text becomes `<h{top}>` and no heading is more than one level below the one before, so
/// a text that starts at `##` or jumps from `#` to `###` still gives the page an outline
/// without skipped levels.
struct Outline {
    /// Index (0 for `h1`) the shallowest heading of the text moves to.
    top: usize,
    /// Index of the shallowest heading in the text.
    shallowest: usize,
    /// Index of the last heading written; `top - 1` before the first (the page's heading).
    previous: Option<usize>,
    /// The level of the heading being written, for its end tag.
    current: HeadingLevel,
}

const LEVELS: [HeadingLevel; 6] = [
    HeadingLevel::H1,
    HeadingLevel::H2,
    HeadingLevel::H3,
    HeadingLevel::H4,
    HeadingLevel::H5,
    HeadingLevel::H6,
];

impl Outline {
    fn new(top: u8, events: &[Event<'_>]) -> Self {
        let shallowest = events
            .iter()
            .filter_map(|event| match event {
                Event::Start(Tag::Heading { level, .. }) => Some(index(*level)),
                _ => None,
            })
            .min()
            .unwrap_or(0);
        Outline {
            top: usize::from(top.clamp(1, 6) - 1),
            shallowest,
            previous: None,
            current: HeadingLevel::H1,
        }
    }

    /// The level a heading written as `level` gets.
    fn open(&mut self, level: HeadingLevel) -> HeadingLevel {
        let wanted = index(level) - self.shallowest + self.top;
        let deepest = self.previous.map_or(self.top, |previous| previous + 1);
        let at = wanted.min(deepest).min(LEVELS.len() - 1);
        self.previous = Some(at);
        self.current = LEVELS[at];
        self.current
    }
}

fn index(level: HeadingLevel) -> usize {
    LEVELS.iter().position(|l| *l == level).unwrap_or(0)
}

/// Whether an event can put anything but escaped text and plain markup into the HTML:
/// raw HTML, and links and images (whose URLs are checked and rewritten). Markdown
/// without them renders to HTML pulldown-cmark has fully escaped, so sanitising it
/// again (an HTML parse per post, a tenth of a 10,000-post build) is skipped.
fn needs_sanitising(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
    )
}

/// The Markdown without a first `# Heading` that only repeats `name` (the page shows it already).
pub(super) fn without_title<'a>(markdown: &'a str, name: &str) -> &'a str {
    let trimmed = markdown.trim_start();
    let Some(rest) = trimmed.strip_prefix("# ") else {
        return markdown;
    };
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    if line.trim() == name.trim() {
        after
    } else {
        markdown
    }
}

/// Points relative links at media copies and pages in the site; drops the others.
struct LinkRewrite<'m> {
    root: String,
    folder: String,
    targets: LinkTargets<'m>,
}

impl<'a> ammonia::UrlRelativeEvaluate<'a> for LinkRewrite<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        let (path, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        let path = percent_decode(path.split('?').next().unwrap_or_default());
        let from_root = resolve("", path.trim_start_matches('/'));
        let from_file = resolve(&self.folder, &path);
        for candidate in [from_file, from_root].into_iter().flatten() {
            if self.targets.media.contains_key(&candidate) {
                return Some(Cow::Owned(format!("{}{}", self.root, href(&candidate))));
            }
            if let Some(page) = self.targets.pages.get(candidate.as_str()) {
                let fragment = fragment.map(|f| format!("#{}", href(f))).unwrap_or_default();
                return Some(Cow::Owned(format!("{}{}{fragment}", self.root, href(page))));
            }
        }
        None
    }
}

/// `path` read from `folder` (both `/`-separated, repository-relative), without `.` and
/// `..`; `None` when it climbs out of the repository or is empty.
fn resolve(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
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
        render_at(text, "posts/a.md", "../", 1, &BTreeMap::new(), &HashMap::new())
    }

    fn render_at(
        text: &str,
        source: &str,
        root: &str,
        top: u8,
        media: &BTreeMap<String, MediaFile>,
        pages: &HashMap<&str, String>,
    ) -> String {
        let at = Placement { source, root, top };
        render_markdown(text, at, LinkTargets { media, pages })
    }

    #[test]
    fn headings_move_under_the_page_outline() {
        let out = render_at(
            "# Top\n\n## Sub\n\n###### Deep",
            "a.md",
            "",
            3,
            &BTreeMap::new(),
            &HashMap::new(),
        );
        assert!(
            out.contains("<h3>Top</h3>") && out.contains("<h4>Sub</h4>") && out.contains("<h5>Deep</h5>"),
            "{out}"
        );
    }

    #[test]
    fn the_shallowest_heading_sits_right_under_the_page_heading_and_none_skips_a_level() {
        let (media, pages) = (BTreeMap::new(), HashMap::new());
        let out = render_at("## Why\n\n#### Detail\n\n## How", "a.md", "", 2, &media, &pages);
        assert_eq!(
            out.matches("<h2>").count(),
            2,
            "`##` is the text's top level: {out}"
        );
        assert!(out.contains("<h3>Detail</h3>"), "no skipped level: {out}");
        let out = render_at("### Deep\n\n# Top", "a.md", "", 3, &media, &pages);
        assert!(
            out.contains("<h3>Deep</h3>") && out.contains("<h3>Top</h3>"),
            "{out}"
        );
    }

    #[test]
    fn a_removed_url_leaves_no_empty_image_and_no_rel_on_a_placeholder_link() {
        let out = render(
            "[click](javascript:alert(1)) <img src=\"javascript:x\" alt=\"a > b\"> ![i](data:x) \
             [ok](https://example.org) <img alt='x\"y'> ![kept](https://example.org/a.png)",
        );
        assert!(out.contains("<a>click</a>"), "{out}");
        assert!(
            out.contains(r#"<a href="https://example.org" rel="noopener noreferrer nofollow">ok</a>"#),
            "{out}"
        );
        assert_eq!(out.matches("<img").count(), 1, "{out}");
        assert!(out.contains(r#"src="https://example.org/a.png""#), "{out}");
        assert!(!out.contains("a > b") && !out.contains("&quot;y"), "{out}");
    }

    #[test]
    fn a_heading_that_repeats_the_name_is_dropped() {
        assert_eq!(without_title("# Paula\nText", "Paula"), "Text");
        assert_eq!(without_title("\n# Paula", "Paula"), "");
        assert_eq!(without_title("# Other\nText", "Paula"), "# Other\nText");
        assert_eq!(without_title("Text", "Paula"), "Text");
    }

    #[test]
    fn markdown_becomes_html() {
        let out = render("Hello **world**\n\n- a\n- b");
        assert!(out.contains("<strong>world</strong>"), "{out}");
        assert!(out.contains("<li>a</li>"), "{out}");
    }

    #[test]
    fn text_without_html_or_links_is_escaped_without_a_sanitising_pass() {
        let out = render("Fish & chips < 5 > 3 \"quoted\" 'single'\n\n`<script>` ~~gone~~");
        assert!(out.contains("Fish &amp; chips &lt; 5 &gt; 3"), "{out}");
        assert!(out.contains("<code>&lt;script&gt;</code>"), "{out}");
        assert!(!out.contains("<script"), "{out}");
        let safe = Parser::new("Fish & chips\n\n- a\n\n`<b>`");
        assert!(!safe.into_iter().any(|e| needs_sanitising(&e)));
        for risky in [
            "<b>x</b>",
            "[a](https://x)",
            "![i](a.png)",
            "<https://x>",
            "<div>\nx\n</div>",
        ] {
            assert!(
                Parser::new(risky).into_iter().any(|e| needs_sanitising(&e)),
                "{risky} must be sanitised"
            );
        }
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
            duration: None,
        };
        media.insert("media/a b.png".to_owned(), file);
        let mut pages = HashMap::new();
        pages.insert("personas/paula.md", "personas/paula.html".to_owned());
        let text = "![Alt](<media/a b.png>) [x](other.md) [Paula](../../personas/paula.md#why) \
                    ![up](../../media/a%20b.png) [out](../../../../etc/passwd)";
        let out = render_at(text, "posts/2026/p.md", "../../", 1, &media, &pages);
        assert!(out.contains("src=\"../../media/a%20b.png\""), "{out}");
        assert!(out.contains("alt=\"Alt\""), "{out}");
        assert!(!out.contains("other.md"), "{out}");
        assert!(out.contains("href=\"../../personas/paula.html#why\""), "{out}");
        assert_eq!(out.matches("src=\"../../media/a%20b.png\"").count(), 2, "{out}");
        assert!(!out.contains("passwd"), "{out}");
    }
}
